/**
 * The `--scale large` additions for benchmarks: 46 more workers (50 nodes), 200 IP pools and
 * 100 namespaces with 100 services each (10,000; 2,000 of them LoadBalancer), 30 HTTPRoutes
 * per namespace (3,000) and a two-replica Deployment behind every Service (20,000 pods).
 */
import type { ObjectStore } from '../store/types.ts';
import {
  DEMO_DOMAIN,
  ENVOY_EXTERNAL,
  ENVOY_INTERNAL,
  IP_POOL_LABEL,
  NETWORK_NAMESPACE,
  type DemoNode,
} from './demo-constants.ts';
import { appLabels, deploymentManifest, namespaceManifest, serviceManifest } from './manifest-builders.ts';
import type { SeededRandom } from './seeded-random.ts';
import { createSeeded } from './seed-writer.ts';

/** Sizes of the large topology. */
export const LARGE_SCALE = {
  extraWorkers: 46,
  pools: 200,
  namespaces: 100,
  servicesPerNamespace: 100,
  loadBalancersPerNamespace: 20,
  routesPerNamespace: 30,
  replicas: 2,
} as const;

/** The additional workers of the large topology (talos-worker-2 onwards, 127.0.1.54 onwards). */
export function largeScaleWorkers(): DemoNode[] {
  return Array.from({ length: LARGE_SCALE.extraWorkers }, (_, index) => ({
    name: `talos-worker-${index + 2}`,
    address: `127.0.1.${54 + index}`,
    role: 'worker' as const,
  }));
}

const IMAGES = [
  'ghcr.io/stefanprodan/podinfo:6.9.2',
  'docker.io/library/nginx:1.29.3',
  'ghcr.io/mendhak/http-https-echo:37',
  'docker.io/traefik/whoami:v1.11.0',
];

const pad = (value: number, width: number): string => String(value).padStart(width, '0');

/** Seeds the bulk objects (workloads are materialized afterwards with the rest). */
export function seedLargeScale(store: ObjectStore, random: SeededRandom, allocateClusterIp: (fixed?: string) => string): void {
  for (let pool = 0; pool < LARGE_SCALE.pools; pool++) {
    createSeeded(store, {
      apiVersion: 'cilium.io/v2alpha1',
      kind: 'CiliumLoadBalancerIPPool',
      metadata: { name: `bulk-pool-${pad(pool, 3)}` },
      spec: {
        blocks: [{ cidr: `127.10.${pool}.0/24` }],
        serviceSelector: { matchLabels: { [IP_POOL_LABEL]: `bulk-${pad(pool, 3)}` } },
      },
    });
  }
  for (let index = 0; index < LARGE_SCALE.namespaces; index++) {
    const namespace = `load-${pad(index, 2)}`;
    createSeeded(store, namespaceManifest(namespace, { 'demo.lab/scale': 'large' }));
    createSeeded(store, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny', namespace },
      spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
    });
    for (let serviceIndex = 0; serviceIndex < LARGE_SCALE.servicesPerNamespace; serviceIndex++) {
      const name = `svc-${pad(serviceIndex, 3)}`;
      const selector = { 'app.kubernetes.io/name': name, 'app.kubernetes.io/instance': name };
      const labels = appLabels(name, { 'demo.lab/scale': 'large' });
      createSeeded(
        store,
        deploymentManifest({ name, namespace }, LARGE_SCALE.replicas, selector, labels, {
          containerName: 'app',
          image: random.pick(IMAGES),
          ports: [{ name: 'http', containerPort: 8080 }],
        }),
      );
      const isLoadBalancer = serviceIndex >= LARGE_SCALE.servicesPerNamespace - LARGE_SCALE.loadBalancersPerNamespace;
      const pool = (index * LARGE_SCALE.loadBalancersPerNamespace + serviceIndex) % LARGE_SCALE.pools;
      createSeeded(
        store,
        serviceManifest(
          { name, namespace, labels: { ...labels, ...(isLoadBalancer ? { [IP_POOL_LABEL]: `bulk-${pad(pool, 3)}` } : {}) } },
          {
            type: isLoadBalancer ? 'LoadBalancer' : 'ClusterIP',
            selector,
            clusterIP: allocateClusterIp(),
            ports: [{ name: 'http', port: 80, targetPort: 'http' }],
          },
        ),
      );
      if (serviceIndex < LARGE_SCALE.routesPerNamespace) {
        const gateway = random.next() < 0.7 ? ENVOY_INTERNAL : ENVOY_EXTERNAL;
        createSeeded(store, {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name, namespace, labels },
          spec: {
            parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: gateway.name, namespace: NETWORK_NAMESPACE }],
            hostnames: [`${name}-${namespace}.${DEMO_DOMAIN}`],
            rules: [
              {
                matches: [{ path: { type: 'PathPrefix', value: '/' } }],
                backendRefs: [{ group: '', kind: 'Service', name, port: 80, weight: 1 }],
              },
            ],
          },
        });
      }
    }
  }
}
