import { KubernetesApiError, KubernetesReader, WatchEvent } from '../KubernetesClient/KubernetesClient';
import { trimMetadata, WatchedKind } from './watchedKinds';
import { backoffDelayMs } from './backoffDelay';
import { ConcurrencyLimit } from './ConcurrencyLimit';

/** Sync state of one kind in one cluster. */
export type KindState = 'syncing' | 'synced' | 'absent' | 'error';

/** What the cache knows about one kind's informer. */
export interface KindHealth {
  kind: string;
  state: KindState;
  /** The served version in use, when present. */
  version?: string;
  /** Whether the watch stream is open (a synced kind without it serves stale data). */
  watching: boolean;
  objects: number;
  /** The last error, while the informer is failing. */
  error?: string;
  /** RFC 3339 time of the last list or watch event (bookmarks included). */
  lastSyncedAt?: string;
}

/** Options of an {@link Informer}. */
export interface InformerOptions {
  client: KubernetesReader;
  kind: WatchedKind;
  version: string;
  path: string;
  /** Called after every change to the stored objects (list replaced, watch event applied). */
  onChange: (kind: string) => void;
  /** Reports problems; informers never throw out of their loop. */
  onError?: (kind: string, error: Error) => void;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Shared limit on concurrent lists across the cluster's informers. */
  listLimit?: ConcurrencyLimit;
}

const keyOf = (object: any): string =>
  object.metadata?.namespace ? `${object.metadata.namespace}/${object.metadata.name}` : object.metadata?.name;

/**
 * Keeps one kind of one cluster in memory: list, then watch from the list's resourceVersion
 * with bookmarks; re-list when the server says the version is gone (410); back off with
 * jitter on errors. Objects are indexed by namespace and by the kind's own index functions.
 */
export class Informer {
  private readonly options: InformerOptions;
  private readonly objects = new Map<string, any>();
  /** index name -> index value -> object key -> object */
  private readonly indexes = new Map<string, Map<string, Map<string, any>>>();
  private state: KindState = 'syncing';
  private watching = false;
  private error?: string;
  private lastSyncedAt?: string;
  /** Epoch ms of the last list or applied event (a number: events can arrive hundreds a second). */
  private lastSeenMs?: number;
  private resourceVersion = '';
  private stopped = false;
  private currentWatch?: { stop(): void };
  private wakeUp?: () => void;
  private firstSync: Promise<void>;
  private resolveFirstSync!: () => void;

  constructor(options: InformerOptions) {
    this.options = options;
    const indexNames = ['namespace', ...Object.keys(options.kind.indexes ?? {})];
    for (const name of indexNames) this.indexes.set(name, new Map());
    this.firstSync = new Promise(resolve => {
      this.resolveFirstSync = resolve;
    });
  }

  /** Starts the list/watch loop in the background. */
  start(): void {
    void this.run();
  }

  /** Ends the watch and the loop. */
  stop(): void {
    this.stopped = true;
    this.currentWatch?.stop();
    this.wakeUp?.();
    this.resolveFirstSync();
  }

  /** Resolves after the first successful list, or when the informer is stopped. */
  whenFirstSynced(): Promise<void> {
    return this.firstSync;
  }

  /** Health of this kind. */
  /** Whether this kind's data may be out of date: present but not watching (as `health()` counts it). */
  isStale(): boolean {
    return this.state !== 'absent' && !this.watching;
  }

  health(): KindHealth {
    return {
      kind: this.options.kind.kind,
      state: this.state,
      version: this.options.version,
      watching: this.watching,
      objects: this.objects.size,
      error: this.error,
      lastSyncedAt: this.lastSeenMs ? new Date(this.lastSeenMs).toISOString() : this.lastSyncedAt,
    };
  }

  /** Every stored object (do not mutate). */
  list(): any[] {
    return [...this.objects.values()];
  }

  /** Whether this informer keeps the named index. */
  hasIndex(name: string): boolean {
    return this.indexes.has(name);
  }

  /** Number of stored objects. */
  size(): number {
    return this.objects.size;
  }

  /** One object by namespace and name (namespace undefined for cluster-scoped kinds). */
  get(namespace: string | undefined, name: string): any | undefined {
    return this.objects.get(namespace ? `${namespace}/${name}` : name);
  }

