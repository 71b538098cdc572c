/**
 * What the namespace controller and the garbage collector do after a delete: a namespace takes
 * its objects with it, and owners take their dependents (unless orphaned). It runs after the
 * answer is sent, as those controllers run in the background in a real cluster.
 */
import type { MemoryStore } from '../store/memory-store.ts';
import type { KubeObject, ResourceType } from '../store/types.ts';

function deleteQuietly(store: MemoryStore, type: ResourceType, object: KubeObject): KubeObject | undefined {
  try {
    return store.delete(type, object.metadata.namespace, object.metadata.name);
  } catch {
    // Already gone (deleted by someone else meanwhile): nothing to do.
    return undefined;
  }
}

/** Schedules the cascade of a completed delete. `propagation` is the DeleteOptions policy. */
export function scheduleCascadingDelete(store: MemoryStore, resource: ResourceType, deleted: KubeObject, propagation: string): void {
  setImmediate(() => {
    try {
      if (resource.group === '' && resource.kind === 'Namespace') {
        for (const type of store.resources.all()) {
          if (!type.namespaced) continue;
          for (const object of [...store.listReadOnly(type, { namespace: deleted.metadata.name })]) deleteQuietly(store, type, object);
        }
        return;
      }
      if (propagation === 'Orphan' || !deleted.metadata.uid) return;
      const uid = deleted.metadata.uid;
      for (const type of store.resources.all()) {
        for (const object of [...store.listReadOnly(type)]) {
          if (!object.metadata.ownerReferences?.some((owner) => owner.uid === uid)) continue;
          const removed = deleteQuietly(store, type, object);
          if (removed) scheduleCascadingDelete(store, type, removed, propagation);
        }
      }
    } catch (error) {
      console.error('demo-cluster cascade delete failed:', error);
    }
  });
}
