/**
 * Field sets in the `FieldsV1` form that `metadata.managedFields` uses:
 * `{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:image":{}}}}}`.
 * A set is built from an object, walked as leaf paths, and paths are read from objects.
 */
import { mergeKeyFor } from './list-merge-keys.ts';

/** A FieldsV1 tree. */
export type FieldSet = { [segment: string]: FieldSet };

/** One path of segments (`f:spec`, `k:{"name":"app"}`). */
export type FieldPath = string[];

// Server-owned or identity fields that are never tracked.
const UNTRACKED_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
  'managedFields',
  'selfLink',
  'generateName',
]);

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function itemKey(mergeKey: string, item: Record<string, unknown>): string {
  return `k:${JSON.stringify({ [mergeKey]: item[mergeKey] })}`;
}

function fieldsOfValue(field: string, value: unknown): FieldSet {
  if (isObject(value)) {
    const set: FieldSet = {};
    for (const [key, child] of Object.entries(value)) set[`f:${key}`] = fieldsOfValue(key, child);
    return set;
  }
  if (Array.isArray(value)) {
    const mergeKey = mergeKeyFor(field, value);
    if (!mergeKey) return {};
    const set: FieldSet = {};
    for (const item of value as Record<string, unknown>[]) {
      set[itemKey(mergeKey, item)] = { '.': {}, ...fieldsOfValue('', item) };
    }
    return set;
  }
  return {};
}

/**
 * The fields an object sets. `part` 'main' leaves out status (the main resource ignores it);
 * 'status' takes only status.
 */
export function fieldSetOf(object: Record<string, unknown>, part: 'main' | 'status'): FieldSet {
  const set: FieldSet = {};
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind') continue;
    if ((key === 'status') !== (part === 'status')) continue;
    if (key === 'metadata') {
      if (part === 'status' || !isObject(value)) continue;
      const metadata: FieldSet = {};
      for (const [field, child] of Object.entries(value)) {
        if (UNTRACKED_METADATA.has(field)) continue;
        metadata[`f:${field}`] = fieldsOfValue(field, child);
      }
      if (Object.keys(metadata).length > 0) set['f:metadata'] = metadata;
      continue;
    }
    set[`f:${key}`] = fieldsOfValue(key, value);
  }
  return set;
}

/** Every leaf path of a set (nodes without children other than '.'). */
export function leafPaths(set: FieldSet, prefix: FieldPath = []): FieldPath[] {
  const paths: FieldPath[] = [];
  for (const [segment, child] of Object.entries(set)) {
    if (segment === '.') continue;
    const path = [...prefix, segment];
    const childSegments = Object.keys(child).filter((key) => key !== '.');
    if (childSegments.length === 0) paths.push(path);
    else paths.push(...leafPaths(child, path));
  }
  return paths;
}

/** True when the set contains the path (as a leaf or an inner node). */
export function hasPath(set: FieldSet, path: FieldPath): boolean {
  let node: FieldSet | undefined = set;
  for (const segment of path) {
    node = node[segment];
    if (!node) return false;
  }
  return true;
}

/** A copy of the set without `path`; parents left empty are pruned. */
export function withoutPath(set: FieldSet, path: FieldPath): FieldSet {
  if (path.length === 0) return {};
  const [head, ...rest] = path;
  if (!(head! in set)) return set;
  const copy: FieldSet = { ...set };
  if (rest.length === 0) {
    delete copy[head!];
    return copy;
  }
  const child = withoutPath(set[head!]!, rest);
  const remaining = Object.keys(child).filter((key) => key !== '.');
  if (remaining.length === 0) delete copy[head!];
  else copy[head!] = child;
  return copy;
}

/** The union of two sets. */
export function unionOf(a: FieldSet, b: FieldSet): FieldSet {
  const result: FieldSet = { ...a };
  for (const [segment, child] of Object.entries(b)) result[segment] = segment in result ? unionOf(result[segment]!, child) : child;
  return result;
}

/** Reads the value at a path of an object; `found` is false when any segment is missing. */
export function valueAt(object: unknown, path: FieldPath): { found: boolean; value: unknown } {
  let current: unknown = object;
  for (const segment of path) {
    if (segment.startsWith('f:')) {
      if (!isObject(current) || !(segment.slice(2) in current)) return { found: false, value: undefined };
      current = current[segment.slice(2)];
    } else if (segment.startsWith('k:')) {
      if (!Array.isArray(current)) return { found: false, value: undefined };
      const key = JSON.parse(segment.slice(2)) as Record<string, unknown>;
      current = current.find((item) => isObject(item) && Object.entries(key).every(([k, v]) => item[k] === v));
      if (current === undefined) return { found: false, value: undefined };
    } else {
      return { found: false, value: undefined };
    }
  }
  return { found: true, value: current };
}

/** Removes the value at a path of an object in place (no-op when missing). */
export function removeValueAt(object: unknown, path: FieldPath): void {
  const parent = valueAt(object, path.slice(0, -1));
  if (!parent.found) return;
  const last = path[path.length - 1]!;
  if (last.startsWith('f:') && isObject(parent.value)) {
    delete parent.value[last.slice(2)];
  } else if (last.startsWith('k:') && Array.isArray(parent.value)) {
    const key = JSON.parse(last.slice(2)) as Record<string, unknown>;
    const index = parent.value.findIndex((item) => isObject(item) && Object.entries(key).every(([k, v]) => item[k] === v));
    if (index >= 0) parent.value.splice(index, 1);
  }
}

/** A path as users read it: `.spec.containers[name="app"].image`. */
export function formatPath(path: FieldPath): string {
  return path
    .map((segment) => {
      if (segment.startsWith('f:')) return `.${segment.slice(2)}`;
      if (segment.startsWith('k:')) {
        const key = JSON.parse(segment.slice(2)) as Record<string, unknown>;
        return `[${Object.entries(key)
          .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
          .join(',')}]`;
      }
      return segment;
    })
    .join('');
}
