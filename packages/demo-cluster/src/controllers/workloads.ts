/**
 * The workload controllers of kube-controller-manager and the scheduler, reduced to what the
 * portal sees: Deployments own a ReplicaSet per pod template, ReplicaSets and DaemonSets own
 * Running pods placed on nodes, and all three report replica counts in their status.
 * Pods created Pending (through the API) are bound to a node and started. Running pods are
 * never rewritten, so a pod the topology made not ready stays not ready.
 */
import type { KubeObject, ResourceKey, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { formatIpv4, parseCidr } from './ipv4-ranges.ts';
import { matchesSelectorMap } from './label-selector-match.ts';
import { safeSuffix } from './stable-name-hash.ts';
import { jsonEqual, mergeConditions, nowTimestamp, type Condition } from './status-conditions.ts';
import { buildPod, controllerOwner, isPodReady, NOT_READY_DAEMONSETS_ANNOTATION, runningPodStatus } from './workload-pods.ts';
import { deleteIfPresent, listOf, recordOf } from './object-fields.ts';

interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: Record<string, unknown> & { nodeSelector?: Record<string, string>; hostNetwork?: boolean; tolerations?: { operator?: string; key?: string }[] };
}

interface WorkloadSpec {
  replicas?: number;
  selector?: { matchLabels?: Record<string, string> };
  template?: PodTemplate;
}

/** A pod nobody has started yet: Pending, or created without any phase. */
const isWaitingToStart = (pod: KubeObject): boolean => {
  const phase = recordOf<{ phase: unknown }>(pod.status).phase;
  return phase === 'Pending' || phase === undefined;
};

const specOf = (object: KubeObject): WorkloadSpec => recordOf<WorkloadSpec>(object.spec) as WorkloadSpec;
const templateOf = (spec: WorkloadSpec): PodTemplate => {
  const template = recordOf<PodTemplate>(spec.template);
  return { metadata: recordOf<NonNullable<PodTemplate['metadata']>>(template.metadata), spec: recordOf<NonNullable<PodTemplate['spec']>>(template.spec) };
};
const replicasOf = (spec: WorkloadSpec): number => (typeof spec.replicas === 'number' && spec.replicas >= 0 ? spec.replicas : 1);
const statusOf = (object: KubeObject): Record<string, unknown> => (object.status ?? {}) as Record<string, unknown>;

