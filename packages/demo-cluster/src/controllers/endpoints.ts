/**
 * The endpoints and endpointslice controllers: for every Service with a selector, the pods it
 * selects become addresses (ready or not ready by the pod's Ready condition) with the Service's
 * target ports resolved by number or by container port name.
 */
import type { KubeObject, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { parseIpv4 } from './ipv4-ranges.ts';
import { matchesSelectorMap } from './label-selector-match.ts';
import { safeSuffix } from './stable-name-hash.ts';
import { jsonEqual, nowTimestamp } from './status-conditions.ts';
import { isPodReady } from './workload-pods.ts';
import { deleteIfPresent, listOf, recordOf } from './object-fields.ts';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  appProtocol?: string;
}

interface ResolvedPort {
  name?: string;
  port: number;
  protocol: string;
  appProtocol?: string;
}

interface PodAddress {
  pod: KubeObject;
  ip: string;
  ready: boolean;
  ports: ResolvedPort[];
}

const byIp = (a: PodAddress, b: PodAddress): number => (parseIpv4(a.ip) ?? 0) - (parseIpv4(b.ip) ?? 0);

/** The label EndpointSlices carry to name their Service. */
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';

/** Resolves a Service port against a pod: a number is used as is, a name must be a container port. */
export function resolveTargetPort(servicePort: ServicePort, pod: KubeObject): number | undefined {
  const target = servicePort.targetPort ?? servicePort.port;
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const containers = listOf<{ ports?: unknown }>((pod.spec as { containers?: unknown } | undefined)?.containers);
  for (const container of containers) {
    for (const port of listOf<{ name?: string; containerPort: number; protocol?: string }>(container.ports)) {
      if (port.name === target && (port.protocol ?? 'TCP') === (servicePort.protocol ?? 'TCP')) return port.containerPort;
    }
  }
  return undefined;
}

