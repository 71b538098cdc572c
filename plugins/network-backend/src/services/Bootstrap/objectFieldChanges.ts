import { FieldChange } from '@internal/plugin-network-common';

// Written by the server on every write; a difference in them is not a change of ours.
const IGNORED_METADATA = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp'];

/**
 * The fields an apply would change: the live object against the dry-run result, leaf by leaf,
 * as dotted paths (`spec.blocks[0].cidr`). Server-maintained metadata and `status` are
 * ignored. `before` absent means added, `after` absent means removed.
 */
export function objectFieldChanges(live: unknown, result: unknown): FieldChange[] {
  const changes: FieldChange[] = [];
  compare(withoutServerFields(live), withoutServerFields(result), '', changes);
  return changes;
}

function withoutServerFields(object: unknown): unknown {
  if (!isRecord(object)) return object;
  const { status: _status, metadata, ...rest } = object;
  if (!isRecord(metadata)) return rest;
  const kept = Object.fromEntries(Object.entries(metadata).filter(([key]) => !IGNORED_METADATA.includes(key)));
  return { ...rest, metadata: kept };
}

function compare(beforeValue: unknown, afterValue: unknown, path: string, changes: FieldChange[]): void {
  // An added or removed object or list is listed leaf by leaf, like a changed one.
  const before = beforeValue === undefined ? emptyLike(afterValue) : beforeValue;
  const after = afterValue === undefined ? emptyLike(beforeValue) : afterValue;
  if (isRecord(before) && isRecord(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) compare(before[key], after[key], path ? `${path}.${key}` : key, changes);
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    for (let index = 0; index < Math.max(before.length, after.length); index++) {
      compare(before[index], after[index], `${path}[${index}]`, changes);
    }
    return;
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  changes.push({
    path,
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  });
}

/** An empty object or list for a container, undefined for anything else. */
function emptyLike(value: unknown): unknown {
  if (Array.isArray(value)) return [];
  return isRecord(value) ? {} : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
