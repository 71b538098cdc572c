import { ParsedIp, parseIp } from './ipAddress';
import {
  IpRange,
  ipRangeContains,
  ipRangeSize,
  parseCidrRange,
  parseStartStopRange,
} from './ipRange';

/** One entry of a pool's `blocks[]` (or the deprecated `cidrs[]`). */
export interface IpPoolBlock {
  cidr?: string;
  start?: string;
  stop?: string;
}

/** The part of a CiliumLoadBalancerIPPool spec the IP arithmetic reads (v2 and v2alpha1). */
export interface IpPoolSpec {
  blocks?: IpPoolBlock[];
  /** Deprecated in v2alpha1 and gone in v2, but still read: old manifests carry it. */
  cidrs?: IpPoolBlock[];
  allowFirstLastIPs?: string;
  disabled?: boolean;
}

/** A pool's ranges, and the blocks that could not be read (shown, never silently dropped). */
export interface IpPoolRanges {
  ranges: IpRange[];
  invalidBlocks: string[];
}

/**
 * Reads the ranges of a pool from `blocks` and then `cidrs`. A block with a `cidr`
 * is a CIDR; otherwise `start` with optional `stop` (start alone is one address).
 */
export function parsePoolRanges(spec: IpPoolSpec | undefined): IpPoolRanges {
  const ranges: IpRange[] = [];
  const invalidBlocks: string[] = [];
  const blocks = [...asArray(spec?.blocks), ...asArray(spec?.cidrs)];
  for (const block of blocks) {
    const range = parseBlock(block);
    if (range) ranges.push(range);
    else invalidBlocks.push(describeBlock(block));
  }
  return { ranges, invalidBlocks };
}

/**
 * Whether the pool hands out the first and last address of its CIDRs.
 * Anything but an explicit 'Yes' counts as 'No', matching the operator.
 */
export function allowsFirstLastIps(spec: IpPoolSpec | undefined): boolean {
  return spec?.allowFirstLastIPs === 'Yes';
}

/**
 * Whether an address of a range is reserved. Only CIDR ranges reserve their first
 * and last address, only when allowFirstLastIPs is not 'Yes', and only when the
 * CIDR has more than two addresses: a /32 or /31 (/128, /127) would otherwise be empty.
 */
export function isReservedAddress(
  range: IpRange,
  ip: ParsedIp,
  allowFirstLast: boolean,
): boolean {
  if (allowFirstLast || !range.fromCidr || ipRangeSize(range) <= 2n)
    return false;
  if (!ipRangeContains(range, ip)) return false;
  return ip.value === range.first || ip.value === range.last;
}

/** The number of addresses a range can hand out after reservations. */
export function usableRangeSize(
  range: IpRange,
  allowFirstLast: boolean,
): bigint {
  const size = ipRangeSize(range);
  if (allowFirstLast || !range.fromCidr || size <= 2n) return size;
  return size - 2n;
}

/**
 * The number of addresses a pool can hand out. Overlapping blocks inside one pool
 * are counted once per block, as the operator's IPsTotal does.
 */
export function poolCapacity(spec: IpPoolSpec | undefined): bigint {
  const allowFirstLast = allowsFirstLastIps(spec);
  return parsePoolRanges(spec).ranges.reduce(
    (total, range) => total + usableRangeSize(range, allowFirstLast),
    0n,
  );
}

/**
 * The block of a pool an address falls in, or undefined when the address is not
 * the pool's (or is not an address). Reserved first/last addresses still belong to
 * their block; use `isReservedAddress` to tell them apart.
 */
export function poolRangeOf(
  spec: IpPoolSpec | undefined,
  ip: string,
): IpRange | undefined {
  const address = parseIp(ip);
  if (!address) return undefined;
  return parsePoolRanges(spec).ranges.find(range =>
    ipRangeContains(range, address),
  );
}

/** A count made safe for JSON: capped at Number.MAX_SAFE_INTEGER, with a flag when it was. */
export function countAsNumber(count: bigint): {
  value: number;
  capped: boolean;
} {
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  return count > max
    ? { value: Number.MAX_SAFE_INTEGER, capped: true }
    : { value: Number(count), capped: false };
}

function parseBlock(block: IpPoolBlock): IpRange | undefined {
  if (typeof block !== 'object' || block === null) return undefined;
  if (typeof block.cidr === 'string' && block.cidr !== '')
    return parseCidrRange(block.cidr);
  if (typeof block.start === 'string' && block.start !== '') {
    return parseStartStopRange(
      block.start,
      typeof block.stop === 'string' ? block.stop : undefined,
    );
  }
  return undefined;
}

function describeBlock(block: IpPoolBlock): string {
  if (typeof block !== 'object' || block === null) return String(block);
  if (block.cidr) return block.cidr;
  if (block.start)
    return block.stop ? `${block.start}-${block.stop}` : block.start;
  return JSON.stringify(block);
}

function asArray<T>(value: T[] | undefined): T[] {
  return Array.isArray(value) ? value : [];
}
