import { LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesReader } from '../KubernetesClient/KubernetesClient';
import { discoverServedResources } from '../KubernetesClient/discoverServedResources';
import { Informer, KindHealth } from './Informer';
import { backoffDelayMs } from './backoffDelay';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import { collectionPath, groupVersionOf, WATCHED_KINDS, WatchedKind } from './watchedKinds';

/** Health of one cluster's cache. */
export interface ClusterHealth {
  cluster: string;
  /** `unreachable` until discovery succeeds; `syncing` until every present kind listed once. */
  state: 'unreachable' | 'syncing' | 'synced' | 'degraded';
  /** True when some present kind is not watching: its data may be out of date. */
  stale: boolean;
  kinds: KindHealth[];
  error?: string;
}

/** Options of a {@link ClusterCache}. */
export interface ClusterCacheOptions {
  cluster: string;
  client: KubernetesReader;
  logger: LoggerService;
  /** Called on every change of a kind (debounce outside). */
  onChange?: (cluster: string, kind: string) => void;
  kinds?: readonly WatchedKind[];
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How many kinds list at the same time. */
  concurrentLists?: number;
}

/**
 * The in-memory model of one cluster: discovery decides which kinds exist, then one informer
 * per present kind keeps it current. Readers get objects and index lookups, never API calls.
 */
export class ClusterCache {
  readonly cluster: string;
  private readonly options: ClusterCacheOptions;
  private readonly informers = new Map<string, Informer>();
  private readonly absent = new Set<string>();
  private discovered = false;
  private changeCount = 0;
  private discoveryError?: string;
  private stopped = false;
  private wakeUp?: () => void;
  private readonly ready: Promise<void>;
  private resolveReady!: () => void;

  constructor(options: ClusterCacheOptions) {
    this.options = options;
    this.cluster = options.cluster;
    this.ready = new Promise(resolve => {
      this.resolveReady = resolve;
    });
  }

  /** Starts discovery (retrying until the cluster answers) and the informers. */
  start(): void {
    void this.discoverAndStart();
  }

  /** Stops every informer and closes the client's sockets. */
  stop(): void {
    this.stopped = true;
    this.wakeUp?.();
    for (const informer of this.informers.values()) informer.stop();
    this.options.client.close();
    this.resolveReady();
  }

  /** Resolves once every present kind has listed once (or the cache stopped). */
  async whenSynced(): Promise<void> {
    await this.ready;
    await Promise.all([...this.informers.values()].map(informer => informer.whenFirstSynced()));
  }

  /** Health of the cluster and of each kind. */
  health(): ClusterHealth {
    const kindsToWatch = this.options.kinds ?? WATCHED_KINDS;
    const kinds: KindHealth[] = kindsToWatch.map(
      kind =>
        this.informers.get(kind.kind)?.health() ?? {
          kind: kind.kind,
          state: this.absent.has(kind.kind) ? 'absent' : 'syncing',
          watching: false,
          objects: 0,
        },
    );
    if (!this.discovered) {
      return { cluster: this.cluster, state: 'unreachable', stale: true, kinds, error: this.discoveryError };
    }
    const present = kinds.filter(kind => kind.state !== 'absent');
    const stale = present.some(kind => !kind.watching);
    let state: ClusterHealth['state'] = 'synced';
    if (present.some(kind => kind.state === 'syncing')) state = 'syncing';
    if (present.some(kind => kind.state === 'error')) state = 'degraded';
    return { cluster: this.cluster, state, stale, kinds };
  }

  /**
   * `health().stale` without building the health report: answers check it per request
   * (a reused answer must say when the cluster went stale).
   */
  isStale(): boolean {
    if (!this.discovered) return true;
    return (this.options.kinds ?? WATCHED_KINDS).some(kind => {
      const informer = this.informers.get(kind.kind);
      return informer ? informer.isStale() : !this.absent.has(kind.kind);
    });
  }

  /**
   * A number that grows with every significant change of any kind; equal numbers mean the
   * cache holds the same data, so derived answers can be reused.
   */
  generation(): number {
    return this.changeCount;
  }

  /** Whether the cluster serves this kind (false when absent or not yet discovered). */
  has(kind: string): boolean {
    return this.informers.has(kind);
  }

  /** Whether the kind was looked for and is not served by the cluster. */
  isAbsent(kind: string): boolean {
    return this.absent.has(kind);
  }

  /** The API version the cache uses for a kind. */
  versionOf(kind: string): string | undefined {
    return this.informers.get(kind)?.health().version;
  }

  /** Every object of a kind, or of a kind in one namespace. */
  list(kind: string, namespace?: string): any[] {
    const informer = this.informers.get(kind);
    if (!informer) return [];
    return namespace === undefined ? informer.list() : informer.byIndex('namespace', namespace);
  }

  /** One object. */
  get(kind: string, namespace: string | undefined, name: string): any | undefined {
    return this.informers.get(kind)?.get(namespace, name);
  }

  /** Objects of a kind by an index value (see `WATCHED_KINDS` for the indexes of each kind). */
  byIndex(kind: string, index: string, value: string): any[] {
    return this.informers.get(kind)?.byIndex(index, value) ?? [];
  }

  /** Whether a kind keeps the named index. */
  hasIndex(kind: string, index: string): boolean {
    return this.informers.get(kind)?.hasIndex(index) ?? false;
  }

  /** Number of objects of a kind. */
  count(kind: string): number {
    return this.informers.get(kind)?.size() ?? 0;
  }

  private async discoverAndStart(): Promise<void> {
    const kinds = this.options.kinds ?? WATCHED_KINDS;
    let failures = 0;
    let served: Set<string> | undefined;
    while (!this.stopped && !served) {
      try {
        served = await discoverServedResources(
          this.options.client,
          kinds.flatMap(kind => kind.versions.map(version => groupVersionOf(kind, version))),
        );
      } catch (error) {
        failures += 1;
        this.discoveryError = (error as Error).message;
        if (failures === 1 || failures % 10 === 0) {
          this.options.logger.warn(`Cluster ${this.cluster} unreachable: ${this.discoveryError}`);
        }
        await this.sleep(backoffDelayMs(failures, this.options.backoffBaseMs, this.options.backoffMaxMs));
      }
    }
    if (this.stopped || !served) return;
    this.discovered = true;
    this.discoveryError = undefined;
    const listLimit = new ConcurrencyLimit(this.options.concurrentLists ?? 3);
    for (const kind of kinds) {
      const version = kind.versions.find(candidate => served!.has(`${groupVersionOf(kind, candidate)}/${kind.plural}`));
      if (!version) {
        this.absent.add(kind.kind);
        continue;
      }
      const informer = new Informer({
        client: this.options.client,
        kind,
        version,
        path: collectionPath(kind, version),
        onChange: changed => {
          this.changeCount += 1;
          this.options.onChange?.(this.cluster, changed);
        },
        onError: (failed, error) => this.options.logger.warn(`Cluster ${this.cluster}: ${failed} informer: ${error.message}`),
        backoffBaseMs: this.options.backoffBaseMs,
        backoffMaxMs: this.options.backoffMaxMs,
        listLimit,
      });
      this.informers.set(kind.kind, informer);
      informer.start();
    }
    this.options.logger.info(
      `Cluster ${this.cluster}: watching ${this.informers.size} kinds${this.absent.size ? `; absent: ${[...this.absent].join(', ')}` : ''}`,
    );
    this.resolveReady();
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
