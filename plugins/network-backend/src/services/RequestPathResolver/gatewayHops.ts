import { Hop, intersectHostnames, ObjectRef } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { fixHintFor } from './fixHints';
import { conditionOf, refOf } from './objectRefs';

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

/** A route's parentRef to a Gateway, with defaults filled in. */
export interface GatewayParentRef {
  namespace: string;
  name: string;
  sectionName?: string;
  port?: number;
}

/** The Gateway parents of a route (other parent kinds are not followed). */
export function gatewayParentsOf(route: any): GatewayParentRef[] {
  return (route.spec?.parentRefs ?? [])
    .filter((ref: any) => (ref.kind ?? 'Gateway') === 'Gateway' && (ref.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io')
    .map((ref: any) => ({
      namespace: ref.namespace ?? route.metadata.namespace,
      name: ref.name,
      sectionName: ref.sectionName,
      port: ref.port,
    }));
}

/** The LoadBalancer Service that carries a gateway's address (Cilium's naming and labels). */
export function gatewayService(cache: ClusterCache, gateway: any): any | undefined {
  const namespace = gateway.metadata.namespace;
  const name = gateway.metadata.name;
  const labelled = cache
    .list('Service', namespace)
    .find(
      service =>
        service.metadata.labels?.['gateway.networking.k8s.io/gateway-name'] === name ||
        service.metadata.labels?.['io.cilium.gateway/owning-gateway'] === name,
    );
  if (labelled) return labelled;
  const byName = cache.get('Service', namespace, `cilium-gateway-${name}`);
  if (byName) return byName;
  const address = gateway.status?.addresses?.[0]?.value;
  return address ? cache.byIndex('Service', 'loadBalancerIp', address)[0] : undefined;
}

/** The listeners of a gateway a route for `hostname` can attach to, honouring sectionName and port. */
export function candidateListeners(gateway: any, parent: GatewayParentRef, hostname: string | undefined): any[] {
  return (gateway.spec?.listeners ?? []).filter(
    (listener: any) =>
      (!parent.sectionName || listener.name === parent.sectionName) &&
      (!parent.port || listener.port === parent.port) &&
      (!hostname || !listener.hostname || intersectHostnames(listener.hostname, hostname) !== undefined),
  );
}

/**
 * The gateway listener hop: the gateway's Accepted/Programmed conditions and the listeners
 * that serve the hostname with their own conditions.
 */
export function gatewayListenerHop(cache: ClusterCache, route: any, parent: GatewayParentRef, hostname: string): Hop {
  const id = `gateway-listener:${parent.namespace}/${parent.name}${parent.sectionName ? `/${parent.sectionName}` : ''}`;
  const title = `Gateway ${parent.namespace}/${parent.name}${parent.sectionName ? ` listener ${parent.sectionName}` : ''}`;
  const gateway = cache.get('Gateway', parent.namespace, parent.name);
  if (!gateway) {
    return {
      id, kind: 'gateway-listener', title, state: 'failing', reason: 'GatewayNotFound',
      message: `Gateway ${parent.namespace}/${parent.name} named by route ${route.metadata.namespace}/${route.metadata.name} does not exist`,
      evidence: { objects: [refOf('HTTPRoute', route, GATEWAY_API)], fields: { parentRef: `${parent.namespace}/${parent.name}` } },
      fixHint: fixHintFor('GatewayNotFound'),
    };
  }
  const objects: ObjectRef[] = [refOf('Gateway', gateway, GATEWAY_API)];
  const fields: Hop['evidence']['fields'] = {};
  for (const type of ['Accepted', 'Programmed']) {
    const condition = conditionOf(gateway.status?.conditions, type);
    fields[`status.conditions[${type}]`] = condition ? `${condition.status} ${condition.reason ?? ''}`.trim() : null;
    if (condition && condition.status !== 'True') {
      return {
        id, kind: 'gateway-listener', title, state: 'failing', reason: condition.reason,
        message: condition.message ?? `Gateway ${type} is ${condition.status}`,
        evidence: { objects, fields }, fixHint: fixHintFor(condition.reason),
      };
    }
  }
  const listeners = candidateListeners(gateway, parent, hostname);
  fields.listeners = listeners.map((listener: any) => `${listener.name} ${listener.protocol}/${listener.port} ${listener.hostname ?? '*'}`).join('; ') || null;
  if (listeners.length === 0) {
    // The route hop carries the controller's own verdict; this hop says which listeners were looked at.
    const all = (gateway.spec?.listeners ?? []).map((listener: any) => `${listener.name}:${listener.hostname ?? '*'}`).join(', ');
    return {
      id, kind: 'gateway-listener', title, state: 'warning', reason: 'NoMatchingListenerHostname',
      message: `No listener of ${parent.namespace}/${parent.name} serves ${hostname}${parent.sectionName ? ` on section ${parent.sectionName}` : ''} (listeners: ${all})`,
      evidence: { objects, fields }, fixHint: fixHintFor('NoMatchingListenerHostname'),
    };
  }
  for (const listener of listeners) {
    const status = (gateway.status?.listeners ?? []).find((entry: any) => entry.name === listener.name);
    fields[`status.listeners[${listener.name}].attachedRoutes`] = status?.attachedRoutes ?? null;
    for (const condition of status?.conditions ?? []) {
      const bad = condition.type === 'Conflicted' ? condition.status === 'True' : condition.status === 'False';
      if (bad) {
        return {
          id, kind: 'gateway-listener', title, state: 'failing', reason: condition.reason,
          message: `Listener ${listener.name}: ${condition.message ?? `${condition.type} ${condition.status}`}`,
          evidence: { objects, fields }, fixHint: fixHintFor(condition.reason),
        };
      }
    }
  }
  return {
    id, kind: 'gateway-listener', title, state: 'ok',
    message: `Listener ${listeners.map((listener: any) => `${listener.name} (${listener.protocol}/${listener.port})`).join(', ')} serves ${hostname}`,
    evidence: { objects, fields },
  };
}

/** The route hop: the route's Accepted and ResolvedRefs conditions for this parent, as the controller wrote them. */
export function routeHop(kind: string, route: any, parent: GatewayParentRef): Hop {
  const key = `${route.metadata.namespace}/${route.metadata.name}`;
  const base = { id: `route:${key}`, kind: 'route' as const, title: `${kind} ${key}` };
  const objects = [refOf(kind, route, GATEWAY_API)];
  const entry = (route.status?.parents ?? []).find(
    (status: any) =>
      status.parentRef?.name === parent.name &&
      (status.parentRef?.namespace ?? route.metadata.namespace) === parent.namespace &&
      (!parent.sectionName || status.parentRef?.sectionName === parent.sectionName),
  );
  if (!entry) {
    return {
      ...base, state: 'unknown', reason: 'NoStatus',
      message: `No controller has reported on this route for ${parent.namespace}/${parent.name} yet`,
      evidence: { objects, fields: { 'status.parents': null } }, fixHint: fixHintFor('NoStatus'),
    };
  }
  const fields: Hop['evidence']['fields'] = { controllerName: entry.controllerName ?? null };
  const accepted = conditionOf(entry.conditions, 'Accepted');
  const resolvedRefs = conditionOf(entry.conditions, 'ResolvedRefs');
  fields['status.parents[].conditions[Accepted]'] = accepted ? `${accepted.status} ${accepted.reason ?? ''}`.trim() : null;
  fields['status.parents[].conditions[ResolvedRefs]'] = resolvedRefs ? `${resolvedRefs.status} ${resolvedRefs.reason ?? ''}`.trim() : null;
  for (const condition of [accepted, resolvedRefs]) {
    if (condition && condition.status !== 'True') {
      return {
        ...base, state: condition.status === 'False' ? 'failing' : 'unknown', reason: condition.reason,
        message: condition.message ?? `${condition.type} is ${condition.status}`,
        evidence: { objects, fields }, fixHint: fixHintFor(condition.reason),
      };
    }
  }
  if (!accepted) {
    return { ...base, state: 'unknown', reason: 'NoStatus', message: 'The route has no Accepted condition yet', evidence: { objects, fields }, fixHint: fixHintFor('NoStatus') };
  }
  return { ...base, state: 'ok', reason: accepted.reason, message: 'Accepted, references resolved', evidence: { objects, fields } };
}
