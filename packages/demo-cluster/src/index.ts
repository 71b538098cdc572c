/**
 * The demo cluster as one call: `startDemoCluster` makes the CAs and certificates, fills the
 * store (seeded topology or persisted state), starts the controllers, the Kubernetes API
 * server, the DNS server and the Talos apid on loopback, and writes kubeconfig, talosconfig
 * and endpoints.json into the state directory.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { ciliumDbgExecHandler } from './cilium-dbg/index.ts';
import { startControllers } from './controllers/index.ts';
import type { ControllerOptions, RunningControllers } from './controllers/index.ts';
import { startDnsServer } from './dns/server.ts';
import { startKubeApiServer } from './kube-api/server.ts';
import { renderKubeconfig } from './kubeconfig.ts';
import { readStateFile, startStateWriter } from './persist/state-file.ts';
import type { StateWriter } from './persist/state-file.ts';
import { createCertificateAuthority, issueCertificate } from './pki/index.ts';
import type { CertificateAuthority, IssuedCertificate } from './pki/index.ts';
import { createMemoryStore } from './store/memory-store.ts';
import type { MemoryStore } from './store/memory-store.ts';
import { startTalosApid } from './talos/server.ts';
import { renderTalosconfig } from './talos/talosconfig.ts';
import type { TalosClusterState } from './talos/types.ts';
import { DEMO_KUBERNETES_VERSION, seedTopology } from './topology/index.ts';

export type { KubeObject, ObjectStore, ResourceType, StoreEvent, ExecHandler } from './store/types.ts';
export type { MemoryStore } from './store/memory-store.ts';
export type { TalosClusterState } from './talos/types.ts';
export { createMemoryStore } from './store/memory-store.ts';
export { startKubeApiServer } from './kube-api/server.ts';
export { createCertificateAuthority, issueCertificate } from './pki/index.ts';
export { renderKubeconfig } from './kubeconfig.ts';
export { DEMO_APPS } from './topology/demo-constants.ts';
export { SEEDED_BROKEN_CASES, type SeededBrokenCase } from './topology/broken-cases.ts';

/** Options of `startDemoCluster`. */
export interface DemoClusterOptions {
  /** Where kubeconfig, talosconfig, endpoints.json (and with `persist`, state.json) go. Created if missing. */
  stateDir: string;
  /** 'small' (default): the seed-document-sized cluster; 'large': thousands of objects for benchmarks. */
  scale?: 'small' | 'large';
  /** Seed of the generated topology; same seed, same cluster. Default 1. */
  seed?: number;
  /** 'seeded' (default) or 'empty' (nodes and Talos only, etcd not bootstrapped). */
  state?: 'seeded' | 'empty';
  /** A loopback address to listen on; default 127.0.0.1. */
  host?: string;
  /** Ports; 0 or unset picks free ones. */
  kubePort?: number;
  talosPort?: number;
  dnsPort?: number;
  /** Keep state (objects, Talos state, certificates, token) in the state directory across restarts. */
  persist?: boolean;
  /** Tunables of the simulated controllers (e.g. `certificateIssuanceDelayMs` for fast tests). */
  controllerOptions?: ControllerOptions;
}

/** One node of the cluster as endpoints.json lists it. */
export interface DemoClusterNode {
  name: string;
  address: string;
  role: 'controlplane' | 'worker';
}

/** The content of endpoints.json. */
export interface DemoClusterEndpoints {
  kubernetesApiUrl: string;
  /** `host:port` of the Talos apid. */
  talosApid: string;
  dns: { host: string; port: number };
  nodes: DemoClusterNode[];
}

/** A running demo cluster. */
export interface DemoCluster {
  kubeconfigPath: string;
  talosconfigPath: string;
  endpointsPath: string;
  endpoints: DemoClusterEndpoints;
  /** The bearer token of the Kubernetes API (also in the kubeconfig). */
  token: string;
  /** The Kubernetes API CA certificate (also in the kubeconfig). */
  kubernetesCaPem: string;
  store: MemoryStore;
  talos: TalosClusterState;
  /** Resolves when the controllers have no queued work (issuance timers excepted). */
  whenIdle(): Promise<void>;
  /** Stops every server and the controllers; with `persist`, writes the state a last time. */
  stop(): Promise<void>;
}

interface ClusterCredentials {
  token: string;
  kubernetesCa: CertificateAuthority;
  talosCa: CertificateAuthority;
  talosClient: IssuedCertificate;
}

