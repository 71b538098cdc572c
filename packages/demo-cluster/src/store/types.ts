/**
 * The contract between the demo cluster's parts: the object store that the Kubernetes API
 * server serves, that the controllers reconcile, and that the DNS server and the cilium-dbg
 * command outputs read. Everything runs in one process, so the store is plain memory.
 */

/** Object metadata as the Kubernetes API returns it. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  managedFields?: ManagedFieldsEntry[];
  finalizers?: string[];
  generateName?: string;
}

/** metadata.ownerReferences[] entry. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** metadata.managedFields[] entry, as server-side apply records it. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** Any Kubernetes object. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** One served resource type (a built-in kind or a CRD). */
export interface ResourceType {
  /** '' for the core group. */
  group: string;
  /** Served versions; the first one is the storage and preferred version. */
  versions: string[];
  kind: string;
  listKind: string;
  /** Lower-case plural, as in URLs: 'ciliumloadbalancerippools'. */
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories: string[];
  /** Subresources served, e.g. ['status'] or ['status', 'exec', 'log'] for pods. */
  subresources: string[];
  /** True for kinds that are CustomResourceDefinitions in a real cluster. */
  isCustomResource: boolean;
}

/** Identifies a resource type: group plus plural ('' group for core). */
export interface ResourceKey {
  group: string;
  plural: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** A change committed to the store; the object carries its new resourceVersion. */
export interface StoreEvent {
  type: WatchEventType;
  resource: ResourceType;
  object: KubeObject;
  /** The store-wide resourceVersion of this change (the object's metadata.resourceVersion). */
  resourceVersion: number;
}

/** Options that narrow a list. Selectors use the Kubernetes string syntax. */
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

/** Options of a write. */
export interface WriteOptions {
  /** Validate and compute the result, but store nothing and emit no event (dryRun=All). */
  dryRun?: boolean;
  fieldManager?: string;
}

/**
 * Errors a store operation throws; the API server turns them into Status objects
 * (reason and HTTP code as the real API server uses them).
 */
export type StoreErrorReason =
  | 'NotFound'
  | 'AlreadyExists'
  | 'Conflict'
  | 'Invalid'
  | 'BadRequest'
  | 'Gone'
  | 'MethodNotAllowed';

/** The in-memory object store. All methods are synchronous; events are delivered after commit. */
export interface ObjectStore {
  /** The resource types this cluster serves. */
  readonly resources: ResourceRegistry;
  get(key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined;
  list(key: ResourceKey, options?: ListOptions): KubeObject[];
  /** Fills uid, resourceVersion, creationTimestamp, generation; throws AlreadyExists. */
  create(object: KubeObject, options?: WriteOptions): KubeObject;
  /** Replaces the object; throws Conflict when metadata.resourceVersion is set and stale. */
  update(object: KubeObject, options?: WriteOptions): KubeObject;
  /** Replaces only `status` (the status subresource); spec changes in `object` are ignored. */
  updateStatus(object: KubeObject, options?: WriteOptions): KubeObject;
  delete(key: ResourceKey, namespace: string | undefined, name: string, options?: WriteOptions): KubeObject;
  /** Called synchronously after every committed change, in commit order. Returns an unsubscribe. */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  /** The store-wide resourceVersion of the last committed change. */
  currentResourceVersion(): number;
}

/** Lookups of served resource types. */
export interface ResourceRegistry {
  all(): ResourceType[];
  byKey(key: ResourceKey): ResourceType | undefined;
  /** Finds by kind (case-sensitive, e.g. 'HTTPRoute'), optionally narrowed by group. */
  byKind(kind: string, group?: string): ResourceType | undefined;
}

/** A command run through pods/exec, and what it printed. */
export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Answers an exec into a pod; undefined means "no such command" (exit 127). */
export type ExecHandler = (request: ExecRequest, store: ObjectStore) => ExecResult | undefined;
