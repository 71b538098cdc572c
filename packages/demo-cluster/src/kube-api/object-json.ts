/**
 * JSON text of stored objects, cached per object. Stored objects are never changed in place
 * (an update stores a new object), so an object's text stays valid for as long as it is stored;
 * large lists then join cached texts instead of serializing every object again.
 */
import type { KubeObject } from '../store/types.ts';

const cache = new WeakMap<KubeObject, string>();

/** The JSON text of an object as stored (not for objects that are modified later). */
export function storedObjectJson(object: KubeObject): string {
  let text = cache.get(object);
  if (text === undefined) {
    text = JSON.stringify(object);
    cache.set(object, text);
  }
  return text;
}

/** A list document whose items are already JSON texts. */
export function listJson(head: Record<string, unknown>, itemTexts: readonly string[]): string {
  const prefix = JSON.stringify(head);
  // `{...,"items":[...]}`: splice the items in before the closing brace of the head object.
  return `${prefix.slice(0, -1)}${prefix.length > 2 ? ',' : ''}"items":[${itemTexts.join(',')}]}`;
}
