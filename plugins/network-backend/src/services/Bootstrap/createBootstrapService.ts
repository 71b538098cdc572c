import { Knex } from 'knex';
import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { KubernetesClient, KubernetesConnection } from '../KubernetesClient/KubernetesClient';
import { RunEventLog } from '../RunEvents/RunEventLog';
import { BootstrapKubernetes } from './BootstrapKubernetes';
import { BootstrapPlanner } from './BootstrapPlanner';
import { BootstrapRunner, BootstrapRunnerTimings } from './BootstrapRunner';
import { BootstrapStore } from './BootstrapStore';
import { DiagnosticsVerifier } from './DiagnosticsVerifier';
import { EtcdBootstrapTargets } from './EtcdBootstrapClient';

/** What the bootstrap is built from. */
export interface BootstrapServiceOptions {
  /** The plugin's database, migrated. */
  db: Knex;
  /** How to reach each cluster (NetworkClusters or ClusterRegistry fit). */
  clusters: { definition(name: string): KubernetesConnection | undefined };
  /** A cluster's raw baseline config, e.g. `baselinesFromConfig(rootConfig)`. */
  baselines: (cluster: string) => unknown;
  /** A cluster's Talos client and bootstrap node, or undefined (etcd step skipped). */
  talos: EtcdBootstrapTargets;
  verifier?: DiagnosticsVerifier;
  auditor: AuditorService;
  logger: LoggerService;
  /** Shared with the diagnostics, or a new one on the same database. */
  events?: RunEventLog;
  timings?: Partial<BootstrapRunnerTimings>;
}

/** The bootstrap's parts, as the routes and the plugin use them. */
export interface BootstrapService {
  planner: BootstrapPlanner;
  runner: BootstrapRunner;
  store: BootstrapStore;
  events: RunEventLog;
  /** Closes the API clients' sockets. */
  close(): void;
}

/**
 * Builds the planner, runner and store of the cluster bootstrap. One API client per cluster is
 * kept, so discovery is read once per group/version.
 */
export function createBootstrapService(options: BootstrapServiceOptions): BootstrapService {
  const clients = new Map<string, KubernetesClient>();
  const kubernetes = (cluster: string): BootstrapKubernetes | undefined => {
    const definition = options.clusters.definition(cluster);
    if (!definition) return undefined;
    let client = clients.get(cluster);
    if (!client) {
      client = new KubernetesClient(definition);
      clients.set(cluster, client);
    }
    return client;
  };
  const store = new BootstrapStore(options.db);
  const events = options.events ?? new RunEventLog(options.db);
  const planner = new BootstrapPlanner({ kubernetes, baselines: options.baselines, talos: options.talos });
  const runner = new BootstrapRunner({
    planner,
    store,
    events,
    kubernetes,
    talos: options.talos,
    verifier: options.verifier,
    auditor: options.auditor,
    logger: options.logger.child({ component: 'bootstrap' }),
    timings: options.timings,
  });
  return {
    planner,
    runner,
    store,
    events,
    close: () => {
      for (const client of clients.values()) client.close();
    },
  };
}
