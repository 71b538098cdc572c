import fs from 'node:fs';
import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { parse as parseYaml } from 'yaml';
import { KubernetesConnection } from '../KubernetesClient/KubernetesClient';

/** A DNS server address. */
export interface DnsServerAddress {
  host: string;
  port: number;
}

/** A cluster the network plugin watches: how to reach it and what only we need to know about it. */
export interface ClusterDefinition extends KubernetesConnection {
  title?: string;
  /** Where the definition came from, for the clusters list. */
  source: 'kubernetes-config' | 'kubeconfig' | 'in-cluster';
  dns: {
    /** The k8s_gateway server that answers internal names. */
    internal?: DnsServerAddress;
    /** Resolvers that answer like the public Internet does. */
    external: DnsServerAddress[];
  };
  /** Talos apid access (talosconfig file and/or values); undefined when none is configured. */
  talos?: TalosAccess;
}

/**
 * How to reach a cluster's Talos API: a talosconfig file, values, or both (values win over the
 * file's context). `ca`, `crt` and `key` are standard base64 of PEM as in a talosconfig, or PEM text.
 */
export interface TalosAccess {
  talosconfigPath?: string;
  /** The talosconfig context to use; default its current `context`. */
  context?: string;
  /** apid addresses, `host` or `host:port` (port 50000 when absent). */
  endpoints?: string[];
  /** Default target nodes (the `node` metadata of each request). */
  nodes?: string[];
  ca?: string;
  crt?: string;
  key?: string;
}

const IN_CLUSTER_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * Reads the clusters to watch: the Kubernetes plugin's `config` clusters
 * (`kubernetes.clusterLocatorMethods`), a kubeconfig (`network.kubeconfigPath`) and in-cluster
 * credentials (`network.inCluster`), then adds our per-cluster `network.clusters.<name>` block.
 */
export class ClusterRegistry {
  private readonly clusters: Map<string, ClusterDefinition>;

  private constructor(clusters: ClusterDefinition[]) {
    this.clusters = new Map(clusters.map(cluster => [cluster.name, cluster]));
  }

  /** Builds the registry from the root config; a cluster defined twice keeps its first definition. */
  static fromConfig(config: Config, logger?: LoggerService): ClusterRegistry {
    const found: ClusterDefinition[] = [
      ...readKubernetesPluginClusters(config, logger),
      ...readKubeconfigClusters(config),
      ...readInClusterCluster(config),
    ];
    const byName = new Map<string, ClusterDefinition>();
    for (const cluster of found) {
      if (byName.has(cluster.name)) {
        logger?.warn(`Cluster ${cluster.name} is defined more than once; using the first definition`);
        continue;
      }
      byName.set(cluster.name, { ...cluster, ...readNetworkExtras(config, cluster.name) });
    }
    return new ClusterRegistry([...byName.values()]);
  }

  /** Every cluster, in configuration order. */
  list(): ClusterDefinition[] {
    return [...this.clusters.values()];
  }

  /** One cluster by name. */
  get(name: string): ClusterDefinition | undefined {
    return this.clusters.get(name);
  }
}

function readKubernetesPluginClusters(config: Config, logger?: LoggerService): ClusterDefinition[] {
  const methods = config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? [];
  const clusters: ClusterDefinition[] = [];
  for (const method of methods) {
    if (method.getString('type') !== 'config') continue;
    for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
      const name = cluster.getString('name');
      const authProvider = cluster.getOptionalString('authProvider') ?? 'serviceAccount';
      if (authProvider !== 'serviceAccount') {
        // Per-user auth providers need the user's token; the cache watches with a server-side one.
        logger?.warn(`Cluster ${name}: authProvider ${authProvider} is not supported by the network plugin; watching without a token`);
      }
      clusters.push({
        name,
        title: cluster.getOptionalString('title'),
        url: cluster.getString('url'),
        token: cluster.getOptionalString('serviceAccountToken'),
        caData: cluster.getOptionalString('caData') ?? readOptionalFile(cluster.getOptionalString('caFile')),
        skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify') ?? false,
        source: 'kubernetes-config',
        dns: { external: [] },
      });
    }
  }
  return clusters;
}

function readKubeconfigClusters(config: Config): ClusterDefinition[] {
  const path = config.getOptionalString('network.kubeconfigPath');
  if (!path) return [];
  const kubeconfig = parseYaml(fs.readFileSync(path, 'utf8')) ?? {};
  const namedClusters = new Map<string, any>((kubeconfig.clusters ?? []).map((entry: any) => [entry.name, entry.cluster ?? {}]));
  const namedUsers = new Map<string, any>((kubeconfig.users ?? []).map((entry: any) => [entry.name, entry.user ?? {}]));
  return (kubeconfig.contexts ?? []).flatMap((entry: any): ClusterDefinition[] => {
    const cluster = namedClusters.get(entry.context?.cluster);
    if (!cluster?.server) return [];
    const user = namedUsers.get(entry.context?.user) ?? {};
    return [
      {
        name: entry.name,
        url: cluster.server,
        token: user.token ?? readOptionalFile(user.tokenFile),
        caData: cluster['certificate-authority-data'] ?? readOptionalFile(cluster['certificate-authority']),
        skipTLSVerify: cluster['insecure-skip-tls-verify'] === true,
        source: 'kubeconfig',
        dns: { external: [] },
      },
    ];
  });
}

function readInClusterCluster(config: Config): ClusterDefinition[] {
  if (!config.getOptionalBoolean('network.inCluster')) return [];
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host) throw new Error('network.inCluster is set but KUBERNETES_SERVICE_HOST is not (not running in a pod?)');
  return [
    {
      name: config.getOptionalString('network.inClusterName') ?? 'in-cluster',
      url: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
      token: fs.readFileSync(`${IN_CLUSTER_DIR}/token`, 'utf8').trim(),
      caData: fs.readFileSync(`${IN_CLUSTER_DIR}/ca.crt`, 'utf8'),
      source: 'in-cluster',
      dns: { external: [] },
    },
  ];
}

function readNetworkExtras(config: Config, name: string): Pick<ClusterDefinition, 'dns' | 'talos'> {
  const block = config.getOptionalConfig(`network.clusters.${name}`);
  const readServer = (server: Config): DnsServerAddress => ({
    host: server.getString('host'),
    port: server.getOptionalNumber('port') ?? 53,
  });
  const internal = block?.getOptionalConfig('dns.internal');
  return {
    dns: {
      internal: internal ? readServer(internal) : undefined,
      external: (block?.getOptionalConfigArray('dns.external') ?? []).map(readServer),
    },
    talos: block?.has('talos') ? readTalosAccess(block.getConfig('talos')) : undefined,
  };
}

function readTalosAccess(talos: Config): TalosAccess {
  return {
    talosconfigPath: talos.getOptionalString('talosconfigPath'),
    context: talos.getOptionalString('context'),
    endpoints: talos.getOptionalStringArray('endpoints'),
    nodes: talos.getOptionalStringArray('nodes'),
    ca: talos.getOptionalString('ca'),
    crt: talos.getOptionalString('crt'),
    key: talos.getOptionalString('key'),
  };
}

function readOptionalFile(path: string | undefined): string | undefined {
  return path ? fs.readFileSync(path, 'utf8') : undefined;
}
