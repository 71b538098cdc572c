/**
 * A read-only `metrics.k8s.io/v1beta1` (the metrics-server API) computed from the stored pods
 * and nodes: `kubectl top` and Backstage's pod metrics work. Usage figures are made up but
 * stable: derived from a hash of each container's identity, so the same cluster shows the same
 * numbers.
 */
import { createHash } from 'node:crypto';
import type { MemoryStore } from '../store/memory-store.ts';
import type { KubeObject } from '../store/types.ts';
import { ApiError, methodNotAllowed, resourceNotServed } from './status.ts';
import type { VirtualApi } from './virtual-api.ts';

const METRICS_GROUP = 'metrics.k8s.io';
const METRICS_VERSION = 'v1beta1';

const PODS = { group: '', plural: 'pods' };
const NODES = { group: '', plural: 'nodes' };
const API_VERSION = `${METRICS_GROUP}/${METRICS_VERSION}`;

function stableNumber(text: string, min: number, max: number): number {
  const digest = createHash('sha256').update(text).digest();
  return min + (digest.readUInt32BE(0) % (max - min + 1));
}

function timestamp(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The pod's containers; objects are not schema-checked, so anything but a list counts as none. */
function containersOf(pod: KubeObject): Array<{ name: string }> {
  const containers = (pod.spec as { containers?: unknown } | undefined)?.containers;
  return Array.isArray(containers) ? containers.filter((container) => typeof container?.name === 'string') : [];
}

function isRunning(pod: KubeObject): boolean {
  return (pod.status as { phase?: string } | undefined)?.phase === 'Running';
}

function containerUsage(pod: KubeObject, container: string): { cpuMillis: number; memoryMi: number } {
  const id = `${pod.metadata.namespace}/${pod.metadata.name}/${container}`;
  return { cpuMillis: stableNumber(`cpu:${id}`, 1, 180), memoryMi: stableNumber(`memory:${id}`, 12, 480) };
}

function podMetrics(pod: KubeObject): Record<string, unknown> {
  const containers = containersOf(pod).map((container) => {
    const usage = containerUsage(pod, container.name);
    return { name: container.name, usage: { cpu: `${usage.cpuMillis}m`, memory: `${usage.memoryMi * 1024}Ki` } };
  });
  return {
    kind: 'PodMetrics',
    apiVersion: API_VERSION,
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      creationTimestamp: timestamp(),
      ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}),
    },
    timestamp: timestamp(),
    window: '15s',
    containers,
  };
}

function nodeMetrics(node: KubeObject, pods: readonly KubeObject[]): Record<string, unknown> {
  let cpuMillis = stableNumber(`cpu:${node.metadata.name}`, 120, 320);
  let memoryMi = stableNumber(`memory:${node.metadata.name}`, 700, 1400);
  for (const pod of pods) {
    if ((pod.spec as { nodeName?: string } | undefined)?.nodeName !== node.metadata.name || !isRunning(pod)) continue;
    for (const container of containersOf(pod)) {
      const usage = containerUsage(pod, container.name);
      cpuMillis += usage.cpuMillis;
      memoryMi += usage.memoryMi;
    }
  }
  return {
    kind: 'NodeMetrics',
    apiVersion: API_VERSION,
    metadata: { name: node.metadata.name, creationTimestamp: timestamp(), ...(node.metadata.labels ? { labels: node.metadata.labels } : {}) },
    timestamp: timestamp(),
    window: '20s',
    usage: { cpu: `${cpuMillis}m`, memory: `${memoryMi * 1024}Ki` },
  };
}

function notFound(resource: string, name: string): ApiError {
  return new ApiError(404, 'NotFound', `${resource}.metrics.k8s.io "${name}" not found`, { name, group: METRICS_GROUP, kind: resource });
}

/** The metrics.k8s.io/v1beta1 API, computed from the store. */
export const metricsApi: VirtualApi = {
  group: METRICS_GROUP,
  version: METRICS_VERSION,
  resources: [
    { name: 'pods', kind: 'PodMetrics', singular: 'podmetrics', namespaced: true, verbs: ['get', 'list'] },
    { name: 'nodes', kind: 'NodeMetrics', singular: 'nodemetrics', namespaced: false, verbs: ['get', 'list'] },
  ],
  answer: (store, request) => ({ code: 200, body: answerMetricsRequest(store, request.method, request.rest, request.params) }),
};

function answerMetricsRequest(store: MemoryStore, method: string, rest: string[], params: URLSearchParams): Record<string, unknown> {
  if (method !== 'GET') throw methodNotAllowed(method, rest.join('/'));
  const labelSelector = params.get('labelSelector') ?? undefined;
  let namespace: string | undefined;
  let tail = rest;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    tail = rest.slice(2);
  }
  const [resource, name, extra] = tail;
  if (extra !== undefined) throw resourceNotServed();
  if (resource === 'pods') {
    if (name !== undefined) {
      const pod = store.getReadOnly(PODS, namespace, name);
      if (!pod || !isRunning(pod)) throw notFound('pods', name);
      return podMetrics(pod);
    }
    const pods = store.listReadOnly(PODS, { namespace, labelSelector }).filter(isRunning);
    return { kind: 'PodMetricsList', apiVersion: API_VERSION, metadata: {}, items: pods.map(podMetrics) };
  }
  if (resource === 'nodes' && namespace === undefined) {
    const pods = store.listReadOnly(PODS);
    if (name !== undefined) {
      const node = store.getReadOnly(NODES, undefined, name);
      if (!node) throw notFound('nodes', name);
      return nodeMetrics(node, pods);
    }
    const nodes = store.listReadOnly(NODES, { labelSelector });
    return { kind: 'NodeMetricsList', apiVersion: API_VERSION, metadata: {}, items: nodes.map((node) => nodeMetrics(node, pods)) };
  }
  throw resourceNotServed();
}
