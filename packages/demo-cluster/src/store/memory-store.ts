/**
 * The in-memory object store behind the simulated cluster. One store-wide resourceVersion
 * counter (like etcd's revision), optimistic concurrency on updates, generation bumps on
 * spec changes, finalizer-aware deletes, and an event history for resumable watches.
 */
import { randomUUID } from 'node:crypto';
import { EventHistory } from './event-history.ts';
import { cloneJson } from './json-clone.ts';
import { alreadyExistsError, conflictError, invalidError, notFoundError, StoreError } from './errors.ts';
import { generateObjectName, validateObjectName } from './object-names.ts';
import { createResourceRegistry, parseApiVersion, resourceTypeFromDefinition } from './resources.ts';
import type { MutableResourceRegistry } from './resources.ts';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from './selectors.ts';
import type {
  KubeObject,
  ListOptions,
  ObjectStore,
  ResourceKey,
  ResourceRegistry,
  ResourceType,
  StoreEvent,
  WriteOptions,
} from './types.ts';

/** A saved copy of the whole store (see `MemoryStore.snapshot`). */
export interface StoreSnapshot {
  resourceVersion: number;
  objects: KubeObject[];
}

/** Options of `createMemoryStore`. */
export interface MemoryStoreOptions {
  /** How many past events a watch can resume from; default 10,000. */
  historySize?: number;
  /** Start from a snapshot (persisted state) instead of empty. */
  snapshot?: StoreSnapshot;
  registry?: ResourceRegistry;
}