  /** Objects whose index `name` has `value` (index `namespace` always exists). */
  byIndex(name: string, value: string): any[] {
    const bucket = this.indexes.get(name)?.get(value);
    return bucket ? [...bucket.values()] : [];
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!this.resourceVersion) await this.relist();
        const startedAt = Date.now();
        // After a failure a new watch counts only once the server accepts it (a slow or
        // silent server must read as stale); after a list or a normal end it counts at once.
        const outcome = await this.watchOnce(failures === 0);
        if (outcome === 'expired') this.resourceVersion = '';
        // A server that closes watches at once would otherwise make this loop spin.
        if (outcome === 'ended' && Date.now() - startedAt < 1000) {
          failures += 1;
          await this.sleep(backoffDelayMs(failures, this.options.backoffBaseMs, this.options.backoffMaxMs));
        } else {
          failures = 0;
        }
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        this.watching = false;
        this.error = (error as Error).message;
        if (this.state !== 'synced') this.state = 'error';
        this.options.onError?.(this.options.kind.kind, error as Error);
        // A list that fails mid-way leaves the old objects; a re-list replaces them later.
        if (error instanceof KubernetesApiError && error.statusCode === 410) this.resourceVersion = '';
        await this.sleep(backoffDelayMs(failures, this.options.backoffBaseMs, this.options.backoffMaxMs));
      }
    }
  }

  private async relist(): Promise<void> {
    const list = () => this.options.client.list(this.options.path, item => this.trim(item));
    const { items, resourceVersion } = await (this.options.listLimit ? this.options.listLimit.run(list) : list());
    if (this.stopped) return;
    this.objects.clear();
    for (const index of this.indexes.values()) index.clear();
    for (const item of items) this.store(item, true);
    this.resourceVersion = resourceVersion;
    this.state = 'synced';
    this.error = undefined;
    this.lastSyncedAt = new Date().toISOString();
    this.lastSeenMs = undefined;
    this.resolveFirstSync();
    this.options.onChange(this.options.kind.kind);
  }

  private watchOnce(trusted: boolean): Promise<'ended' | 'expired'> {
    return new Promise((resolve, reject) => {
      let expired = false;
      this.currentWatch = this.options.client.watch(this.options.path, this.resourceVersion, {
        onOpen: () => {
          this.watching = true;
          this.error = undefined;
        },
        onEvent: event => {
          this.watching = true;
          if (event.type === 'ERROR') {
            if (event.object?.code === 410) {
              expired = true;
              this.currentWatch?.stop();
              resolve('expired');
              return;
            }
            this.currentWatch?.stop();
            this.watching = false;
            reject(new KubernetesApiError(`watch error: ${event.object?.message ?? 'unknown'}`, event.object?.code ?? 0, event.object?.reason));
            return;
          }
          this.apply(event);
        },
        onClose: error => {
          if (expired) return;
          if (error) {
            this.watching = false;
            reject(error);
          } else resolve('ended');
        },
      });
      if (trusted) {
        // The server just answered: the stream is open as soon as the request is.
        this.watching = true;
        this.error = undefined;
      }
    });
  }

  private apply(event: WatchEvent): void {
    const version = event.object?.metadata?.resourceVersion;
    if (version) this.resourceVersion = version;
    this.lastSeenMs = Date.now();
    if (event.type === 'BOOKMARK') return;
    if (event.type === 'DELETED') {
      this.remove(event.object);
      this.options.onChange(this.options.kind.kind);
      return;
    }
    const previous = this.objects.get(keyOf(event.object));
    const stored = this.store(event.object);
    const significant = this.options.kind.isSignificantChange;
    if (!previous || !significant || significant(previous, stored)) this.options.onChange(this.options.kind.kind);
  }

  private trim(raw: any): any {
    const kind = this.options.kind;
    return kind.trim ? kind.trim(raw) : trimMetadata(raw);
  }

  private store(raw: any, trimmed = false): any {
    const object = trimmed ? raw : this.trim(raw);
    const key = keyOf(object);
    const previous = this.objects.get(key);
    if (previous) this.unindex(key, previous);
    this.objects.set(key, object);
    this.forEachIndexValue(object, (index, value) => {
      let bucket = index.get(value);
      if (!bucket) {
        bucket = new Map();
        index.set(value, bucket);
      }
      bucket.set(key, object);
    });
    return object;
  }

  private remove(object: any): void {
    const key = keyOf(object);
    const previous = this.objects.get(key);
    if (!previous) return;
    this.unindex(key, previous);
    this.objects.delete(key);
  }

  private unindex(key: string, object: any): void {
    this.forEachIndexValue(object, (index, value) => {
      const bucket = index.get(value);
      bucket?.delete(key);
      if (bucket && bucket.size === 0) index.delete(value);
    });
  }

  private forEachIndexValue(object: any, visit: (index: Map<string, Map<string, any>>, value: string) => void): void {
    const namespace = object.metadata?.namespace;
    if (namespace) visit(this.indexes.get('namespace')!, namespace);
    for (const [name, indexFunction] of Object.entries(this.options.kind.indexes ?? {})) {
      const index = this.indexes.get(name)!;
      for (const value of new Set(indexFunction(object))) visit(index, value);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise(resolve => {
      const timer = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