/** Creates the Deployment / ReplicaSet / DaemonSet controller. */
export function createWorkloadsController(context: ControllerContext): Controller {
  const { store, cache } = context;
  // Per node: pod IPs in use (excluding host-network pods, which use the node address).
  let usedIpsByNode: Map<string, Set<string>> | undefined;
  // Per node: where the next IP search starts, so allocation does not rescan the used ones.
  const ipCursor = new Map<string, number>();
  // Per node: number of pods, for spreading replicas.
  let podsPerNode: Map<string, number> | undefined;
  // kind -> 'namespace/OwnerKind/ownerName' -> name -> object, for pods and ReplicaSets.
  const ownerIndexes = new Map<string, Map<string, Map<string, KubeObject>>>();

  function ownerIndex(key: ResourceKey): Map<string, Map<string, KubeObject>> {
    let index = ownerIndexes.get(key.plural);
    if (index) return index;
    index = new Map();
    ownerIndexes.set(key.plural, index);
    for (const object of cache.list(key)) trackOwned(key, object, true);
    return index;
  }

  function trackOwned(key: ResourceKey, object: KubeObject, add: boolean): void {
    const index = ownerIndexes.get(key.plural);
    if (!index) return;
    const owner = controllerOwner(object);
    if (!owner) return;
    const id = `${object.metadata.namespace ?? ''}/${owner.kind}/${owner.name}`;
    let members = index.get(id);
    if (!members) {
      members = new Map();
      index.set(id, members);
    }
    if (add) members.set(object.metadata.name, object);
    else members.delete(object.metadata.name);
  }

  function nodeLoad(): Map<string, number> {
    if (podsPerNode) return podsPerNode;
    podsPerNode = new Map();
    for (const pod of cache.list(KEYS.pod)) countPod(pod, 1);
    return podsPerNode;
  }

  function countPod(pod: KubeObject, delta: number): void {
    if (!podsPerNode) return;
    const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
    if (nodeName) podsPerNode.set(nodeName, (podsPerNode.get(nodeName) ?? 0) + delta);
  }

  function usedIps(): Map<string, Set<string>> {
    if (usedIpsByNode) return usedIpsByNode;
    usedIpsByNode = new Map();
    for (const pod of cache.list(KEYS.pod)) trackPodIp(pod, true);
    return usedIpsByNode;
  }

  function trackPodIp(pod: KubeObject, add: boolean): void {
    const map = usedIpsByNode;
    if (!map) return;
    const spec = pod.spec as { nodeName?: string; hostNetwork?: boolean } | undefined;
    const ip = (pod.status as { podIP?: string } | undefined)?.podIP;
    if (!spec?.nodeName || spec.hostNetwork || !ip) return;
    let set = map.get(spec.nodeName);
    if (!set) {
      set = new Set();
      map.set(spec.nodeName, set);
    }
    if (add) set.add(ip);
    else set.delete(ip);
  }

  function nodeAddress(node: KubeObject): string {
    const addresses = listOf<{ type: string; address: string }>((node.status as { addresses?: unknown } | undefined)?.addresses);
    return addresses.find((address) => address.type === 'InternalIP')?.address ?? '';
  }

  function allocatePodIp(node: KubeObject): string {
    const set = usedIps().get(node.metadata.name) ?? new Set<string>();
    usedIps().set(node.metadata.name, set);
    const range = parseCidr(String((node.spec as { podCIDR?: string } | undefined)?.podCIDR ?? '10.42.0.0/24')) ?? parseCidr('10.42.0.0/24');
    if (!range) return '';
    // .1 and .2 of the node's range are Cilium's router and health addresses.
    const first = range.first + 10;
    const size = range.last - first;
    const start = ipCursor.get(node.metadata.name) ?? 0;
    for (let step = 0; step < size; step++) {
      const offset = (start + step) % size;
      const ip = formatIpv4(first + offset);
      if (!set.has(ip)) {
        set.add(ip);
        ipCursor.set(node.metadata.name, offset + 1);
        return ip;
      }
    }
    return '';
  }

  function isNodeReady(node: KubeObject): boolean {
    const conditions = listOf<{ type: string; status: string }>((node.status as { conditions?: unknown } | undefined)?.conditions);
    return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
  }

  function tolerates(template: PodTemplate, node: KubeObject): boolean {
    const taints = listOf<{ key: string; effect: string }>((node.spec as { taints?: unknown } | undefined)?.taints).filter(
      (taint) => taint.effect === 'NoSchedule' || taint.effect === 'NoExecute',
    );
    const tolerations = listOf<{ operator?: string; key?: string }>(template.spec?.tolerations);
    return taints.every((taint) => tolerations.some((toleration) => toleration.operator === 'Exists' && (!toleration.key || toleration.key === taint.key)));
  }

  function eligibleNodes(template: PodTemplate, requireReady: boolean): KubeObject[] {
    const selector = recordOf<Record<string, string>>(template.spec?.nodeSelector) as Record<string, string>;
    return cache
      .list(KEYS.node)
      .filter((node) => (!selector || Object.keys(selector).length === 0 || matchesSelectorMap(selector, node.metadata.labels)))
      .filter((node) => tolerates(template, node) && (!requireReady || isNodeReady(node)))
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  }

  function ownedBy(key: ResourceKey, namespace: string, kind: string, name: string): KubeObject[] {
    return [...(ownerIndex(key).get(`${namespace}/${kind}/${name}`)?.values() ?? [])];
  }

  function createPod(owner: KubeObject, template: PodTemplate, name: string, node: KubeObject, extraLabels: Record<string, string>): void {
    const daemonSetId = owner.kind === 'DaemonSet' ? `${owner.metadata.namespace}/${owner.metadata.name}` : '';
    const faulty =
      daemonSetId !== '' &&
      (node.metadata.annotations?.[NOT_READY_DAEMONSETS_ANNOTATION] ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .includes(daemonSetId);
    const hostIP = nodeAddress(node);
    const pod = buildPod({
      name,
      owner,
      template,
      extraLabels,
      nodeName: node.metadata.name,
      hostIP,
      podIP: template.spec?.hostNetwork ? hostIP : allocatePodIp(node),
      ready: !faulty,
      startedAt: nowTimestamp(context.options.now()),
    });
    const created = store.create(pod);
    countPod(created, 1);
    if (!jsonEqual(created.status, pod.status)) store.updateStatus({ ...created, status: pod.status });
  }

  function deletePod(pod: KubeObject): void {
    trackPodIp(pod, false);
    deleteIfPresent(store, KEYS.pod, pod.metadata.namespace, pod.metadata.name);
  }

  function writeStatus(object: KubeObject, status: Record<string, unknown>): void {
    if (jsonEqual(object.status, status)) return;
    store.updateStatus({ ...object, status });
  }

  function pickNode(nodes: KubeObject[]): KubeObject | undefined {
    let best: KubeObject | undefined;
    let bestCount = Infinity;
    for (const node of nodes) {
      const count = nodeLoad().get(node.metadata.name) ?? 0;
      if (count < bestCount) {
        best = node;
        bestCount = count;
      }
    }
    return best;
  }

  function reconcileReplicaSet(namespace: string, name: string): void {
    const replicaSet = cache.get(KEYS.replicaSet, namespace, name);
    const pods = ownedBy(KEYS.pod, namespace, 'ReplicaSet', name);
    if (!replicaSet) {
      for (const pod of pods) deletePod(pod);
      return;
    }
    const spec = specOf(replicaSet);
    const template = templateOf(spec);
    const desired = replicasOf(spec);
    const live = pods.filter((pod) => !pod.metadata.deletionTimestamp);
    if (live.length < desired) {
      const nodes = eligibleNodes(template, true);
      const names = new Set(pods.map((pod) => pod.metadata.name));
      let attempt = 0;
      for (let missing = desired - live.length; missing > 0 && nodes.length > 0; missing--) {
        let podName: string;
        do podName = `${name}-${safeSuffix(`${namespace}/${name}#${attempt++}`, 5)}`;
        while (names.has(podName));
        names.add(podName);
        const node = pickNode(nodes);
        if (node) createPod(replicaSet, template, podName, node, {});
      }
    } else if (live.length > desired) {
      const surplus = [...live].sort((a, b) => Number(isPodReady(a)) - Number(isPodReady(b)) || b.metadata.name.localeCompare(a.metadata.name));
      for (const pod of surplus.slice(0, live.length - desired)) deletePod(pod);
    }
    const current = ownedBy(KEYS.pod, namespace, 'ReplicaSet', name);
    const ready = current.filter(isPodReady).length;
    writeStatus(replicaSet, {
      replicas: current.length,
      fullyLabeledReplicas: current.length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: replicaSet.metadata.generation ?? 1,
    });
  }

  function reconcileDeployment(namespace: string, name: string): void {
    const deployment = cache.get(KEYS.deployment, namespace, name);
    const replicaSets = ownedBy(KEYS.replicaSet, namespace, 'Deployment', name);
    if (!deployment) {
      for (const replicaSet of replicaSets) deleteIfPresent(store, KEYS.replicaSet, namespace, replicaSet.metadata.name);
      return;
    }
    const spec = specOf(deployment);
    const template = templateOf(spec);
    const desired = replicasOf(spec);
    const hash = safeSuffix(JSON.stringify(template), 10);
    const currentName = `${name}-${hash}`;
    const revision = String(
      Math.max(0, ...replicaSets.map((replicaSet) => Number(replicaSet.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0))) +
        (replicaSets.some((replicaSet) => replicaSet.metadata.name === currentName) ? 0 : 1),
    );
    const existing = cache.get(KEYS.replicaSet, namespace, currentName);
    const labels = { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash };
    if (!existing) {
      store.create({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: {
          name: currentName,
          namespace,
          labels,
          annotations: {
            'deployment.kubernetes.io/desired-replicas': String(desired),
            'deployment.kubernetes.io/max-replicas': String(desired + Math.ceil(desired * 0.25)),
            'deployment.kubernetes.io/revision': revision,
          },
          ownerReferences: [
            { apiVersion: 'apps/v1', kind: 'Deployment', name, uid: deployment.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
          ],
        },
        spec: {
          replicas: desired,
          selector: { matchLabels: { ...recordOf<Record<string, string>>(recordOf<{ matchLabels: unknown }>(spec.selector).matchLabels), 'pod-template-hash': hash } },
          template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
        },
        // Predicted; reconciling the ReplicaSet right away corrects it if pods cannot be placed.
        status: { replicas: desired, fullyLabeledReplicas: desired, readyReplicas: desired, availableReplicas: desired, observedGeneration: 1 },
      });
      reconcileReplicaSet(namespace, currentName);
    } else if (replicasOf(specOf(existing)) !== desired) {
      store.update({
        ...existing,
        metadata: {
          ...existing.metadata,
          annotations: { ...existing.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(desired) },
        },
        spec: { ...specOf(existing), replicas: desired },
      });
    }
    for (const old of replicaSets) {
      if (old.metadata.name !== currentName && replicasOf(specOf(old)) !== 0) {
        store.update({ ...old, spec: { ...specOf(old), replicas: 0 } });
      }
    }

    let total = 0;
    let ready = 0;
    let updated = 0;
    for (const replicaSet of ownedBy(KEYS.replicaSet, namespace, 'Deployment', name)) {
      const pods = ownedBy(KEYS.pod, namespace, 'ReplicaSet', replicaSet.metadata.name);
      total += pods.length;
      ready += pods.filter(isPodReady).length;
      if (replicaSet.metadata.name === currentName) updated = pods.length;
    }
    const now = nowTimestamp(context.options.now());
    const available = ready >= desired - Math.floor(desired * 0.25);
    const wanted: Condition[] = [
      available
        ? { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' }
        : { type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable', message: 'Deployment does not have minimum availability.' },
      updated === desired && ready === desired
        ? { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${currentName}" has successfully progressed.` }
        : { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated', message: `ReplicaSet "${currentName}" is progressing.` },
    ];
    const conditions = mergeConditions(statusOf(deployment).conditions, wanted, now).map((condition) => {
      const previous = ((statusOf(deployment).conditions as (Condition & { lastUpdateTime?: string })[] | undefined) ?? []).find(
        (candidate) => candidate.type === condition.type,
      );
      const unchanged = previous && previous.reason === condition.reason && previous.message === condition.message;
      return { ...condition, lastUpdateTime: unchanged && previous.lastUpdateTime ? previous.lastUpdateTime : now };
    });
    writeStatus(deployment, {
      observedGeneration: deployment.metadata.generation ?? 1,
      replicas: total,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: ready,
      ...(total - ready > 0 ? { unavailableReplicas: total - ready } : {}),
      conditions,
    });
  }

  function reconcileDaemonSet(namespace: string, name: string): void {
    const daemonSet = cache.get(KEYS.daemonSet, namespace, name);
    const pods = ownedBy(KEYS.pod, namespace, 'DaemonSet', name);
    if (!daemonSet) {
      for (const pod of pods) deletePod(pod);
      return;
    }
    const template = templateOf(specOf(daemonSet));
    const nodes = eligibleNodes(template, false);
    const nodeNames = new Set(nodes.map((node) => node.metadata.name));
    const podByNode = new Map<string, KubeObject>();
    for (const pod of pods) {
      const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName ?? '';
      if (!nodeNames.has(nodeName) || podByNode.has(nodeName)) deletePod(pod);
      else podByNode.set(nodeName, pod);
    }
    const generation = String(daemonSet.metadata.generation ?? 1);
    const revisionHash = safeSuffix(JSON.stringify(template), 10);
    for (const node of nodes) {
      if (podByNode.has(node.metadata.name)) continue;
      createPod(daemonSet, template, `${name}-${safeSuffix(`${namespace}/${name}@${node.metadata.name}`, 5)}`, node, {
        'controller-revision-hash': revisionHash,
        'pod-template-generation': generation,
      });
    }
    const current = ownedBy(KEYS.pod, namespace, 'DaemonSet', name);
    const ready = current.filter(isPodReady).length;
    writeStatus(daemonSet, {
      currentNumberScheduled: current.length,
      desiredNumberScheduled: nodes.length,
      numberAvailable: ready,
      numberMisscheduled: 0,
      numberReady: ready,
      ...(nodes.length - ready > 0 ? { numberUnavailable: nodes.length - ready } : {}),
      observedGeneration: daemonSet.metadata.generation ?? 1,
      updatedNumberScheduled: current.length,
    });
  }

  /**
   * The scheduler and the kubelet for pods that arrive Pending (created through the API, e.g.
   * `kubectl run`): bind to a node unless one is named, then start them Running and Ready.
   * A pod no node can take stays Pending with PodScheduled=False, as the scheduler reports it.
   */
  function startPendingPod(namespace: string, name: string): void {
    const pod = cache.get(KEYS.pod, namespace, name);
    if (!pod || pod.metadata.deletionTimestamp || !isWaitingToStart(pod)) return;
    const spec = recordOf<{ nodeName: string; hostNetwork: boolean; containers: unknown }>(pod.spec);
    const nodes = spec.nodeName ? [cache.get(KEYS.node, undefined, spec.nodeName)].filter((node): node is KubeObject => Boolean(node)) : eligibleNodes({ spec: recordOf(pod.spec) }, true);
    const node = pickNode(nodes);
    const now = nowTimestamp(context.options.now());
    if (!node) {
      const total = cache.count(KEYS.node);
      const unschedulable = {
        ...recordOf<Record<string, unknown>>(pod.status),
        conditions: mergeConditions(recordOf<{ conditions: unknown }>(pod.status).conditions, [
          { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: `0/${total} nodes are available: ${total} node(s) didn't match Pod's node affinity/selector.` },
        ], now),
      };
      if (!jsonEqual(pod.status, unschedulable)) store.updateStatus({ ...pod, status: unschedulable });
      return;
    }
    const bound = spec.nodeName ? pod : store.update({ ...pod, spec: { ...recordOf<Record<string, unknown>>(pod.spec), nodeName: node.metadata.name } });
    countPod(bound, 1);
    const hostIP = nodeAddress(node);
    const podIP = spec.hostNetwork ? hostIP : allocatePodIp(node);
    const containers = listOf<{ name: string; image?: string }>(spec.containers).filter((container) => typeof container.name === 'string');
    store.updateStatus({ ...bound, status: { ...recordOf<Record<string, unknown>>(bound.status), ...runningPodStatus(name, containers, { hostIP, podIP, ready: true, startedAt: now }) } });
  }

  const pendingPodKeys = (): string[] =>
    cache
      .list(KEYS.pod)
      .filter(isWaitingToStart)
      .map((pod) => `pod:${pod.metadata.namespace}/${pod.metadata.name}`);

  const ownerKey = (object: KubeObject): string[] => {
    const owner = controllerOwner(object);
    const namespace = object.metadata.namespace ?? '';
    if (owner?.kind === 'ReplicaSet') return [`rs:${namespace}/${owner.name}`];
    if (owner?.kind === 'DaemonSet') return [`ds:${namespace}/${owner.name}`];
    if (owner?.kind === 'Deployment') return [`deploy:${namespace}/${owner.name}`];
    return [];
  };

  return {
    name: 'workloads',
    watches: [KEYS.deployment, KEYS.replicaSet, KEYS.daemonSet, KEYS.pod, KEYS.node],
    keysFor(event: StoreEvent): string[] {
      const { object } = event;
      const id = `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
      switch (event.resource.plural) {
        case 'deployments':
          return event.resource.group === 'apps' ? [`deploy:${id}`] : [];
        case 'replicasets':
          trackOwned(KEYS.replicaSet, object, event.type !== 'DELETED');
          return [`rs:${id}`, ...ownerKey(object)];
        case 'daemonsets':
          return event.resource.group === 'apps' ? [`ds:${id}`] : [];
        case 'pods':
          trackPodIp(object, event.type !== 'DELETED');
          trackOwned(KEYS.pod, object, event.type !== 'DELETED');
          if (event.type === 'DELETED') countPod(object, -1);
          if (event.type !== 'DELETED' && isWaitingToStart(object)) {
            return [...ownerKey(object), `pod:${id}`];
          }
          return ownerKey(object);
        case 'nodes':
          // A new or changed node may take DaemonSet pods and pods waiting to be scheduled.
          return [...cache.list(KEYS.daemonSet).map((daemonSet) => `ds:${daemonSet.metadata.namespace}/${daemonSet.metadata.name}`), ...pendingPodKeys()];
        default:
          return [];
      }
    },
    allKeys(): string[] {
      const id = (object: KubeObject): string => `${object.metadata.namespace}/${object.metadata.name}`;
      return [
        ...cache.list(KEYS.daemonSet).map((object) => `ds:${id(object)}`),
        ...cache.list(KEYS.deployment).map((object) => `deploy:${id(object)}`),
        ...cache.list(KEYS.replicaSet).map((object) => `rs:${id(object)}`),
        ...pendingPodKeys(),
      ];
    },
    reconcile(key: string): void {
      const [kind, id] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      const slash = id.indexOf('/');
      const namespace = id.slice(0, slash);
      const name = id.slice(slash + 1);
      if (kind === 'deploy') reconcileDeployment(namespace, name);
      else if (kind === 'rs') reconcileReplicaSet(namespace, name);
      else if (kind === 'ds') reconcileDaemonSet(namespace, name);
      else if (kind === 'pod') startPendingPod(namespace, name);
    },
  };
}
