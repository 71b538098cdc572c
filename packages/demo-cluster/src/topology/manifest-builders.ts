/**
 * Builders for the manifests the topology seeds. They return plain objects in the shape the
 * real API server stores; the store fills uid, resourceVersion and timestamps on create.
 */
import type { KubeObject, ObjectMeta } from '../store/types.ts';
import { BACKSTAGE_ID_LABEL } from './demo-constants.ts';

type Meta = Omit<ObjectMeta, 'name'> & { name: string };

/** A namespace with the standard `kubernetes.io/metadata.name` label. */
export function namespaceManifest(name: string, labels: Record<string, string> = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  };
}

/** A ConfigMap. */
export function configMapManifest(namespace: string, name: string, data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, ...(labels ? { labels } : {}) }, data };
}

/** Standard labels of an app's workload and Service. */
export function appLabels(app: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    'app.kubernetes.io/name': app,
    'app.kubernetes.io/instance': app,
    [BACKSTAGE_ID_LABEL]: app,
    ...extra,
  };
}

/** Options of a Deployment or DaemonSet container. */
export interface ContainerOptions {
  containerName: string;
  image: string;
  ports?: { name: string; containerPort: number; protocol?: 'TCP' | 'UDP' }[];
  hostNetwork?: boolean;
  tolerateEverything?: boolean;
  serviceAccountName?: string;
}

function podTemplate(labels: Record<string, string>, options: ContainerOptions): Record<string, unknown> {
  return {
    metadata: { labels },
    spec: {
      ...(options.serviceAccountName ? { serviceAccountName: options.serviceAccountName } : {}),
      ...(options.hostNetwork ? { hostNetwork: true } : {}),
      ...(options.tolerateEverything ? { tolerations: [{ operator: 'Exists' }] } : {}),
      containers: [
        {
          name: options.containerName,
          image: options.image,
          imagePullPolicy: 'IfNotPresent',
          ports: (options.ports ?? []).map((port) => ({ protocol: 'TCP', ...port })),
          resources: {},
        },
      ],
      restartPolicy: 'Always',
      dnsPolicy: options.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    },
  };
}

/** A Deployment whose pods carry `labels`; its selector is `selectorLabels`. */
export function deploymentManifest(
  meta: Meta,
  replicas: number,
  selectorLabels: Record<string, string>,
  labels: Record<string, string>,
  container: ContainerOptions,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { ...meta, labels: { ...labels, ...meta.labels } },
    spec: {
      replicas,
      selector: { matchLabels: selectorLabels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      template: podTemplate(labels, container),
    },
  };
}

/** A DaemonSet whose pods carry `labels`. */
export function daemonSetManifest(
  meta: Meta,
  selectorLabels: Record<string, string>,
  labels: Record<string, string>,
  container: ContainerOptions,
): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { ...meta, labels: { ...labels, ...meta.labels } },
    spec: {
      selector: { matchLabels: selectorLabels },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      template: podTemplate(labels, container),
    },
  };
}

/** A Service port. */
export interface ServicePortSpec {
  name: string;
  port: number;
  targetPort?: number | string;
  protocol?: 'TCP' | 'UDP';
}

/** A ClusterIP or LoadBalancer Service with a stable cluster IP. */
export function serviceManifest(
  meta: Meta,
  options: {
    type?: 'ClusterIP' | 'LoadBalancer';
    selector?: Record<string, string>;
    ports: ServicePortSpec[];
    clusterIP: string;
    externalTrafficPolicy?: 'Cluster' | 'Local';
  },
): KubeObject {
  const type = options.type ?? 'ClusterIP';
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta,
    spec: {
      type,
      ...(options.selector ? { selector: options.selector } : {}),
      ports: options.ports.map((port, index) => ({
        name: port.name,
        port: port.port,
        targetPort: port.targetPort ?? port.port,
        protocol: port.protocol ?? 'TCP',
        // Node ports are data; the loopback cluster never opens them.
        ...(type === 'LoadBalancer' ? { nodePort: 30000 + ((hashPort(meta.name) + index) % 2767) } : {}),
      })),
      clusterIP: options.clusterIP,
      clusterIPs: [options.clusterIP],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ...(type === 'LoadBalancer'
        ? { externalTrafficPolicy: options.externalTrafficPolicy ?? 'Cluster', allocateLoadBalancerNodePorts: true }
        : {}),
    },
    status: { loadBalancer: {} },
  };
}

function hashPort(name: string): number {
  let hash = 7;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 100003;
  return hash;
}

/** Hands out service cluster IPs from DEMO_SERVICE_CIDR (10.43.0.0/16) in order. */
export function createClusterIpAllocator(): (fixed?: string) => string {
  let next = 16;
  return (fixed) => {
    if (fixed) return fixed;
    const value = next++;
    return `10.43.${Math.floor(value / 256) % 256}.${value % 256}`;
  };
}
