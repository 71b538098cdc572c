/**
 * The three classic PATCH formats: JSON merge patch (RFC 7386), JSON patch (RFC 6902) and
 * Kubernetes strategic merge patch (keyed list merging plus the `$patch`, `$retainKeys`,
 * `$setElementOrder` and `$deleteFromPrimitiveList` directives).
 */
import { mergeKeyFor } from './list-merge-keys.ts';
import { ApiError, badRequest } from './status.ts';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** RFC 7386: objects merge recursively, null deletes, anything else replaces. */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = applyMergePatch(result[key], value);
  }
  return result;
}

function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw badRequest(`the server rejected our request due to an error in our request: invalid JSON pointer "${pointer}"`);
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function jsonPatchError(message: string): ApiError {
  // The real server answers 422 for operations that do not apply to the document.
  return new ApiError(422, 'Invalid', message);
}

/** Walks to the container of the last pointer segment. */
function parentOf(document: unknown, path: string[], operation: string): { container: any; key: string } {
  let current: any = document;
  for (const segment of path.slice(0, -1)) {
    if (Array.isArray(current)) current = current[Number(segment)];
    else if (isObject(current)) current = current[segment];
    else current = undefined;
    if (current === undefined) throw jsonPatchError(`${operation} operation does not apply: doc is missing path: "/${path.join('/')}"`);
  }
  if (current === null || typeof current !== 'object') {
    throw jsonPatchError(`${operation} operation does not apply: doc is missing path: "/${path.join('/')}"`);
  }
  return { container: current, key: path[path.length - 1]! };
}

function readPointer(document: unknown, path: string[], operation: string): unknown {
  if (path.length === 0) return document;
  const { container, key } = parentOf(document, path, operation);
  const value = Array.isArray(container) ? container[Number(key)] : container[key];
  if (value === undefined) throw jsonPatchError(`${operation} operation does not apply: doc is missing path: "/${path.join('/')}"`);
  return value;
}

function removeAt(document: unknown, path: string[], operation: string): unknown {
  const { container, key } = parentOf(document, path, operation);
  if (Array.isArray(container)) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0 || index >= container.length) {
      throw jsonPatchError(`${operation} operation does not apply: doc is missing path: "/${path.join('/')}"`);
    }
    return container.splice(index, 1)[0];
  }
  if (!(key in container)) throw jsonPatchError(`${operation} operation does not apply: doc is missing path: "/${path.join('/')}"`);
  const value = container[key];
  delete container[key];
  return value;
}

function addAt(document: unknown, path: string[], value: unknown, operation: string): unknown {
  if (path.length === 0) return structuredClone(value);
  const { container, key } = parentOf(document, path, operation);
  if (Array.isArray(container)) {
    const index = key === '-' ? container.length : Number(key);
    if (!Number.isInteger(index) || index < 0 || index > container.length) {
      throw jsonPatchError(`${operation} operation does not apply: index out of range at "/${path.join('/')}"`);
    }
    container.splice(index, 0, structuredClone(value));
  } else {
    container[key] = structuredClone(value);
  }
  return document;
}

/** RFC 6902 JSON patch. */
export function applyJsonPatch(target: unknown, operations: unknown): unknown {
  if (!Array.isArray(operations)) throw badRequest('json patch must be a JSON array of operations');
  let document = structuredClone(target);
  for (const raw of operations) {
    if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
      throw badRequest('json patch operations need "op" and "path"');
    }
    const op = raw.op;
    const path = decodePointer(raw.path);
    switch (op) {
      case 'add':
        document = addAt(document, path, raw.value, op);
        break;
      case 'remove':
        removeAt(document, path, op);
        break;
      case 'replace':
        if (path.length === 0) document = structuredClone(raw.value);
        else {
          readPointer(document, path, op);
          const { container, key } = parentOf(document, path, op);
          if (Array.isArray(container)) container[Number(key)] = structuredClone(raw.value);
          else container[key] = structuredClone(raw.value);
        }
        break;
      case 'move': {
        const from = decodePointer(String(raw.from ?? ''));
        const value = removeAt(document, from, op);
        document = addAt(document, path, value, op);
        break;
      }
      case 'copy': {
        const from = decodePointer(String(raw.from ?? ''));
        document = addAt(document, path, readPointer(document, from, op), op);
        break;
      }
      case 'test': {
        const actual = readPointer(document, path, op);
        if (JSON.stringify(actual) !== JSON.stringify(raw.value)) {
          throw jsonPatchError(`testing value /${path.join('/')} failed: test failed`);
        }
        break;
      }
      default:
        throw badRequest(`Unexpected kind: ${op}`);
    }
  }
  return document;
}

