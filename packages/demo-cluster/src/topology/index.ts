/**
 * The seeded topology of the demo cluster: a Talos + Cilium home-lab cluster shaped like the
 * seed documents, with every address in 127.0.0.0/8 and a list of deliberately broken cases.
 * Same seed, same cluster.
 */
import { acmeIssuerReadyStatus, issueCertificateNow } from '../controllers/certificate-issuance.ts';
import { certificatesForGateway } from '../controllers/gateway-certificates.ts';
import { reconcileOnce } from '../controllers/index.ts';
import { NOT_READY_DAEMONSETS_ANNOTATION } from '../controllers/workload-pods.ts';
import { UNPROGRAMMED_SERVICES_ANNOTATION } from '../cilium-dbg/agent-view.ts';
import type { KubeObject, ObjectStore } from '../store/types.ts';
import type { TalosClusterState } from '../talos/types.ts';
import { seedClusterBaseline } from './cluster-baseline.ts';
import { seedDemoApps } from './demo-apps.ts';
import { DEMO_APPS, DEMO_GATEWAYS, DEMO_NODES, ENVOY_EXTERNAL, FAULTY_CILIUM_NODE, type DemoNode } from './demo-constants.ts';
import { largeScaleWorkers, seedLargeScale } from './large-scale.ts';
import { createClusterIpAllocator } from './manifest-builders.ts';
import { gatewayManifest, seedNetworkBaseline } from './network-baseline.ts';
import { KEYS } from './resource-keys.ts';
import { createSeededRandom } from './seeded-random.ts';
import { createSeeded } from './seed-writer.ts';
import { talosClusterState } from './talos-state.ts';

export * from './demo-constants.ts';
export { SEEDED_BROKEN_CASES, FAULTY_CILIUM_POD, type SeededBrokenCase, type ObjectRef } from './broken-cases.ts';
export { KEYS } from './resource-keys.ts';
export { LARGE_SCALE } from './large-scale.ts';
export { createSeededRandom, type SeededRandom } from './seeded-random.ts';

/** What to seed. */
export interface SeedTopologyOptions {
  /** 'large' adds ~10,000 services, 3,000 routes, 20,000 pods, 200 pools and 50 nodes. */
  scale: 'small' | 'large';
  /** PRNG seed: the same seed gives the same cluster. */
  seed: number;
  /** 'empty' is a fresh Talos cluster before the portal's bootstrap (no pools, gateways, issuers, policies). */
  state: 'seeded' | 'empty';
  /** Clock, for tests (certificate validity is relative to it). */
  now?: Date;
}

/** The seeded cluster's non-Kubernetes state. */
export interface SeededTopology {
  talos: TalosClusterState;
  /** The machines, also present as Node objects. */
  nodes: DemoNode[];
  /** How long seeding took, in ms. */
  seedDurationMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Seeds `store` with the demo cluster; returns the Talos state for apid. */
export function seedTopology(store: ObjectStore, options: SeedTopologyOptions): SeededTopology {
  const started = performance.now();
  const now = options.now ?? new Date();
  const random = createSeededRandom(options.seed);
  const allocateClusterIp = createClusterIpAllocator();
  const nodes = options.scale === 'large' ? [...DEMO_NODES, ...largeScaleWorkers()] : [...DEMO_NODES];
  const seeded = options.state === 'seeded';

  seedClusterBaseline(store, { nodes, random, allocateClusterIp });
  if (seeded) {
    markNodeFault(store, FAULTY_CILIUM_NODE, {
      [NOT_READY_DAEMONSETS_ANNOTATION]: 'kube-system/cilium',
      [UNPROGRAMMED_SERVICES_ANNOTATION]: `${ENVOY_EXTERNAL.namespace}/cilium-gateway-${ENVOY_EXTERNAL.name}`,
    });
    seedNetworkBaseline(store, { allocateClusterIp });
    seedDemoApps(store, allocateClusterIp);
    if (options.scale === 'large') seedLargeScale(store, random, allocateClusterIp);
  }

  seedServiceAccounts(store);
  // Pods, ReplicaSets, workload status and default accounts exist from the start, as in a running cluster.
  reconcileOnce(store, ['workloads', 'service-accounts'], { now: () => now });

  if (seeded) seedIssuedCertificates(store, now);

  return {
    talos: talosClusterState(nodes, seeded),
    nodes,
    seedDurationMs: performance.now() - started,
  };
}

/** The accounts the Helm charts of the seeded workloads create, named by their pod templates. */
function seedServiceAccounts(store: ObjectStore): void {
  for (const key of [KEYS.deployment, KEYS.daemonSet]) {
    for (const workload of store.list(key)) {
      const name = (workload.spec as { template?: { spec?: { serviceAccountName?: string } } }).template?.spec?.serviceAccountName;
      const namespace = workload.metadata.namespace;
      if (!name || name === 'default' || store.get(KEYS.serviceAccount, namespace, name)) continue;
      store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'Helm' } } });
    }
  }
}

/** Marks a node with the simulated faults its annotations describe. */
function markNodeFault(store: ObjectStore, nodeName: string, faults: Record<string, string>): void {
  const node = store.get(KEYS.node, undefined, nodeName);
  if (!node) return;
  store.update({ ...node, metadata: { ...node.metadata, annotations: { ...node.metadata.annotations, ...faults } } });
}

/**
 * A cluster that has been running for weeks: issuers registered, the gateways' wildcard
 * certificates and most app certificates issued. grafana-tls is left for cert-manager to issue
 * at start; home-assistant-tls is about to expire with a renewal that keeps failing.
 */
function seedIssuedCertificates(store: ObjectStore, now: Date): void {
  for (const issuer of store.list(KEYS.clusterIssuer)) store.updateStatus({ ...issuer, status: acmeIssuerReadyStatus(issuer, now) });

  for (const demoGateway of DEMO_GATEWAYS) {
    const gateway = store.get(KEYS.gateway, demoGateway.namespace, demoGateway.name) ?? gatewayManifest(demoGateway);
    for (const certificate of certificatesForGateway(gateway).certificates) {
      const created = createSeeded(store, certificate);
      issueCertificateNow(store, created, { now, notBefore: new Date(now.getTime() - 40 * DAY_MS) });
    }
  }

  for (const app of DEMO_APPS) {
    if (!app.certificate || app.certificate === 'grafana-tls') continue;
    const certificate = store.get(KEYS.certificate, app.namespace, app.certificate);
    if (!certificate) continue;
    if (app.certificate === 'home-assistant-tls') issueExpiring(store, certificate, now);
    else issueCertificateNow(store, certificate, { now, notBefore: new Date(now.getTime() - 20 * DAY_MS) });
  }
}

function issueExpiring(store: ObjectStore, certificate: KubeObject, now: Date): void {
  const notBefore = new Date(now.getTime() - 85 * DAY_MS);
  const renewalTime = new Date(notBefore.getTime() + 60 * DAY_MS);
  const timestamp = (date: Date): string => date.toISOString().replace(/\.\d+Z$/, 'Z');
  issueCertificateNow(store, certificate, {
    now,
    notBefore,
    extraConditions: [
      {
        type: 'Issuing',
        status: 'True',
        reason: 'Renewing',
        message: `Renewing certificate as renewal was scheduled at ${timestamp(renewalTime)}`,
        observedGeneration: certificate.metadata.generation ?? 1,
      },
    ],
    extraStatus: {
      lastFailureTime: timestamp(new Date(now.getTime() - 2 * 60 * 60 * 1000)),
      failedIssuanceAttempts: 6,
    },
  });
}
