/**
 * Writes seeded objects into the store. A real API server drops `status` on create for kinds
 * with a status subresource, so a seeded status is written in a second step when needed.
 */
import type { KubeObject, ObjectStore } from '../store/types.ts';

/** Creates `object`; if it carries a status the store did not keep, writes it through updateStatus. */
export function createSeeded(store: ObjectStore, object: KubeObject): KubeObject {
  const created = store.create(object);
  if (object.status === undefined) return created;
  if (JSON.stringify(created.status) === JSON.stringify(object.status)) return created;
  return store.updateStatus({ ...created, status: object.status });
}
