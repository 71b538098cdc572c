import { parseIp } from './ipAddress';
import { parseCidrRange, parseStartStopRange } from './ipRange';
import {
  allowsFirstLastIps,
  countAsNumber,
  IpPoolSpec,
  isReservedAddress,
  parsePoolRanges,
  poolCapacity,
  poolRangeOf,
} from './ipPool';

describe('parsePoolRanges', () => {
  it.each<[string, IpPoolSpec | undefined, string[], string[]]>([
    ['no spec', undefined, [], []],
    [
      'v2 cidr block',
      { blocks: [{ cidr: '10.0.0.0/24' }] },
      ['10.0.0.0/24'],
      [],
    ],
    [
      'v2 start/stop and lone start',
      {
        blocks: [
          { start: '10.0.0.10', stop: '10.0.0.20' },
          { start: '10.0.0.30' },
        ],
      },
      ['10.0.0.10-10.0.0.20', '10.0.0.30'],
      [],
    ],
    [
      'deprecated cidrs',
      { cidrs: [{ cidr: '10.1.0.0/28' }] },
      ['10.1.0.0/28'],
      [],
    ],
    [
      'blocks then cidrs',
      { blocks: [{ cidr: '10.0.0.0/30' }], cidrs: [{ cidr: '10.1.0.0/30' }] },
      ['10.0.0.0/30', '10.1.0.0/30'],
      [],
    ],
    [
      'cidr wins over start/stop in one block',
      { blocks: [{ cidr: '10.0.0.0/30', start: '10.9.0.1' }] },
      ['10.0.0.0/30'],
      [],
    ],
    [
      'invalid blocks are reported',
      {
        blocks: [
          { cidr: '10.0.0.0/33' },
          { start: '10.0.0.9', stop: '10.0.0.1' },
          {},
        ],
      },
      [],
      ['10.0.0.0/33', '10.0.0.9-10.0.0.1', '{}'],
    ],
    ['IPv6', { blocks: [{ cidr: '2001:db8::/120' }] }, ['2001:db8::/120'], []],
  ])('%s', (_name, spec, labels, invalid) => {
    const result = parsePoolRanges(spec);
    expect(result.ranges.map(range => range.label)).toEqual(labels);
    expect(result.invalidBlocks).toEqual(invalid);
  });
});

describe('allowsFirstLastIps', () => {
  it.each([
    ['Yes', true],
    ['No', false],
    [undefined, false],
    ['yes', false],
  ])('%p -> %p', (value, expected) => {
    expect(allowsFirstLastIps({ allowFirstLastIPs: value })).toBe(expected);
  });
});

describe('isReservedAddress', () => {
  const cidr24 = parseCidrRange('10.0.0.0/24')!;
  const cidr31 = parseCidrRange('10.0.0.0/31')!;
  const cidr32 = parseCidrRange('10.0.0.9/32')!;
  const startStop = parseStartStopRange('10.0.0.0', '10.0.0.255')!;
  const v6 = parseCidrRange('2001:db8::/120')!;
  it.each([
    ['first of /24', cidr24, '10.0.0.0', false, true],
    ['last of /24', cidr24, '10.0.0.255', false, true],
    ['middle of /24', cidr24, '10.0.0.1', false, false],
    ['first of /24 allowed', cidr24, '10.0.0.0', true, false],
    ['first of /31', cidr31, '10.0.0.0', false, false],
    ['last of /31', cidr31, '10.0.0.1', false, false],
    ['the /32', cidr32, '10.0.0.9', false, false],
    ['first of a start/stop range', startStop, '10.0.0.0', false, false],
    ['last of a start/stop range', startStop, '10.0.0.255', false, false],
    ['first of IPv6 /120', v6, '2001:db8::', false, true],
    ['last of IPv6 /120', v6, '2001:db8::ff', false, true],
    ['outside the range', cidr24, '10.0.1.0', false, false],
  ])('%s', (_name, range, ip, allow, expected) => {
    expect(isReservedAddress(range, parseIp(ip)!, allow)).toBe(expected);
  });
});

describe('poolCapacity', () => {
  it.each<[string, IpPoolSpec, bigint]>([
    [
      '/24 with first/last reserved',
      { blocks: [{ cidr: '10.0.0.0/24' }] },
      254n,
    ],
    [
      '/24 explicit No',
      { blocks: [{ cidr: '10.0.0.0/24' }], allowFirstLastIPs: 'No' },
      254n,
    ],
    [
      '/24 allowing first/last',
      { blocks: [{ cidr: '10.0.0.0/24' }], allowFirstLastIPs: 'Yes' },
      256n,
    ],
    ['/32', { blocks: [{ cidr: '10.0.0.1/32' }] }, 1n],
    ['/31', { blocks: [{ cidr: '10.0.0.0/31' }] }, 2n],
    ['/30', { blocks: [{ cidr: '10.0.0.0/30' }] }, 2n],
    [
      'start/stop is never reduced',
      { blocks: [{ start: '10.0.0.10', stop: '10.0.0.20' }] },
      11n,
    ],
    ['lone start', { blocks: [{ start: '10.0.0.10' }] }, 1n],
    [
      'blocks and deprecated cidrs add up',
      { blocks: [{ cidr: '10.0.0.0/28' }], cidrs: [{ cidr: '10.1.0.0/28' }] },
      28n,
    ],
    ['IPv6 /64', { blocks: [{ cidr: '2001:db8::/64' }] }, (1n << 64n) - 2n],
    ['IPv6 /128', { blocks: [{ cidr: '2001:db8::1/128' }] }, 1n],
    ['invalid block adds nothing', { blocks: [{ cidr: 'bogus' }] }, 0n],
  ])('%s', (_name, spec, expected) => {
    expect(poolCapacity(spec)).toBe(expected);
  });
});

describe('countAsNumber', () => {
  it.each([
    [0n, 0, false],
    [254n, 254, false],
    [BigInt(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER, false],
    [BigInt(Number.MAX_SAFE_INTEGER) + 1n, Number.MAX_SAFE_INTEGER, true],
    [1n << 64n, Number.MAX_SAFE_INTEGER, true],
  ])('%s', (count, value, capped) => {
    expect(countAsNumber(count)).toEqual({ value, capped });
  });
});

describe('poolRangeOf', () => {
  const spec: IpPoolSpec = {
    blocks: [{ cidr: '10.0.0.0/30' }, { start: '10.0.1.5', stop: '10.0.1.6' }],
    cidrs: [{ cidr: '2001:db8::/126' }],
  };
  it.each([
    ['10.0.0.1', '10.0.0.0/30'],
    ['10.0.0.0', '10.0.0.0/30'],
    ['10.0.1.6', '10.0.1.5-10.0.1.6'],
    ['10.0.1.7', undefined],
    ['2001:db8::3', '2001:db8::/126'],
    ['2001:db8::4', undefined],
    ['not-an-ip', undefined],
  ])('%s is in %p', (ip, label) => {
    expect(poolRangeOf(spec, ip)?.label).toBe(label);
  });
});
