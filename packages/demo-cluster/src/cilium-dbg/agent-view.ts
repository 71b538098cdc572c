/**
 * What one Cilium agent knows, read from the store at call time: its pod and node, the
 * cluster's nodes, the cilium-config settings, and the objects its service table is built from.
 */
import type { KubeObject, ObjectStore, ResourceKey } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { isPodReady } from '../controllers/workload-pods.ts';
import { listOf } from '../controllers/object-fields.ts';

/**
 * Node annotation naming Services (`namespace/name`, comma-separated) whose LoadBalancer
 * frontends the agent on that node has not programmed: a stale datapath, the seeded
 * inconsistency between Kubernetes and one agent's service table.
 */
export const UNPROGRAMMED_SERVICES_ANNOTATION = 'demo-cluster.internal/unprogrammed-lb-services';

/** The agent a command runs in. */
export interface AgentView {
  store: ObjectStore;
  pod: KubeObject;
  nodeName: string;
  /** The node's InternalIP. */
  nodeAddress: string;
  node: KubeObject | undefined;
  ready: boolean;
  config: Record<string, string>;
  /** When the agent container started (status.startTime), for uptimes and counters. */
  startedAt: Date;
  /** Services whose LoadBalancer frontends this agent has not programmed. */
  unprogrammedServices: Set<string>;
}

/** Lists without copying when the store offers a read-only view (outputs only read). */
export function readAll(store: ObjectStore, key: ResourceKey, namespace?: string): KubeObject[] {
  const readOnly = store as ObjectStore & { listReadOnly?: (key: ResourceKey, options?: { namespace?: string }) => KubeObject[] };
  if (!store.resources.byKey(key)) return [];
  return readOnly.listReadOnly ? readOnly.listReadOnly(key, namespace ? { namespace } : {}) : store.list(key, namespace ? { namespace } : {});
}

/** The InternalIP of a Node. */
export function nodeInternalIp(node: KubeObject | undefined): string {
  const addresses = listOf<{ type: string; address: string }>((node?.status as { addresses?: unknown } | undefined)?.addresses);
  return addresses.find((address) => address.type === 'InternalIP')?.address ?? '';
}

/** True for a Cilium agent pod (the cilium DaemonSet's pods carry k8s-app=cilium). */
export function isCiliumAgentPod(pod: KubeObject | undefined): pod is KubeObject {
  return pod?.metadata.labels?.['k8s-app'] === 'cilium';
}

/** Builds the view of the agent in `pod`. */
export function agentView(store: ObjectStore, pod: KubeObject): AgentView {
  const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
  const node = nodeName ? store.get(KEYS.node, undefined, nodeName) : undefined;
  const config = (store.get(KEYS.configMap, 'kube-system', 'cilium-config')?.data ?? {}) as Record<string, string>;
  const startTime = (pod.status as { startTime?: string } | undefined)?.startTime;
  return {
    store,
    pod,
    nodeName,
    nodeAddress: nodeInternalIp(node),
    node,
    ready: isPodReady(pod),
    config,
    startedAt: startTime ? new Date(startTime) : new Date(),
    unprogrammedServices: new Set(
      (node?.metadata.annotations?.[UNPROGRAMMED_SERVICES_ANNOTATION] ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry.length > 0),
    ),
  };
}

/** Whether each node's Cilium agent is ready, by node name. */
export function agentReadinessByNode(store: ObjectStore): Map<string, boolean> {
  const readiness = new Map<string, boolean>();
  for (const pod of readAll(store, KEYS.pod, 'kube-system')) {
    if (!isCiliumAgentPod(pod)) continue;
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (nodeName) readiness.set(nodeName, isPodReady(pod));
  }
  return readiness;
}
