import ipaddr from 'ipaddr.js';

/** The IP family of an address or range. */
export type IpFamily = 4 | 6;

/** An address as a family and an unsigned integer, so ranges can be compared and counted. */
export interface ParsedIp {
  family: IpFamily;
  value: bigint;
}

/**
 * Parses a textual IPv4 or IPv6 address; undefined when it is not one.
 * IPv4 must be four-part dotted decimal: ipaddr.js also accepts forms like `10`
 * or `0x0a.0.0.1`, which Kubernetes and Cilium reject, so those are refused here.
 * IPv6 zone ids (`fe80::1%eth0`) are refused too: no pool or Service carries one.
 */
export function parseIp(text: string): ParsedIp | undefined {
  const trimmed = text.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(trimmed)) {
    return {
      family: 4,
      value: bytesToBigInt(ipaddr.IPv4.parse(trimmed).toByteArray()),
    };
  }
  if (!trimmed.includes('%') && ipaddr.IPv6.isValid(trimmed)) {
    return {
      family: 6,
      value: bytesToBigInt(ipaddr.IPv6.parse(trimmed).toByteArray()),
    };
  }
  return undefined;
}

/** Formats an address in canonical form (dotted IPv4, RFC 5952 IPv6). */
export function formatIp(ip: ParsedIp): string {
  const byteCount = ip.family === 4 ? 4 : 16;
  const bytes: number[] = new Array(byteCount);
  let rest = ip.value;
  for (let index = byteCount - 1; index >= 0; index--) {
    bytes[index] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  const address = ipaddr.fromByteArray(bytes);
  return address.kind() === 'ipv6'
    ? (address as ipaddr.IPv6).toRFC5952String()
    : address.toString();
}

/** The number of bits in an address of the family. */
export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

function bytesToBigInt(bytes: number[]): bigint {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  return value;
}