/** Creates the endpoints controller. */
export function createEndpointsController(context: ControllerContext): Controller {
  const { store, cache } = context;

  function podAddresses(service: KubeObject): PodAddress[] {
    const spec = recordOf<{ selector: Record<string, string>; ports: unknown; publishNotReadyAddresses: boolean }>(service.spec);
    const ports = listOf<ServicePort>(spec.ports).filter((port) => typeof port.port === 'number');
    const result: PodAddress[] = [];
    for (const pod of cache.list(KEYS.pod, service.metadata.namespace)) {
      if (!matchesSelectorMap(spec.selector, pod.metadata.labels)) continue;
      const status = pod.status as { podIP?: string; phase?: string } | undefined;
      if (typeof status?.podIP !== 'string' || !status.podIP || status.phase === 'Succeeded' || status.phase === 'Failed' || pod.metadata.deletionTimestamp) continue;
      const resolved: ResolvedPort[] = [];
      for (const port of ports) {
        const number = resolveTargetPort(port, pod);
        if (number === undefined) continue;
        resolved.push({
          ...(port.name ? { name: port.name } : {}),
          port: number,
          protocol: port.protocol ?? 'TCP',
          ...(port.appProtocol ? { appProtocol: port.appProtocol } : {}),
        });
      }
      result.push({ pod, ip: status.podIP, ready: isPodReady(pod) || spec.publishNotReadyAddresses === true, ports: resolved });
    }
    return result.sort(byIp);
  }

  function targetRef(pod: KubeObject): Record<string, string> {
    return { kind: 'Pod', namespace: pod.metadata.namespace ?? '', name: pod.metadata.name, uid: pod.metadata.uid ?? '' };
  }

  function nodeNameOf(pod: KubeObject): string | undefined {
    return (pod.spec as { nodeName?: string } | undefined)?.nodeName;
  }

  function buildSubsets(addresses: PodAddress[]): Record<string, unknown>[] {
    // Pods resolving the ports identically share a subset, as the endpoints controller groups them.
    const groups = new Map<string, PodAddress[]>();
    for (const address of addresses) {
      if (address.ports.length === 0) continue;
      const key = JSON.stringify(address.ports);
      groups.set(key, [...(groups.get(key) ?? []), address]);
    }
    return [...groups.entries()].map(([portsKey, members]) => {
      const toAddress = (member: PodAddress): Record<string, unknown> => ({
        ip: member.ip,
        ...(nodeNameOf(member.pod) ? { nodeName: nodeNameOf(member.pod) } : {}),
        targetRef: targetRef(member.pod),
      });
      const ready = members.filter((member) => member.ready).map(toAddress);
      const notReady = members.filter((member) => !member.ready).map(toAddress);
      return {
        ...(ready.length > 0 ? { addresses: ready } : {}),
        ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}),
        ports: JSON.parse(portsKey) as ResolvedPort[],
      };
    });
  }

  function deleteOutputs(namespace: string, name: string): void {
    if (store.get(KEYS.endpoints, namespace, name)) deleteIfPresent(store, KEYS.endpoints, namespace, name);
    for (const slice of store.list(KEYS.endpointSlice, { namespace, labelSelector: `${SERVICE_NAME_LABEL}=${name}` })) {
      deleteIfPresent(store, KEYS.endpointSlice, namespace, slice.metadata.name);
    }
  }

  function reconcile(namespace: string, name: string): void {
    const service = cache.get(KEYS.service, namespace, name);
    if (!service) {
      deleteOutputs(namespace, name);
      return;
    }
    const spec = recordOf<{ selector: Record<string, string>; type: string; ports: unknown }>(service.spec);
    // Services without a selector (and ExternalName) have user-managed endpoints.
    if (!spec.selector || typeof spec.selector !== 'object' || Object.keys(spec.selector).length === 0 || spec.type === 'ExternalName') return;
    const addresses = podAddresses(service);
    const now = nowTimestamp(context.options.now());
    const labels = { ...(service.metadata.labels ?? {}) };
    const ownerReference = {
      apiVersion: 'v1',
      kind: 'Service',
      name,
      uid: service.metadata.uid ?? '',
      controller: true,
      blockOwnerDeletion: true,
    };

    const subsets = buildSubsets(addresses);
    const existing = store.get(KEYS.endpoints, namespace, name);
    if (!existing) {
      store.create({
        apiVersion: 'v1',
        kind: 'Endpoints',
        metadata: { name, namespace, labels, annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': now } },
        ...(subsets.length > 0 ? { subsets } : {}),
      });
    } else if (!jsonEqual(existing.subsets ?? [], subsets) || !jsonEqual(existing.metadata.labels ?? {}, labels)) {
      const next: KubeObject = {
        ...existing,
        metadata: {
          ...existing.metadata,
          labels,
          annotations: { ...existing.metadata.annotations, 'endpoints.kubernetes.io/last-change-trigger-time': now },
        },
      };
      if (subsets.length > 0) next.subsets = subsets;
      else delete next.subsets;
      store.update(next);
    }

    const sliceName = `${name}-${safeSuffix(`${namespace}/${name}`, 5)}`;
    const slicePorts = addresses.find((address) => address.ports.length > 0)?.ports ??
      listOf<ServicePort>(spec.ports).map((port) => ({ ...(port.name ? { name: port.name } : {}), port: typeof port.targetPort === 'number' ? port.targetPort : port.port, protocol: port.protocol ?? 'TCP' }));
    const endpoints = addresses.map((address) => ({
      addresses: [address.ip],
      conditions: { ready: address.ready, serving: address.ready, terminating: false },
      ...(nodeNameOf(address.pod) ? { nodeName: nodeNameOf(address.pod) } : {}),
      targetRef: targetRef(address.pod),
    }));
    const sliceLabels = {
      ...labels,
      [SERVICE_NAME_LABEL]: name,
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    };
    const existingSlice = store.get(KEYS.endpointSlice, namespace, sliceName);
    if (!existingSlice) {
      store.create({
        apiVersion: 'discovery.k8s.io/v1',
        kind: 'EndpointSlice',
        metadata: {
          name: sliceName,
          generateName: `${name}-`,
          namespace,
          labels: sliceLabels,
          annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': now },
          ownerReferences: [ownerReference],
        },
        addressType: 'IPv4',
        endpoints,
        ports: slicePorts,
      });
    } else if (!jsonEqual(existingSlice.endpoints ?? [], endpoints) || !jsonEqual(existingSlice.ports ?? [], slicePorts) || !jsonEqual(existingSlice.metadata.labels, sliceLabels)) {
      store.update({
        ...existingSlice,
        metadata: {
          ...existingSlice.metadata,
          labels: sliceLabels,
          annotations: { ...existingSlice.metadata.annotations, 'endpoints.kubernetes.io/last-change-trigger-time': now },
        },
        endpoints,
        ports: slicePorts,
      });
    }
  }

  return {
    name: 'endpoints',
    watches: [KEYS.service, KEYS.pod],
    keysFor(event: StoreEvent): string[] {
      const { object } = event;
      const namespace = object.metadata.namespace ?? '';
      if (event.resource.plural === 'services') return [`${namespace}/${object.metadata.name}`];
      if (event.resource.plural !== 'pods') return [];
      const keys: string[] = [];
      for (const service of cache.list(KEYS.service, namespace)) {
        const selector = recordOf<{ selector: Record<string, string> }>(service.spec).selector;
        if (matchesSelectorMap(selector, object.metadata.labels)) keys.push(`${namespace}/${service.metadata.name}`);
      }
      return keys;
    },
    allKeys(): string[] {
      return cache.list(KEYS.service).map((service) => `${service.metadata.namespace}/${service.metadata.name}`);
    },
    reconcile(key: string): void {
      const slash = key.indexOf('/');
      reconcile(key.slice(0, slash), key.slice(slash + 1));
    },
  };
}
