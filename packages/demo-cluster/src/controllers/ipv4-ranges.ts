/**
 * IPv4 arithmetic on 32-bit unsigned integers: CIDRs and start/stop ranges as
 * inclusive [first, last] intervals.
 */

/** An inclusive IPv4 interval and how it was written. */
export interface Ipv4Range {
  first: number;
  last: number;
  /** The text of the range as the pool spells it ('127.0.2.0/27' or '127.0.4.1-127.0.4.1'). */
  label: string;
  /** True when given as a CIDR (Cilium reserves first/last only for those). */
  fromCidr: boolean;
}

/** Parses dotted IPv4 to an unsigned integer; undefined if not IPv4. */
export function parseIpv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = value * 256 + octet;
  }
  return value;
}

/** Formats an unsigned integer as dotted IPv4. */
export function formatIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** Parses 'a.b.c.d/n' into its interval; undefined if malformed or not IPv4. */
export function parseCidr(text: string): Ipv4Range | undefined {
  const [address, bitsText] = text.trim().split('/');
  const base = address === undefined ? undefined : parseIpv4(address);
  const bits = Number(bitsText);
  if (base === undefined || bitsText === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return undefined;
  const size = 2 ** (32 - bits);
  const first = Math.floor(base / size) * size;
  return { first, last: first + size - 1, label: text.trim(), fromCidr: true };
}

/** Parses a start/stop pair (stop optional: a single address). */
export function parseStartStop(start: string, stop?: string): Ipv4Range | undefined {
  const first = parseIpv4(start);
  const last = stop ? parseIpv4(stop) : first;
  if (first === undefined || last === undefined || last < first) return undefined;
  return { first, last, label: stop ? `${start.trim()}-${stop.trim()}` : start.trim(), fromCidr: false };
}

/** True when two intervals share an address. */
export function rangesOverlap(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.first <= b.last && b.first <= a.last;
}
