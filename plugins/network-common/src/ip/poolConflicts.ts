import { ipRangesOverlap } from './ipRange';
import { IpPoolSpec, parsePoolRanges } from './ipPool';

/** A pool as the conflict check needs it. */
export interface PoolForConflicts {
  name: string;
  /** RFC 3339; older pools win a conflict, as in the operator. */
  creationTimestamp?: string;
  spec?: IpPoolSpec;
}

/**
 * Finds pools whose ranges overlap an older pool's, with the message Cilium writes
 * into the `cilium.io/PoolConflict` condition. Like the operator, only the newer pool
 * of an overlapping pair is in conflict, a pool already in conflict does not make
 * others conflict, and only the first overlap found is reported.
 * Ties in creation time are broken by name so the answer does not depend on list order.
 */
export function findPoolConflicts(
  pools: PoolForConflicts[],
): Map<string, string> {
  const ordered = [...pools].sort(
    (a, b) =>
      (a.creationTimestamp ?? '').localeCompare(b.creationTimestamp ?? '') ||
      a.name.localeCompare(b.name),
  );
  const conflicts = new Map<string, string>();
  const accepted: {
    name: string;
    ranges: ReturnType<typeof parsePoolRanges>['ranges'];
  }[] = [];
  for (const pool of ordered) {
    const { ranges } = parsePoolRanges(pool.spec);
    const message = firstOverlap(ranges, accepted);
    if (message) conflicts.set(pool.name, message);
    else accepted.push({ name: pool.name, ranges });
  }
  return conflicts;
}

/** The conflict message format of Cilium's operator (lbipam.go). */
export function poolConflictMessage(
  range: string,
  otherRange: string,
  otherPool: string,
): string {
  return `Pool conflicts since range '${range}' overlaps range '${otherRange}' from IP Pool '${otherPool}'`;
}

function firstOverlap(
  ranges: ReturnType<typeof parsePoolRanges>['ranges'],
  accepted: {
    name: string;
    ranges: ReturnType<typeof parsePoolRanges>['ranges'];
  }[],
): string | undefined {
  for (const earlier of accepted) {
    for (const range of ranges) {
      for (const other of earlier.ranges) {
        if (ipRangesOverlap(range, other)) {
          return poolConflictMessage(range.label, other.label, earlier.name);
        }
      }
    }
  }
  return undefined;
}
