import { formatIp, parseIp } from './ipAddress';

describe('parseIp', () => {
  it.each([
    ['10.0.0.1', 4, 0x0a000001n],
    ['0.0.0.0', 4, 0n],
    ['255.255.255.255', 4, 0xffffffffn],
    [' 192.168.1.10 ', 4, 0xc0a8010an],
    ['::', 6, 0n],
    ['::1', 6, 1n],
    ['2001:db8::1', 6, 0x20010db8000000000000000000000001n],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', 6, (1n << 128n) - 1n],
    ['::ffff:10.0.0.1', 6, 0xffff0a000001n],
  ])('parses %s', (text, family, value) => {
    expect(parseIp(text)).toEqual({ family, value });
  });

  it.each([
    [''],
    ['10'],
    ['10.0.0'],
    ['10.0.0.256'],
    ['0x0a.0.0.1'],
    ['10.0.0.1/32'],
    ['fe80::1%eth0'],
    ['2001:db8::g'],
    ['not-an-ip'],
  ])('refuses %p', text => {
    expect(parseIp(text)).toBeUndefined();
  });
});

describe('formatIp', () => {
  it.each([
    ['10.0.0.1', '10.0.0.1'],
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
  ])('round-trips %s to %s', (text, canonical) => {
    expect(formatIp(parseIp(text)!)).toBe(canonical);
  });
});
