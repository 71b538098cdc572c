/**
 * An in-memory copy of the kinds the controllers read, kept current from store events, indexed
 * by namespace. Controllers read from it instead of listing the store, so that reconciling one
 * object at large scale does not copy thousands of others.
 */
import type { KubeObject, ObjectStore, ResourceKey, StoreEvent } from '../store/types.ts';

/** Identifies a resource type in maps: `plural.group`. */
export function resourceId(key: ResourceKey): string {
  return `${key.plural}.${key.group}`;
}

/** `namespace/name`, or `name` for cluster-scoped objects. */
export function objectId(object: KubeObject): string {
  return object.metadata.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata.name;
}

/** Read access to the cached objects. */
export interface InformerCache {
  get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
  /** All objects of a kind, or those of one namespace. */
  list(key: ResourceKey, namespace?: string): KubeObject[];
  /** Number of cached objects of a kind. */
  count(key: ResourceKey): number;
  /** Applies a committed change; returns false when the kind is not loaded (nothing to update). */
  apply(event: StoreEvent): boolean;
}

/**
 * A cache over `store`. Each kind is loaded on first read; from then on apply() keeps it
 * current, so a kind nobody reads costs nothing.
 */
export function createInformerCache(store: ObjectStore): InformerCache {
  // kind -> namespace ('' for cluster-scoped) -> name -> object
  const kinds = new Map<string, Map<string, Map<string, KubeObject>>>();
  const readOnly = store as ObjectStore & { listReadOnly?: (key: ResourceKey) => KubeObject[] };

  function load(key: ResourceKey): Map<string, Map<string, KubeObject>> | undefined {
    const id = resourceId(key);
    let byNamespace = kinds.get(id);
    if (byNamespace) return byNamespace;
    if (!store.resources.byKey(key)) return undefined;
    byNamespace = new Map();
    // The memory store never mutates stored objects in place, and controllers only read cached
    // objects (every write builds a new one), so its read-only view can be shared uncopied.
    const objects = readOnly.listReadOnly ? readOnly.listReadOnly(key) : store.list(key);
    for (const object of objects) put(byNamespace, object);
    kinds.set(id, byNamespace);
    return byNamespace;
  }

  function put(byNamespace: Map<string, Map<string, KubeObject>>, object: KubeObject): void {
    const namespace = object.metadata.namespace ?? '';
    let byName = byNamespace.get(namespace);
    if (!byName) {
      byName = new Map();
      byNamespace.set(namespace, byName);
    }
    byName.set(object.metadata.name, object);
  }

  return {
    get(key, namespace, name) {
      return load(key)?.get(namespace ?? '')?.get(name);
    },
    list(key, namespace) {
      const byNamespace = load(key);
      if (!byNamespace) return [];
      if (namespace !== undefined) return [...(byNamespace.get(namespace)?.values() ?? [])];
      const all: KubeObject[] = [];
      for (const byName of byNamespace.values()) for (const object of byName.values()) all.push(object);
      return all;
    },
    count(key) {
      let total = 0;
      for (const byName of load(key)?.values() ?? []) total += byName.size;
      return total;
    },
    apply(event) {
      const byNamespace = kinds.get(resourceId(event.resource));
      if (!byNamespace) return false;
      if (event.type === 'DELETED') {
        byNamespace.get(event.object.metadata.namespace ?? '')?.delete(event.object.metadata.name);
      } else {
        put(byNamespace, event.object);
      }
      return true;
    },
  };
}