function isLoopbackHost(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** CAs, the Talos client certificate and the API token: reused from the state dir when persisting. */
function loadOrCreateCredentials(stateDir: string, persist: boolean): ClusterCredentials {
  const path = join(stateDir, 'credentials.json');
  if (persist && existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as ClusterCredentials;
  const talosCa = createCertificateAuthority('talos');
  const credentials: ClusterCredentials = {
    token: `demo.${randomBytes(24).toString('hex')}`,
    kubernetesCa: createCertificateAuthority('kubernetes'),
    talosCa,
    talosClient: issueCertificate(talosCa, { commonName: 'admin', organizations: ['os:admin'], usage: 'client', validityDays: 3650 }),
  };
  if (persist) writeFileSync(path, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** Starts the whole simulated cluster. */
export async function startDemoCluster(options: DemoClusterOptions): Promise<DemoCluster> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new Error(`host must be a loopback address (127.0.0.0/8), got ${host}`);
  const stateDir = resolve(options.stateDir);
  mkdirSync(stateDir, { recursive: true });
  const persist = options.persist ?? false;
  const credentials = loadOrCreateCredentials(stateDir, persist);
  const statePath = join(stateDir, 'state.json');

  let store: MemoryStore;
  let talos: TalosClusterState;
  const saved = persist ? readStateFile(statePath) : undefined;
  if (saved) {
    store = createMemoryStore({ snapshot: saved.store });
    talos = saved.talos;
  } else {
    store = createMemoryStore();
    talos = seedTopology(store, { scale: options.scale ?? 'small', seed: options.seed ?? 1, state: options.state ?? 'seeded' }).talos;
  }

  const ipHost = isIP(host) ? host : '127.0.0.1';
  const stops: Array<() => Promise<void> | void> = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        console.error('demo-cluster: stopping a part failed:', error);
      }
    }
  };

  try {
    let writer: StateWriter | undefined;
    if (persist) {
      writer = startStateWriter(statePath, store, talos);
      stops.push(() => writer!.stop());
    }
    const controllers: RunningControllers = startControllers(store, options.controllerOptions);
    stops.push(() => controllers.stop());

    const kubeServing = issueCertificate(credentials.kubernetesCa, {
      commonName: 'kube-apiserver',
      dnsNames: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
      ipAddresses: [ipHost],
      usage: 'server',
    });
    const kubeApi = await startKubeApiServer({
      store,
      host,
      port: options.kubePort ?? 0,
      token: credentials.token,
      tls: kubeServing,
      execHandler: ciliumDbgExecHandler,
      // The API server is the same release as the nodes' kubelets.
      kubernetesVersion: DEMO_KUBERNETES_VERSION,
    });
    stops.push(() => kubeApi.stop());

    const dns = await startDnsServer(store, { host: ipHost, port: options.dnsPort ?? 0 });
    stops.push(() => dns.stop());

    const nodeAddresses = talos.nodes.map((node) => node.address).filter((address) => isIP(address));
    const talosServing = issueCertificate(credentials.talosCa, {
      commonName: 'apid',
      dnsNames: ['localhost', ...talos.nodes.map((node) => node.hostname)],
      ipAddresses: [...new Set([ipHost, ...nodeAddresses])],
      usage: 'server',
    });
    const apid = await startTalosApid(talos, {
      host: ipHost,
      port: options.talosPort ?? 0,
      tls: { caPem: credentials.talosCa.certPem, certPem: talosServing.certPem, keyPem: talosServing.keyPem },
      store,
    });
    stops.push(() => apid.stop());

    const endpoints: DemoClusterEndpoints = {
      kubernetesApiUrl: kubeApi.url,
      talosApid: `${apid.host}:${apid.port}`,
      dns: { host: dns.host, port: dns.port },
      nodes: talos.nodes.map((node) => ({ name: node.hostname, address: node.address, role: node.role })),
    };
    const kubeconfigPath = join(stateDir, 'kubeconfig');
    const talosconfigPath = join(stateDir, 'talosconfig');
    const endpointsPath = join(stateDir, 'endpoints.json');
    writeFileSync(kubeconfigPath, renderKubeconfig({ server: kubeApi.url, caPem: credentials.kubernetesCa.certPem, token: credentials.token }), { mode: 0o600 });
    const firstControlPlane = talos.nodes.find((node) => node.role === 'controlplane');
    writeFileSync(
      talosconfigPath,
      renderTalosconfig({
        context: 'demo',
        endpoints: [endpoints.talosApid],
        nodes: firstControlPlane ? [firstControlPlane.address] : [],
        caPem: credentials.talosCa.certPem,
        clientCertPem: credentials.talosClient.certPem,
        clientKeyPem: credentials.talosClient.keyPem,
      }),
      { mode: 0o600 },
    );
    writeFileSync(endpointsPath, `${JSON.stringify(endpoints, null, 2)}\n`);

    let stopped: Promise<void> | undefined;
    return {
      kubeconfigPath,
      talosconfigPath,
      endpointsPath,
      endpoints,
      token: credentials.token,
      kubernetesCaPem: credentials.kubernetesCa.certPem,
      store,
      talos,
      whenIdle: () => controllers.whenIdle(),
      stop: () => (stopped ??= stopAll()),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
