/**
 * Field ownership: server-side apply (merge an applied configuration, detect conflicts with
 * other managers, drop fields a manager stopped applying) and the `Update` entries that
 * ordinary writes record in `metadata.managedFields`.
 */
import type { KubeObject, ManagedFieldsEntry } from '../store/types.ts';
import { mergeKeyFor } from './list-merge-keys.ts';
import {
  fieldSetOf,
  formatPath,
  hasPath,
  leafPaths,
  removeValueAt,
  unionOf,
  valueAt,
  withoutPath,
} from './field-sets.ts';
import type { FieldPath, FieldSet } from './field-sets.ts';
import { ApiError } from './status.ts';

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function nowTimestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function entryFields(entry: ManagedFieldsEntry): FieldSet {
  return (entry.fieldsV1 ?? {}) as FieldSet;
}

/** Merges an applied configuration into a live object: objects recursively, keyed lists by key. */
function mergeApplied(live: unknown, applied: unknown, field: string): unknown {
  if (isObject(applied)) {
    const result: Record<string, unknown> = isObject(live) ? { ...live } : {};
    for (const [key, value] of Object.entries(applied)) {
      if (value === null) delete result[key];
      else result[key] = mergeApplied(result[key], value, key);
    }
    return result;
  }
  if (Array.isArray(applied)) {
    const mergeKey = mergeKeyFor(field, applied);
    if (!mergeKey || !Array.isArray(live)) return structuredClone(applied);
    const result = [...live];
    for (const item of applied as Record<string, unknown>[]) {
      const index = result.findIndex((entry) => isObject(entry) && entry[mergeKey] === item[mergeKey]);
      if (index >= 0) result[index] = mergeApplied(result[index], item, '');
      else result.push(structuredClone(item));
    }
    return result;
  }
  return applied;
}

/** Options of a server-side apply. */
export interface ApplyOptions {
  manager: string;
  force: boolean;
  /** The apiVersion of the request, recorded in the managedFields entry. */
  apiVersion: string;
  subresource?: 'status';
}

/**
 * Server-side apply of `applied` onto `live` (undefined when the object does not exist yet).
 * Returns the object to store. Throws a 409 ApiError listing conflicts unless `force`.
 */
export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, options: ApplyOptions): KubeObject {
  const part = options.subresource === 'status' ? 'status' : 'main';
  const appliedFields = fieldSetOf(applied, part);
  const appliedLeaves = leafPaths(appliedFields);
  let entries: ManagedFieldsEntry[] = structuredClone(live?.metadata.managedFields ?? []);
  const sameSubresource = (entry: ManagedFieldsEntry) => (entry.subresource ?? '') === (options.subresource ?? '');
  const isMine = (entry: ManagedFieldsEntry) => entry.manager === options.manager && entry.operation === 'Apply' && sameSubresource(entry);

  if (live) {
    const conflicts: Array<{ manager: string; apiVersion: string; path: FieldPath }> = [];
    for (const entry of entries) {
      if (entry.manager === options.manager || !sameSubresource(entry)) continue;
      const owned = entryFields(entry);
      for (const path of appliedLeaves) {
        if (!hasPath(owned, path)) continue;
        const current = valueAt(live, path);
        const wanted = valueAt(applied, path);
        if (current.found && !sameValue(current.value, wanted.value)) {
          conflicts.push({ manager: entry.manager, apiVersion: entry.apiVersion, path });
        }
      }
    }
    if (conflicts.length > 0 && !options.force) throw conflictError(conflicts);
    if (options.force) {
      // Forcing takes the conflicting fields away from their previous owners.
      entries = entries.map((entry) => {
        if (entry.manager === options.manager || !sameSubresource(entry)) return entry;
        let owned = entryFields(entry);
        for (const conflict of conflicts.filter((c) => c.manager === entry.manager)) owned = withoutPath(owned, conflict.path);
        return { ...entry, fieldsV1: owned };
      });
    }
  }

  const result = structuredClone(live ?? { apiVersion: applied.apiVersion, kind: applied.kind, metadata: { name: applied.metadata.name } }) as KubeObject;
  // Fields this manager applied before but no longer applies, and nobody else owns, go away.
  const previous = entries.find(isMine);
  if (previous) {
    for (const path of leafPaths(entryFields(previous))) {
      if (hasPath(appliedFields, path)) continue;
      const ownedElsewhere = entries.some((entry) => !isMine(entry) && sameSubresource(entry) && hasPath(entryFields(entry), path));
      if (!ownedElsewhere) removeValueAt(result, path);
    }
  }
  const { metadata: appliedMetadata, apiVersion: _apiVersion, kind: _kind, ...appliedBody } = applied;
  let merged = result as Record<string, unknown>;
  if (part === 'status') {
    if (appliedBody.status !== undefined) merged = { ...merged, status: mergeApplied(merged.status, appliedBody.status, 'status') };
  } else {
    const { status: _status, ...appliedWithoutStatus } = appliedBody;
    merged = mergeApplied(merged, appliedWithoutStatus, '') as Record<string, unknown>;
    const metadata = { ...(merged.metadata as Record<string, unknown>) };
    for (const field of ['labels', 'annotations', 'finalizers', 'ownerReferences'] as const) {
      if (appliedMetadata?.[field] !== undefined) metadata[field] = mergeApplied(metadata[field], appliedMetadata[field], field);
    }
    merged.metadata = metadata;
  }

  const mine: ManagedFieldsEntry = {
    manager: options.manager,
    operation: 'Apply',
    apiVersion: options.apiVersion,
    time: nowTimestamp(),
    fieldsType: 'FieldsV1',
    fieldsV1: appliedFields,
    ...(options.subresource ? { subresource: options.subresource } : {}),
  };
  entries = entries.filter((entry) => !isMine(entry) && Object.keys(entryFields(entry)).length > 0);
  const object = merged as KubeObject;
  object.metadata.managedFields = [...entries, mine];
  return object;
}

