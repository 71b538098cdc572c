/**
 * Builds the Pods that Deployments (through ReplicaSets) and DaemonSets own: spec from the
 * template, a node, an IP, and a Running status that is Ready unless the node is marked to
 * keep that DaemonSet's pod failing.
 */
import type { KubeObject } from '../store/types.ts';
import { stableHex } from './stable-name-hash.ts';
import { listOf } from './object-fields.ts';

/**
 * Node annotation listing `namespace/name` of DaemonSets whose pod on that node stays not
 * ready (comma-separated). The topology uses it for the Cilium agent on talos-worker-1.
 */
export const NOT_READY_DAEMONSETS_ANNOTATION = 'demo-cluster.internal/not-ready-daemonsets';

/** What a new pod needs besides its template. */
export interface PodPlacement {
  name: string;
  owner: KubeObject;
  template: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
  extraLabels: Record<string, string>;
  nodeName: string;
  hostIP: string;
  podIP: string;
  ready: boolean;
  startedAt: string;
}

/** A container of a pod spec, as far as the status needs it. */
export interface ContainerSpec {
  name: string;
  image?: string;
}

/** A pod object with its Running status. */
export function buildPod(placement: PodPlacement): KubeObject {
  const { owner, template, ready, startedAt } = placement;
  const spec = (template.spec ?? {}) as Record<string, unknown> & { containers?: ContainerSpec[] };
  const containers = listOf<ContainerSpec>(spec.containers).filter((container) => typeof container.name === 'string');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: placement.name,
      generateName: `${owner.metadata.name}-`,
      namespace: owner.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), ...placement.extraLabels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [
        {
          apiVersion: owner.apiVersion,
          kind: owner.kind,
          name: owner.metadata.name,
          uid: owner.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      ...spec,
      nodeName: placement.nodeName,
      schedulerName: 'default-scheduler',
      serviceAccountName: (spec.serviceAccountName as string | undefined) ?? 'default',
      serviceAccount: (spec.serviceAccountName as string | undefined) ?? 'default',
      terminationGracePeriodSeconds: 30,
      enableServiceLinks: true,
      priority: 0,
      preemptionPolicy: 'PreemptLowerPriority',
    },
    status: runningPodStatus(placement.name, containers, { hostIP: placement.hostIP, podIP: placement.podIP, ready, startedAt }),
  };
}

/** Where and how a pod runs. */
export interface PodRuntime {
  hostIP: string;
  podIP: string;
  ready: boolean;
  startedAt: string;
}

/** The status of a pod the kubelet has started: Running, with container statuses and conditions. */
export function runningPodStatus(podName: string, containers: readonly ContainerSpec[], where: PodRuntime): Record<string, unknown> {
  const notReadyNames = containers.map((container) => container.name);
  const condition = (type: string, status: boolean): Record<string, unknown> => ({
    type,
    status: status ? 'True' : 'False',
    lastProbeTime: null,
    lastTransitionTime: where.startedAt,
    ...(status ? {} : { reason: 'ContainersNotReady', message: `containers with unready status: [${notReadyNames.join(' ')}]` }),
  });
  return {
    phase: 'Running',
    conditions: [
      condition('PodReadyToStartContainers', true),
      condition('Initialized', true),
      condition('Ready', where.ready),
      condition('ContainersReady', where.ready),
      condition('PodScheduled', true),
    ],
    hostIP: where.hostIP,
    hostIPs: [{ ip: where.hostIP }],
    podIP: where.podIP,
    podIPs: [{ ip: where.podIP }],
    startTime: where.startedAt,
    qosClass: 'BestEffort',
    containerStatuses: containers.map((container) => {
      const image = container.image ?? '';
      const imageName = image.split(':')[0];
      const previousId = `containerd://${stableHex(`${podName}/${container.name}/previous`, 64)}`;
      return {
        name: container.name,
        image,
        imageID: `${imageName}@sha256:${stableHex(image, 64)}`,
        containerID: `containerd://${stableHex(`${podName}/${container.name}`, 64)}`,
        ready: where.ready,
        started: true,
        restartCount: where.ready ? 0 : 7,
        state: { running: { startedAt: where.startedAt } },
        ...(where.ready
          ? {}
          : { lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: where.startedAt, finishedAt: where.startedAt, containerID: previousId } } }),
      };
    }),
  };
}

/** True when the pod's Ready condition is True. */
export function isPodReady(pod: KubeObject): boolean {
  const conditions = listOf<{ type: string; status: string }>((pod.status as { conditions?: unknown } | undefined)?.conditions);
  return conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True');
}

/** The controller owner reference of an object, if any. */
export function controllerOwner(object: KubeObject): { kind: string; name: string; uid: string } | undefined {
  const owners = listOf<{ kind: string; name: string; uid: string; controller?: boolean }>(object.metadata.ownerReferences);
  return owners.find((owner) => owner.controller) ?? owners[0];
}
