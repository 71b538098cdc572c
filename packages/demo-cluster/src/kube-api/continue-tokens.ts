/**
 * `continue` tokens of paged lists: where the previous page ended (namespace and name, in list
 * order) and the resourceVersion it was served at, as opaque base64url JSON.
 */
import type { KubeObject } from '../store/types.ts';
import { badRequest } from './status.ts';

/** True when `object` sorts after namespace/name in list order (namespace, then name). */
export function comesAfter(object: KubeObject, namespace: string, name: string): boolean {
  const objectNamespace = object.metadata.namespace ?? '';
  if (objectNamespace !== namespace) return objectNamespace > namespace;
  return object.metadata.name > name;
}

/** The token for a page that ended at namespace/name. */
export function encodeContinue(resourceVersion: number, namespace: string, name: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: resourceVersion, namespace, name })).toString('base64url');
}

/** Reads a token; 400 when it is not one of ours. */
export function decodeContinue(token: string): { rv: number; namespace: string; name: string } {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { rv: number; namespace: string; name: string };
    if (typeof decoded.name !== 'string' || typeof decoded.namespace !== 'string') throw new Error('bad token');
    return decoded;
  } catch {
    throw badRequest('continue key is not valid: invalid continue token');
  }
}