function conflictError(conflicts: Array<{ manager: string; apiVersion: string; path: FieldPath }>): ApiError {
  const byManager = new Map<string, { apiVersion: string; paths: string[] }>();
  for (const conflict of conflicts) {
    const group = byManager.get(conflict.manager) ?? { apiVersion: conflict.apiVersion, paths: [] };
    group.paths.push(formatPath(conflict.path));
    byManager.set(conflict.manager, group);
  }
  const count = conflicts.length;
  let message = `Apply failed with ${count} conflict${count === 1 ? '' : 's'}: `;
  const parts: string[] = [];
  for (const [manager, group] of byManager) {
    if (group.paths.length === 1) parts.push(`conflict with "${manager}" using ${group.apiVersion}: ${group.paths[0]}`);
    else parts.push(`conflicts with "${manager}" using ${group.apiVersion}:\n${group.paths.map((path) => `- ${path}`).join('\n')}`);
  }
  message += parts.join('\n');
  return new ApiError(409, 'Conflict', message, {
    causes: conflicts.map((conflict) => ({
      reason: 'FieldManagerConflict',
      message: `conflict with "${conflict.manager}" using ${conflict.apiVersion}`,
      field: formatPath(conflict.path),
    })),
  });
}

/**
 * Records an ordinary write (create, update, patch) by `manager`: it takes ownership of the
 * fields it set or changed; fields that disappeared are dropped from every entry.
 */
export function recordUpdate(
  before: KubeObject | undefined,
  after: KubeObject,
  manager: string,
  apiVersion: string,
  subresource?: 'status',
): ManagedFieldsEntry[] {
  const part = subresource === 'status' ? 'status' : 'main';
  const afterFields = fieldSetOf(after, part);
  const changed = leafPaths(afterFields).filter((path) => {
    if (!before) return true;
    const old = valueAt(before, path);
    return !old.found || !sameValue(old.value, valueAt(after, path).value);
  });
  // Paths as strings, so large objects (CRDs with big schemas) need no pairwise comparisons.
  const changedKeys = new Set(changed.map((path) => path.join('\u0000')));
  const sameSubresource = (entry: ManagedFieldsEntry) => (entry.subresource ?? '') === (subresource ?? '');
  // Managed fields the client sent explicitly (e.g. kubectl's client-side to server-side apply
  // migration) replace the recorded ones, as on the real server.
  let entries = structuredClone(after.metadata.managedFields ?? before?.metadata.managedFields ?? []);
  entries = entries.map((entry) => {
    if (!sameSubresource(entry)) return entry;
    let owned = entryFields(entry);
    for (const path of leafPaths(owned)) {
      const gone = !hasPath(afterFields, path);
      const takenOver = entry.manager !== manager && changedKeys.has(path.join('\u0000'));
      if (gone || takenOver) owned = withoutPath(owned, path);
    }
    return { ...entry, fieldsV1: owned };
  });
  if (changed.length > 0) {
    let mineFields: FieldSet = {};
    for (const path of changed) mineFields = unionOf(mineFields, pathToSet(path));
    const index = entries.findIndex((entry) => entry.manager === manager && entry.operation === 'Update' && sameSubresource(entry));
    const time = nowTimestamp();
    if (index >= 0) {
      entries[index] = { ...entries[index]!, apiVersion, time, fieldsV1: unionOf(entryFields(entries[index]!), mineFields) };
    } else {
      entries.push({
        manager,
        operation: 'Update',
        apiVersion,
        time,
        fieldsType: 'FieldsV1',
        fieldsV1: mineFields,
        ...(subresource ? { subresource } : {}),
      });
    }
  }
  return entries.filter((entry) => Object.keys(entryFields(entry)).length > 0);
}

function pathToSet(path: FieldPath): FieldSet {
  let set: FieldSet = {};
  for (let i = path.length - 1; i >= 0; i--) {
    set = path[i]!.startsWith('k:') ? { [path[i]!]: { '.': {}, ...set } } : { [path[i]!]: set };
  }
  return set;
}

/**
 * Keeps the `time` of entries whose fields did not change, so a write that changes nothing
 * else stays a no-op (the real server does not touch managedFields on a no-op apply either).
 */
export function keepUnchangedTimes(before: ManagedFieldsEntry[] | undefined, after: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  if (!before) return after;
  return after.map((entry) => {
    const previous = before.find(
      (candidate) =>
        candidate.manager === entry.manager &&
        candidate.operation === entry.operation &&
        (candidate.subresource ?? '') === (entry.subresource ?? '') &&
        candidate.apiVersion === entry.apiVersion,
    );
    if (!previous || !sameValue(previous.fieldsV1, entry.fieldsV1)) return entry;
    return previous.time === undefined ? { ...entry, time: undefined } : { ...entry, time: previous.time };
  });
}
