import { KubernetesApiError, KubernetesReader, ListResult, WatchEvent, WatchHandle, WatchHandlers } from '../services/KubernetesClient/KubernetesClient';
import { ClusterCache } from '../services/ClusterCache/ClusterCache';
import { collectionPath, groupVersionOf, WATCHED_KINDS } from '../services/ClusterCache/watchedKinds';

const stripQuery = (path: string) => path.split('?')[0];

/**
 * An in-memory stand-in for the API server's read side: discovery, lists and watch streams the
 * test drives by hand (emit events, close streams, fail requests).
 */
export class FakeKubernetesApi implements KubernetesReader {
  /** groupVersion -> served plurals. */
  readonly served = new Map<string, Set<string>>();
  /** collection path (no query) -> objects. */
  readonly objects = new Map<string, any[]>();
  readonly listCalls: string[] = [];
  readonly watchCalls: { path: string; resourceVersion: string }[] = [];
  private readonly watchers = new Map<string, Set<WatchHandlers>>();
  private readonly failures = new Map<string, Error[]>();
  resourceVersion = 100;
  unreachable = false;

  /** Serves a resource (so discovery finds it) with initial objects. */
  serve(groupVersion: string, plural: string, path: string, objects: any[] = []): this {
    if (!this.served.has(groupVersion)) this.served.set(groupVersion, new Set());
    this.served.get(groupVersion)!.add(plural);
    this.objects.set(path, objects);
    return this;
  }

  /** Makes the next list of a path fail with an error. */
  failNextList(path: string, error: Error): void {
    const queue = this.failures.get(path) ?? [];
    queue.push(error);
    this.failures.set(path, queue);
  }

  /** Sends a watch event to every open watch of a path. */
  emit(path: string, event: WatchEvent): void {
    for (const handlers of this.watchers.get(path) ?? []) handlers.onEvent(event);
  }

  /** Ends every open watch of a path, normally or with an error. */
  closeWatches(path: string, error?: Error): void {
    const handlers = [...(this.watchers.get(path) ?? [])];
    this.watchers.delete(path);
    for (const handler of handlers) handler.onClose(error);
  }

  /** Number of open watches of a path. */
  openWatches(path: string): number {
    return this.watchers.get(path)?.size ?? 0;
  }

  async getJson(path: string): Promise<any> {
    if (this.unreachable) throw new KubernetesApiError(`GET ${path}: connect ECONNREFUSED`, 0);
    if (path === '/apis') {
      return {
        groups: [...this.served.keys()]
          .filter(groupVersion => groupVersion.includes('/'))
          .map(groupVersion => ({ name: groupVersion.split('/')[0], versions: [{ groupVersion }] })),
      };
    }
    const groupVersion = path === '/api/v1' ? 'v1' : path.replace(/^\/apis\//, '');
    const plurals = this.served.get(groupVersion);
    if (!plurals) throw new KubernetesApiError(`GET ${path}: HTTP 404`, 404, 'NotFound');
    return { resources: [...plurals].map(name => ({ name })) };
  }

  async list(path: string, mapItem?: (item: any) => any): Promise<ListResult> {
    const key = stripQuery(path);
    this.listCalls.push(key);
    if (this.unreachable) throw new KubernetesApiError(`GET ${path}: connect ECONNREFUSED`, 0);
    const failure = this.failures.get(key)?.shift();
    if (failure) throw failure;
    const items = structuredClone(this.objects.get(key) ?? []);
    return { items: mapItem ? items.map(mapItem) : items, resourceVersion: String(this.resourceVersion) };
  }

  watch(path: string, resourceVersion: string, handlers: WatchHandlers): WatchHandle {
    const key = stripQuery(path);
    this.watchCalls.push({ path: key, resourceVersion });
    if (!this.watchers.has(key)) this.watchers.set(key, new Set());
    this.watchers.get(key)!.add(handlers);
    // The fake accepts every watch at once, as a healthy server does.
    handlers.onOpen?.();
    return { stop: () => this.watchers.get(key)?.delete(handlers) };
  }

  close(): void {}
}

/** Objects of the cache's kinds, keyed by kind name (e.g. `{ Service: [...] }`). */
export type ObjectsByKind = Partial<Record<string, any[]>>;

/**
 * A synced ClusterCache holding the given objects; kinds not given are absent from the fake
 * cluster unless listed in `alsoServed` (served but empty).
 */
export async function cacheWithObjects(objects: ObjectsByKind, alsoServed: string[] = []): Promise<{ cache: ClusterCache; api: FakeKubernetesApi }> {
  const api = new FakeKubernetesApi();
  for (const kind of WATCHED_KINDS) {
    if (!(kind.kind in objects) && !alsoServed.includes(kind.kind)) continue;
    const version = kind.versions[0];
    api.serve(groupVersionOf(kind, version), kind.plural, stripQuery(collectionPath(kind, version)), objects[kind.kind] ?? []);
  }
  const cache = new ClusterCache({
    cluster: 'test',
    client: api,
    logger: { info() {}, warn() {}, error() {}, debug() {}, child() { return this; } } as any,
    backoffBaseMs: 1,
    backoffMaxMs: 5,
  });
  cache.start();
  await cache.whenSynced();
  return { cache, api };
}