/** The ObjectStore plus what the API server and persistence need beyond the shared contract. */
export interface MemoryStore extends ObjectStore {
  /**
   * Events committed after `resourceVersion`, oldest first; throws a Gone StoreError when
   * the history no longer reaches back that far.
   */
  eventsSince(resourceVersion: number): StoreEvent[];
  /**
   * Like `list`, but returns the stored objects themselves (no copies), sorted by
   * namespace and name. Callers must not modify them; the API server only serializes them.
   */
  listReadOnly(key: ResourceKey, options?: ListOptions): readonly KubeObject[];
  /** Like `get`, without copying. Callers must not modify the result. */
  getReadOnly(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
  /** Every object and the current resourceVersion, for persistence. */
  snapshot(): StoreSnapshot;
  /** Number of objects of a type (or of all types). */
  count(key?: ResourceKey): number;
}

function keyId(key: ResourceKey): string {
  return `${key.plural}.${key.group}`;
}

/**
 * The key of an object in its table. NUL sorts before every character allowed in names, so
 * sorting keys as strings orders objects by namespace, then name (the order lists return).
 */
function objectId(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}\u0000${name}` : name;
}

/** The object without metadata and status: what a change to bumps `generation`. */
function specPart(object: KubeObject): string {
  const { metadata: _metadata, status: _status, apiVersion: _apiVersion, kind: _kind, ...rest } = object;
  return JSON.stringify(rest);
}

/** Creates an empty (or snapshot-restored) in-memory store serving the built-in resource types. */
export function createMemoryStore(options: MemoryStoreOptions = {}): MemoryStore {
  const registry = options.registry ?? createResourceRegistry();
  const history = new EventHistory(options.historySize ?? 10_000);
  /** keyId -> (namespace/name -> stored object). Stored objects are never mutated in place. */
  const tables = new Map<string, Map<string, KubeObject>>();
  /** keyId -> the table's keys in list order; dropped when an object is added or removed. */
  const sortedKeys = new Map<string, string[]>();
  const listeners = new Set<(event: StoreEvent) => void>();
  const pending: StoreEvent[] = [];
  let dispatching = false;
  let resourceVersion = 0;

  for (const resource of registry.all()) tables.set(keyId(resource), new Map());

  function tableOf(resource: ResourceType): Map<string, KubeObject> {
    let table = tables.get(keyId(resource));
    if (!table) {
      table = new Map();
      tables.set(keyId(resource), table);
    }
    return table;
  }

  function resourceFor(key: ResourceKey): ResourceType {
    const resource = registry.byKey(key);
    if (!resource) {
      const name = key.group === '' ? key.plural : `${key.plural}.${key.group}`;
      throw new StoreError('NotFound', `the server could not find the requested resource (${name})`);
    }
    return resource;
  }

  function resourceOfObject(object: KubeObject): ResourceType {
    if (!object || typeof object !== 'object' || typeof object.kind !== 'string' || typeof object.apiVersion !== 'string') {
      throw new StoreError('BadRequest', 'Object \'Kind\' is missing or apiVersion is not set');
    }
    const { group, version } = parseApiVersion(object.apiVersion);
    const resource = registry.byKind(object.kind, group);
    if (!resource || !resource.versions.includes(version)) {
      throw new StoreError('NotFound', `the server could not find the requested resource (kind ${object.kind} in ${object.apiVersion})`);
    }
    return resource;
  }

  /** Namespace normalized per scope: defaulted for namespaced kinds, dropped for cluster-scoped. */
  function namespaceFor(resource: ResourceType, namespace: string | undefined): string | undefined {
    if (!resource.namespaced) return undefined;
    return namespace && namespace.length > 0 ? namespace : 'default';
  }

  function emit(type: StoreEvent['type'], resource: ResourceType, stored: KubeObject): void {
    const event: StoreEvent = { type, resource, object: stored, resourceVersion: Number(stored.metadata.resourceVersion) };
    history.push(event);
    const isDefinition = resource.group === definitions.group && resource.plural === definitions.plural;
    // A new or changed definition is served before anyone hears of it; a deleted one takes its
    // objects with it only after its own event, so listeners see events in commit order.
    if (isDefinition && type !== 'DELETED') definitionCommitted(type, stored);
    if (listeners.size > 0) {
      pending.push(event);
      // Writes made by a listener are queued so every listener sees events in commit order.
      if (!dispatching) dispatchPending();
    }
    if (isDefinition && type === 'DELETED') definitionCommitted(type, stored);
  }

  function dispatchPending(): void {
    dispatching = true;
    try {
      while (pending.length > 0) {
        const next = pending.shift()!;
        // Listeners get a copy so that one that edits it cannot corrupt the store or the history.
        const copy: StoreEvent = { ...next, object: cloneJson(next.object) };
        for (const listener of [...listeners]) {
          try {
            listener(copy);
          } catch (error) {
            console.error('demo-cluster store listener failed:', error);
          }
        }
      }
    } finally {
      dispatching = false;
    }
  }

  const definitions = { group: 'apiextensions.k8s.io', plural: 'customresourcedefinitions' };
  const mutableRegistry = 'add' in registry ? (registry as MutableResourceRegistry) : undefined;

  /**
   * Serves the kinds that applied CustomResourceDefinitions define, like the apiextensions
   * server: a new definition adds a type, a changed one replaces it, a deleted one removes the
   * type and its objects. Built-in types are left alone.
   */
  function definitionCommitted(type: StoreEvent['type'], definition: KubeObject): void {
    if (!mutableRegistry) return;
    const defined = resourceTypeFromDefinition(definition);
    if (!defined || mutableRegistry.isBuiltin(defined)) return;
    if (type === 'DELETED') {
      const existing = registry.byKey(defined);
      if (!existing) return;
      for (const object of [...tableOf(existing).values()]) removeFromTable(existing, object);
      mutableRegistry.remove(defined);
      tables.delete(keyId(defined));
      sortedKeys.delete(keyId(defined));
      return;
    }
    mutableRegistry.remove(defined);
    mutableRegistry.add(defined);
  }

  function nextVersion(): string {
    resourceVersion += 1;
    return String(resourceVersion);
  }

  function checkName(resource: ResourceType, name: string): void {
    const problems = validateObjectName(resource, name);
    if (problems.length > 0) {
      throw invalidError(
        resource,
        name,
        problems.map((message) => ({ reason: 'FieldValueInvalid', message, field: 'metadata.name' })),
      );
    }
  }

  function checkMetadata(resource: ResourceType, object: KubeObject): void {
    const metadata = object.metadata;
    if (!metadata || typeof metadata !== 'object') {
      throw invalidError(resource, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
    }
    for (const field of ['labels', 'annotations'] as const) {
      const map = metadata[field];
      if (map === undefined || map === null) continue;
      if (typeof map !== 'object' || Array.isArray(map)) {
        throw new StoreError('BadRequest', `metadata.${field} must be an object of strings`);
      }
      for (const value of Object.values(map)) {
        if (typeof value !== 'string') throw new StoreError('BadRequest', `metadata.${field} values must be strings`);
      }
    }
  }

  function removeFromTable(resource: ResourceType, stored: KubeObject): KubeObject {
    const table = tableOf(resource);
    table.delete(objectId(stored.metadata.namespace, stored.metadata.name));
    sortedKeys.delete(keyId(resource));
    const removed: KubeObject = { ...stored, metadata: { ...stored.metadata, resourceVersion: nextVersion() } };
    emit('DELETED', resource, removed);
    return removed;
  }

  const store: MemoryStore = {
    resources: registry,

    get(key, namespace, name) {
      const found = store.getReadOnly(key, namespace, name);
      return found ? cloneJson(found) : undefined;
    },

    getReadOnly(key, namespace, name) {
      const resource = resourceFor(key);
      return tableOf(resource).get(objectId(namespaceFor(resource, namespace), name));
    },

    list(key, listOptions) {
      return store.listReadOnly(key, listOptions).map((object) => cloneJson(object));
    },

    listReadOnly(key, listOptions = {}) {
      const resource = resourceFor(key);
      const labels = listOptions.labelSelector ? parseLabelSelector(listOptions.labelSelector) : [];
      const fields = listOptions.fieldSelector ? parseFieldSelector(listOptions.fieldSelector) : [];
      const namespace = resource.namespaced && listOptions.namespace ? listOptions.namespace : undefined;
      const result: KubeObject[] = [];
      const table = tableOf(resource);
      let keys = sortedKeys.get(keyId(resource));
      if (!keys) {
        keys = [...table.keys()].sort();
        sortedKeys.set(keyId(resource), keys);
      }
      for (const id of keys) {
        const object = table.get(id)!;
        if (namespace !== undefined && object.metadata.namespace !== namespace) continue;
        if (labels.length > 0 && !matchesLabels(labels, object.metadata.labels)) continue;
        if (fields.length > 0 && !matchesFields(fields, object)) continue;
        result.push(object);
      }
      return result;
    },

    create(object, writeOptions: WriteOptions = {}) {
      const resource = resourceOfObject(object);
      checkMetadata(resource, object);
      const copy = cloneJson(object);
      const metadata = copy.metadata;
      if (!metadata.name) {
        if (metadata.generateName) {
          metadata.name = generateObjectName(metadata.generateName);
        } else {
          throw invalidError(resource, '', [
            { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
          ]);
        }
      }
      checkName(resource, metadata.name);
      const namespace = namespaceFor(resource, metadata.namespace);
      if (namespace === undefined) delete metadata.namespace;
      else metadata.namespace = namespace;
      const table = tableOf(resource);
      const id = objectId(namespace, metadata.name);
      if (table.has(id)) throw alreadyExistsError(resource, metadata.name);

      metadata.uid = randomUUID();
      metadata.creationTimestamp = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
      metadata.generation = 1;
      delete metadata.deletionTimestamp;
      if (writeOptions.dryRun) {
        metadata.resourceVersion = String(resourceVersion);
        return copy;
      }
      metadata.resourceVersion = nextVersion();
      table.set(id, copy);
      sortedKeys.delete(keyId(resource));
      emit('ADDED', resource, copy);
      return cloneJson(copy);
    },

    update(object, writeOptions: WriteOptions = {}) {
      return replace(object, writeOptions, 'all');
    },

    updateStatus(object, writeOptions: WriteOptions = {}) {
      return replace(object, writeOptions, 'status');
    },

    delete(key, namespace, name, writeOptions: WriteOptions = {}) {
      const resource = resourceFor(key);
      const table = tableOf(resource);
      const stored = table.get(objectId(namespaceFor(resource, namespace), name));
      if (!stored) throw notFoundError(resource, name);
      if (stored.metadata.finalizers && stored.metadata.finalizers.length > 0) {
        // With finalizers the object only gets a deletionTimestamp; the finalizers' owners remove it.
        if (stored.metadata.deletionTimestamp) return cloneJson(stored);
        const marked: KubeObject = {
          ...stored,
          metadata: { ...stored.metadata, deletionTimestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') },
        };
        if (writeOptions.dryRun) return cloneJson(marked);
        marked.metadata.resourceVersion = nextVersion();
        table.set(objectId(stored.metadata.namespace, name), marked);
        emit('MODIFIED', resource, marked);
        return cloneJson(marked);
      }
      if (writeOptions.dryRun) return cloneJson(stored);
      return cloneJson(removeFromTable(resource, stored));
    },

    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    currentResourceVersion() {
      return resourceVersion;
    },

    eventsSince(since) {
      return history.since(since);
    },

    snapshot() {
      const objects: KubeObject[] = [];
      for (const table of tables.values()) for (const object of table.values()) objects.push(object);
      return { resourceVersion, objects: cloneJson(objects) };
    },

    count(key) {
      if (key) return tableOf(resourceFor(key)).size;
      let total = 0;
      for (const table of tables.values()) total += table.size;
      return total;
    },
  };

  function replace(object: KubeObject, writeOptions: WriteOptions, part: 'all' | 'status'): KubeObject {
    const resource = resourceOfObject(object);
    checkMetadata(resource, object);
    const name = object.metadata.name;
    if (!name) {
      throw invalidError(resource, '', [{ reason: 'FieldValueRequired', message: 'Required value: name is required', field: 'metadata.name' }]);
    }
    const table = tableOf(resource);
    const id = objectId(namespaceFor(resource, object.metadata.namespace), name);
    const stored = table.get(id);
    if (!stored) throw notFoundError(resource, name);
    const wanted = object.metadata.resourceVersion;
    if (wanted !== undefined && wanted !== '' && wanted !== stored.metadata.resourceVersion) {
      throw conflictError(resource, name);
    }

    let next: KubeObject;
    if (part === 'status') {
      next = { ...stored, metadata: { ...stored.metadata } };
      if (object.status === undefined) delete next.status;
      else next.status = cloneJson(object.status);
    } else {
      const copy = cloneJson(object);
      next = {
        ...copy,
        metadata: {
          ...copy.metadata,
          // Identity and bookkeeping fields are the server's, whatever the client sent.
          name: stored.metadata.name,
          uid: stored.metadata.uid,
          creationTimestamp: stored.metadata.creationTimestamp,
          generation: stored.metadata.generation,
          ...(stored.metadata.deletionTimestamp ? { deletionTimestamp: stored.metadata.deletionTimestamp } : {}),
        },
      };
      if (stored.metadata.namespace) next.metadata.namespace = stored.metadata.namespace;
      else delete next.metadata.namespace;
      if (!stored.metadata.deletionTimestamp) delete next.metadata.deletionTimestamp;
      if (specPart(next) !== specPart(stored)) next.metadata.generation = (stored.metadata.generation ?? 0) + 1;
    }
    // Like etcd-backed storage, a write that changes nothing keeps the resourceVersion and
    // emits no event (so a second identical apply, or a no-op status write, is invisible).
    next.metadata.resourceVersion = stored.metadata.resourceVersion;
    if (JSON.stringify(next) === JSON.stringify(stored)) return cloneJson(stored);
    if (writeOptions.dryRun) return cloneJson(next);
    // An object being deleted goes away once its last finalizer is removed.
    if (next.metadata.deletionTimestamp && (!next.metadata.finalizers || next.metadata.finalizers.length === 0)) {
      return cloneJson(removeFromTable(resource, { ...next, metadata: { ...next.metadata } }));
    }
    next.metadata.resourceVersion = nextVersion();
    table.set(id, next);
    emit('MODIFIED', resource, next);
    return cloneJson(next);
  }

  if (options.snapshot) {
    // Definitions first, so the custom objects they define have a type to load into.
    for (const object of options.snapshot.objects) {
      if (object.kind === 'CustomResourceDefinition') definitionCommitted('ADDED', object);
    }
    for (const object of options.snapshot.objects) {
      const resource = registry.byKind(object.kind, parseApiVersion(object.apiVersion).group);
      if (!resource) continue;
      tableOf(resource).set(objectId(object.metadata.namespace, object.metadata.name), cloneJson(object));
    }
    resourceVersion = options.snapshot.resourceVersion;
    history.compactThrough(resourceVersion);
  }

  return store;
}
