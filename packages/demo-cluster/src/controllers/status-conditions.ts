/**
 * metav1.Condition bookkeeping: keep lastTransitionTime when the status does not change, and
 * compare statuses so controllers write only when something really changed.
 */

/** A status condition (metav1.Condition, plus the optional fields older kinds use). */
export interface Condition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  lastTransitionTime?: string;
  observedGeneration?: number;
}

/** The current time as the API server formats timestamps (seconds precision, UTC). */
export function nowTimestamp(now: Date = new Date()): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

/**
 * Builds the new condition list: each wanted condition keeps the previous lastTransitionTime
 * if its status did not change.
 */
export function mergeConditions(previous: unknown, wanted: Condition[], now: string): Condition[] {
  const before = Array.isArray(previous) ? (previous as Condition[]) : [];
  return wanted.map((condition) => {
    const old = before.find((candidate) => candidate.type === condition.type);
    const lastTransitionTime = old && old.status === condition.status && old.lastTransitionTime ? old.lastTransitionTime : now;
    return { ...condition, lastTransitionTime };
  });
}

/** Finds a condition by type. */
export function findCondition(conditions: unknown, type: string): Condition | undefined {
  return Array.isArray(conditions) ? (conditions as Condition[]).find((condition) => condition.type === type) : undefined;
}

/** Structural equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => jsonEqual(item, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((key) => left[key] !== undefined);
  const rightKeys = Object.keys(right).filter((key) => right[key] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  return leftKeys.every((key) => jsonEqual(left[key], right[key]));
}
