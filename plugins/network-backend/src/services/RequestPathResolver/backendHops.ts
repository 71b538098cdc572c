import { Hop, matchesLabelSelector } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { fixHintFor } from './fixHints';
import { conditionOf, refOf } from './objectRefs';

/** A backend a route or ingress sends traffic to. */
export interface BackendRef {
  namespace: string;
  name: string;
  /** Port number or name as written. */
  port?: number | string;
}

/** The service hop: the backend Services exist and expose the port the route asks for. */
export function serviceHop(cache: ClusterCache, backends: BackendRef[]): Hop {
  const title = `Service ${backends.map(backend => `${backend.namespace}/${backend.name}`).join(', ')}`;
  const id = `service:${backends.map(backend => `${backend.namespace}/${backend.name}`).join(',')}`;
  const objects = [];
  const fields: Hop['evidence']['fields'] = {};
  for (const backend of backends) {
    const service = cache.get('Service', backend.namespace, backend.name);
    if (!service) {
      return {
        id, kind: 'service', title, state: 'failing', reason: 'BackendNotFound',
        message: `Service ${backend.namespace}/${backend.name} does not exist`,
        evidence: { objects: [{ apiVersion: 'v1', kind: 'Service', namespace: backend.namespace, name: backend.name }], fields: { exists: false } },
        fixHint: fixHintFor('ServiceNotFound'),
      };
    }
    objects.push(refOf('Service', service, 'v1'));
    const ports: any[] = service.spec?.ports ?? [];
    fields[`${backend.namespace}/${backend.name}.spec.ports`] = ports.map(port => `${port.name ? `${port.name}:` : ''}${port.port}`).join(', ');
    if (backend.port !== undefined && !ports.some(port => port.port === backend.port || port.name === backend.port)) {
      return {
        id, kind: 'service', title, state: 'failing', reason: 'PortNotFound',
        message: `Service ${backend.namespace}/${backend.name} has no port ${backend.port}`,
        evidence: { objects, fields }, fixHint: fixHintFor('PortNotFound'),
      };
    }
  }
  return { id, kind: 'service', title, state: 'ok', message: `${backends.length} service(s) found with the requested ports`, evidence: { objects, fields } };
}

/** Ready and total endpoint addresses of a Service, from its EndpointSlices. */
export function endpointCounts(cache: ClusterCache, namespace: string, name: string): { ready: number; total: number; slices: any[] } {
  const slices = cache.byIndex('EndpointSlice', 'service', `${namespace}/${name}`);
  let ready = 0;
  let total = 0;
  for (const slice of slices) {
    for (const endpoint of slice.endpoints ?? []) {
      const addresses = endpoint.addresses?.length ?? 1;
      total += addresses;
      // Per EndpointSlice semantics an absent `ready` means ready.
      if (endpoint.conditions?.ready !== false) ready += addresses;
    }
  }
  return { ready, total, slices };
}

/** The endpoints hop: how many ready addresses stand behind the Services. */
export function endpointsHop(cache: ClusterCache, backends: BackendRef[]): Hop {
  const id = `endpoints:${backends.map(backend => `${backend.namespace}/${backend.name}`).join(',')}`;
  const objects = [];
  const fields: Hop['evidence']['fields'] = {};
  let ready = 0;
  let total = 0;
  for (const backend of backends) {
    const counts = endpointCounts(cache, backend.namespace, backend.name);
    ready += counts.ready;
    total += counts.total;
    for (const slice of counts.slices) objects.push(refOf('EndpointSlice', slice, 'discovery.k8s.io/v1'));
    fields[`${backend.namespace}/${backend.name}`] = `${counts.ready}/${counts.total} ready`;
  }
  const base = { id, kind: 'endpoints' as const, title: 'Endpoints', evidence: { objects, fields } };
  if (ready === 0) {
    return { ...base, state: 'failing', reason: 'NoReadyEndpoints', message: `0 of ${total} endpoints ready`, fixHint: fixHintFor('NoReadyEndpoints') };
  }
  if (ready < total) {
    return { ...base, state: 'warning', reason: 'SomeEndpointsNotReady', message: `${ready} of ${total} endpoints ready`, fixHint: fixHintFor('SomeEndpointsNotReady') };
  }
  return { ...base, state: 'ok', message: `${ready} of ${total} endpoints ready` };
}

/** The workload's pods behind the given Services (all workload pods when no Service is given). */
export function podsBehind(cache: ClusterCache, workloadPods: any[], backends: BackendRef[]): any[] {
  if (backends.length === 0) return workloadPods;
  const selectors = backends
    .map(backend => cache.get('Service', backend.namespace, backend.name))
    .filter(Boolean)
    .map(service => ({ namespace: service.metadata.namespace, selector: service.spec?.selector }));
  return workloadPods.filter(pod =>
    selectors.some(
      entry =>
        entry.namespace === pod.metadata.namespace &&
        entry.selector &&
        matchesLabelSelector({ matchLabels: entry.selector }, pod.metadata.labels),
    ),
  );
}

/** Whether a pod's Ready condition is True. */
export function podReady(pod: any): boolean {
  return conditionOf(pod.status?.conditions, 'Ready')?.status === 'True';
}

/** The pods hop: the workload's pods and their readiness, with the kubelet's reason when not ready. */
export function podsHop(pods: any[], workloadName: string | undefined): Hop {
  const id = 'pods';
  const title = workloadName ? `Pods of ${workloadName}` : 'Pods';
  const objects = pods.slice(0, 20).map(pod => refOf('Pod', pod, 'v1'));
  const notReady = pods.filter(pod => !podReady(pod));
  const fields: Hop['evidence']['fields'] = { pods: pods.length, ready: pods.length - notReady.length };
  if (pods.length === 0) {
    return { id, kind: 'pods', title, state: 'failing', reason: 'NoPods', message: 'No pods match the workload', evidence: { objects, fields }, fixHint: fixHintFor('NoPods') };
  }
  if (notReady.length > 0) {
    const reason = conditionOf(notReady[0].status?.conditions, 'Ready')?.reason ?? 'ContainersNotReady';
    return {
      id, kind: 'pods', title, state: notReady.length === pods.length ? 'failing' : 'warning', reason,
      message: `${pods.length - notReady.length} of ${pods.length} pods ready; not ready: ${notReady.slice(0, 5).map(pod => pod.metadata.name).join(', ')}`,
      evidence: { objects, fields }, fixHint: fixHintFor(reason) ?? fixHintFor('ContainersNotReady'),
    };
  }
  return { id, kind: 'pods', title, state: 'ok', message: `${pods.length} of ${pods.length} pods ready`, evidence: { objects, fields } };
}
