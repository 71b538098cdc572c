import { parseIp } from './ipAddress';
import {
  ipRangeBounds,
  ipRangeContains,
  ipRangesOverlap,
  ipRangeSize,
  parseCidrRange,
  parseStartStopRange,
} from './ipRange';

describe('parseCidrRange', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.0', '10.0.0.255', 256n],
    ['10.0.0.5/24', '10.0.0.0', '10.0.0.255', 256n],
    ['10.0.0.7/32', '10.0.0.7', '10.0.0.7', 1n],
    ['10.0.0.7/31', '10.0.0.6', '10.0.0.7', 2n],
    ['0.0.0.0/0', '0.0.0.0', '255.255.255.255', 1n << 32n],
    ['2001:db8::/64', '2001:db8::', '2001:db8::ffff:ffff:ffff:ffff', 1n << 64n],
    ['2001:db8::1/128', '2001:db8::1', '2001:db8::1', 1n],
    ['2001:db8::/127', '2001:db8::', '2001:db8::1', 2n],
    ['::/0', '::', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 1n << 128n],
  ])('%s spans %s-%s (%s addresses)', (text, first, last, size) => {
    const range = parseCidrRange(text)!;
    expect(range.fromCidr).toBe(true);
    expect(range.label).toBe(text);
    expect(ipRangeBounds(range)).toEqual({ first, last });
    expect(ipRangeSize(range)).toBe(size);
  });

  it.each([
    ['10.0.0.0'],
    ['10.0.0.0/33'],
    ['2001:db8::/129'],
    ['10.0.0.0/'],
    ['10.0.0.0/a'],
    ['10.0.0/24'],
    ['/24'],
  ])('refuses %p', text => {
    expect(parseCidrRange(text)).toBeUndefined();
  });
});

describe('parseStartStopRange', () => {
  it.each([
    ['10.0.0.10', '10.0.0.20', '10.0.0.10-10.0.0.20', 11n],
    ['10.0.0.10', undefined, '10.0.0.10', 1n],
    ['10.0.0.10', '', '10.0.0.10', 1n],
    ['10.0.0.10', '10.0.0.10', '10.0.0.10-10.0.0.10', 1n],
    ['2001:db8::10', '2001:db8::1f', '2001:db8::10-2001:db8::1f', 16n],
  ])('%s-%s is %s with %s addresses', (start, stop, label, size) => {
    const range = parseStartStopRange(start, stop)!;
    expect(range.fromCidr).toBe(false);
    expect(range.label).toBe(label);
    expect(ipRangeSize(range)).toBe(size);
  });

  it.each([
    ['10.0.0.20', '10.0.0.10'],
    ['10.0.0.1', '2001:db8::1'],
    ['nope', undefined],
    ['10.0.0.1', 'nope'],
  ])('refuses %s-%s', (start, stop) => {
    expect(parseStartStopRange(start, stop)).toBeUndefined();
  });
});

describe('ipRangeContains', () => {
  const v4 = parseCidrRange('10.0.0.0/30')!;
  const v6 = parseCidrRange('2001:db8::/126')!;
  it.each([
    [v4, '10.0.0.0', true],
    [v4, '10.0.0.3', true],
    [v4, '10.0.0.4', false],
    [v4, '9.255.255.255', false],
    [v6, '2001:db8::3', true],
    [v6, '2001:db8::4', false],
    // The same integer in the other family is not a member.
    [parseCidrRange('0.0.0.0/30')!, '::1', false],
  ])('%#: contains %s is %s', (range, ip, expected) => {
    expect(ipRangeContains(range, parseIp(ip)!)).toBe(expected);
  });
});

describe('ipRangesOverlap', () => {
  it.each([
    ['10.0.0.0/24', '10.0.0.128/25', true],
    ['10.0.0.0/25', '10.0.0.128/25', false],
    ['10.0.0.0/24', '10.0.0.255/32', true],
    ['10.0.0.0/24', '10.0.1.0/32', false],
    ['0.0.0.0/30', '::/126', false],
    ['2001:db8::/64', '2001:db8::ffff/128', true],
  ])('%s and %s overlap: %s', (a, b, expected) => {
    const left = parseCidrRange(a)!;
    const right = parseCidrRange(b)!;
    expect(ipRangesOverlap(left, right)).toBe(expected);
    expect(ipRangesOverlap(right, left)).toBe(expected);
  });

  it('compares CIDRs with start/stop ranges', () => {
    const cidr = parseCidrRange('10.0.0.0/28')!;
    expect(
      ipRangesOverlap(cidr, parseStartStopRange('10.0.0.15', '10.0.0.20')!),
    ).toBe(true);
    expect(
      ipRangesOverlap(cidr, parseStartStopRange('10.0.0.16', '10.0.0.20')!),
    ).toBe(false);
  });
});
