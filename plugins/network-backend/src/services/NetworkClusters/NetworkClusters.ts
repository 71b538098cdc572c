import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterSummary, KindSummary } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { WATCHED_KINDS } from '../ClusterCache/watchedKinds';
import { ClusterDefinition, ClusterRegistry } from '../ClusterRegistry/ClusterRegistry';
import { KubernetesClient } from '../KubernetesClient/KubernetesClient';

/** Options of {@link NetworkClusters}. */
export interface NetworkClustersOptions {
  registry: ClusterRegistry;
  logger: LoggerService;
  onChange?: (cluster: string, kind: string) => void;
  /** Builds a cache for a cluster; tests inject their own. */
  createCache?: (cluster: ClusterDefinition) => ClusterCache;
}

/** One cache per configured cluster, started and stopped together. */
export class NetworkClusters {
  private readonly registry: ClusterRegistry;
  private readonly caches = new Map<string, ClusterCache>();

  constructor(options: NetworkClustersOptions) {
    this.registry = options.registry;
    const createCache =
      options.createCache ??
      ((cluster: ClusterDefinition) =>
        new ClusterCache({
          cluster: cluster.name,
          client: new KubernetesClient(cluster),
          logger: options.logger.child({ cluster: cluster.name }),
          onChange: options.onChange,
        }));
    for (const cluster of this.registry.list()) this.caches.set(cluster.name, createCache(cluster));
  }

  /** Starts every cache (informers run in the background). */
  start(): void {
    for (const cache of this.caches.values()) cache.start();
  }

  /** Stops every cache. */
  stop(): void {
    for (const cache of this.caches.values()) cache.stop();
  }

  /** Resolves when every cluster's cache listed each present kind once. */
  async whenSynced(): Promise<void> {
    await Promise.all([...this.caches.values()].map(cache => cache.whenSynced()));
  }

  /** Cluster definitions in configuration order. */
  definitions(): ClusterDefinition[] {
    return this.registry.list();
  }

  /** A cluster's definition. */
  definition(name: string): ClusterDefinition | undefined {
    return this.registry.get(name);
  }

  /** A cluster's cache. */
  cache(name: string): ClusterCache | undefined {
    return this.caches.get(name);
  }

  /** What `GET /clusters` shows for one cluster. */
  summary(name: string): ClusterSummary | undefined {
    const definition = this.registry.get(name);
    const cache = this.caches.get(name);
    if (!definition || !cache) return undefined;
    const health = cache.health();
    const kinds: KindSummary[] = health.kinds.map(kind => {
      const spec = WATCHED_KINDS.find(candidate => candidate.kind === kind.kind);
      return {
        kind: spec?.group ? `${spec.group}/${kind.kind}` : kind.kind,
        state: kind.state,
        count: kind.objects,
        message: kind.error,
      };
    });
    const lastSyncAt = health.kinds
      .map(kind => kind.lastSyncedAt)
      .filter((value): value is string => Boolean(value))
      .sort()
      .pop();
    let state: ClusterSummary['health'] = 'healthy';
    if (health.state === 'unreachable') state = 'unreachable';
    else if (health.state === 'syncing') state = 'starting';
    else if (health.stale || health.state === 'degraded') state = 'stale';
    return { name, title: definition.title, health: state, lastSyncAt, kinds };
  }
}