const SET_ELEMENT_ORDER = '$setElementOrder/';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList/';

/** Kubernetes strategic merge patch over a built-in object. */
export function applyStrategicMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) throw badRequest('strategic merge patch must be a JSON object');
  return mergeStrategic(isObject(target) ? target : {}, patch);
}

function mergeStrategic(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  if (patch.$patch === 'replace') {
    const { $patch: _directive, ...rest } = patch;
    return structuredClone(rest);
  }
  if (patch.$patch === 'delete') return {};
  let result: Record<string, unknown> = { ...target };
  const retainKeys = Array.isArray(patch.$retainKeys) ? (patch.$retainKeys as string[]) : undefined;
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$patch' || key === '$retainKeys') continue;
    if (key.startsWith(SET_ELEMENT_ORDER)) continue;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      const field = key.slice(DELETE_FROM_PRIMITIVE_LIST.length);
      const existing = result[field];
      if (Array.isArray(existing) && Array.isArray(value)) {
        result[field] = existing.filter((item) => !value.some((removed) => JSON.stringify(removed) === JSON.stringify(item)));
      }
      continue;
    }
    if (value === null) {
      delete result[key];
    } else if (Array.isArray(value)) {
      result[key] = mergeStrategicList(key, result[key], value);
    } else if (isObject(value)) {
      result[key] = mergeStrategic(isObject(result[key]) ? (result[key] as Record<string, unknown>) : {}, value);
    } else {
      result[key] = value;
    }
  }
  if (retainKeys) {
    result = Object.fromEntries(Object.entries(result).filter(([key]) => retainKeys.includes(key)));
  }
  // Keep the order `$setElementOrder/<field>` asks for, as far as the items are known.
  for (const [key, order] of Object.entries(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER) || !Array.isArray(order)) continue;
    const field = key.slice(SET_ELEMENT_ORDER.length);
    const list = result[field];
    if (!Array.isArray(list)) continue;
    const mergeKey = mergeKeyFor(field, list);
    if (!mergeKey) continue;
    const position = (item: unknown) =>
      order.findIndex((entry) => isObject(entry) && isObject(item) && entry[mergeKey] === (item as Record<string, unknown>)[mergeKey]);
    result[field] = [...list].sort((a, b) => {
      const pa = position(a);
      const pb = position(b);
      return (pa < 0 ? Infinity : pa) - (pb < 0 ? Infinity : pb);
    });
  }
  return result;
}

function mergeStrategicList(field: string, existing: unknown, patch: unknown[]): unknown[] {
  const current = Array.isArray(existing) ? existing : [];
  const mergeKey = mergeKeyFor(field, [...current, ...patch.filter((item) => !(isObject(item) && item.$patch === 'replace'))]);
  if (patch.some((item) => isObject(item) && item.$patch === 'replace')) {
    return patch.filter((item) => !(isObject(item) && item.$patch === 'replace')).map((item) => structuredClone(item));
  }
  if (!mergeKey) return structuredClone(patch);
  const result = [...current];
  for (const item of patch) {
    if (!isObject(item)) continue;
    const index = result.findIndex((entry) => isObject(entry) && entry[mergeKey] === item[mergeKey]);
    if (item.$patch === 'delete') {
      if (index >= 0) result.splice(index, 1);
      continue;
    }
    if (index >= 0) result[index] = mergeStrategic(result[index] as Record<string, unknown>, item);
    else result.push(mergeStrategic({}, item));
  }
  return result;
}
