import { familyBits, formatIp, IpFamily, ParsedIp, parseIp } from './ipAddress';

/** An inclusive interval of addresses of one family, and how it was written. */
export interface IpRange {
  family: IpFamily;
  first: bigint;
  last: bigint;
  /** The range as written: `10.0.0.0/24` or `10.0.0.10-10.0.0.20` (a single IP for start without stop). */
  label: string;
  /** True when written as a CIDR: Cilium reserves first/last addresses only for those. */
  fromCidr: boolean;
}

/**
 * Parses `address/prefix` into its interval. Host bits are masked off, as Cilium
 * does (`10.0.0.5/24` covers 10.0.0.0-10.0.0.255). Undefined when malformed.
 */
export function parseCidrRange(text: string): IpRange | undefined {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0) return undefined;
  const address = parseIp(trimmed.slice(0, slash));
  const prefixText = trimmed.slice(slash + 1);
  if (!address || !/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const bits = familyBits(address.family);
  if (prefix > bits) return undefined;
  const hostBits = BigInt(bits - prefix);
  const first = (address.value >> hostBits) << hostBits;
  const last = first + (1n << hostBits) - 1n;
  return {
    family: address.family,
    first,
    last,
    label: trimmed,
    fromCidr: true,
  };
}

/**
 * Parses a start/stop pair; a start without stop is a single address.
 * Undefined when malformed, of mixed families, or stop comes before start.
 */
export function parseStartStopRange(
  start: string,
  stop?: string,
): IpRange | undefined {
  const first = parseIp(start);
  const hasStop = stop !== undefined && stop.trim() !== '';
  const last = hasStop ? parseIp(stop) : first;
  if (
    !first ||
    !last ||
    first.family !== last.family ||
    last.value < first.value
  ) {
    return undefined;
  }
  return {
    family: first.family,
    first: first.value,
    last: last.value,
    label: hasStop ? `${start.trim()}-${stop.trim()}` : start.trim(),
    fromCidr: false,
  };
}

/** The number of addresses in a range. */
export function ipRangeSize(range: IpRange): bigint {
  return range.last - range.first + 1n;
}

/** Whether an address lies in a range (families must match). */
export function ipRangeContains(range: IpRange, ip: ParsedIp): boolean {
  return (
    range.family === ip.family &&
    ip.value >= range.first &&
    ip.value <= range.last
  );
}

/** Whether two ranges share an address; ranges of different families never do. */
export function ipRangesOverlap(a: IpRange, b: IpRange): boolean {
  return a.family === b.family && a.first <= b.last && b.first <= a.last;
}

/** The first and last address of a range as text, for display. */
export function ipRangeBounds(range: IpRange): { first: string; last: string } {
  return {
    first: formatIp({ family: range.family, value: range.first }),
    last: formatIp({ family: range.family, value: range.last }),
  };
}
