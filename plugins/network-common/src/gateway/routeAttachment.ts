import { matchesLabelSelector } from '../selectors';
import {
  GATEWAY_API_GROUP,
  GatewayListener,
  GatewayObject,
  ParentReference,
  RouteObject,
} from './gatewayObjects';
import { listenerRouteHostnames } from './hostnameMatching';

/**
 * Route kinds a listener accepts when `allowedRoutes.kinds` is empty, by protocol.
 * HTTP and HTTPS carry GRPCRoute too, as Envoy Gateway and Cilium implement it.
 */
export const DEFAULT_ROUTE_KINDS_BY_PROTOCOL: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
  TCP: ['TCPRoute'],
  UDP: ['UDPRoute'],
};

/** Looks up a namespace's labels; undefined when the namespace is not known. */
export type NamespaceLabelsLookup = (
  namespace: string,
) => Record<string, string> | undefined;

/** Why one listener does or does not take a route. */
export interface ListenerVerdict {
  listener: string;
  /** 'attached', or the first rule the route failed. */
  result:
    | 'attached'
    | 'kind-not-allowed'
    | 'namespace-not-allowed'
    | 'listener-not-accepted'
    | 'hostname-mismatch';
  /** The hostnames the route serves through this listener (empty: any host). */
  hostnames: string[];
}

/** The outcome of one parentRef of a route against its Gateway, in Gateway API terms. */
export interface RouteAttachment {
  accepted: boolean;
  /** The `Accepted` condition reason upstream uses for this outcome. */
  reason:
    | 'Accepted'
    | 'NotAllowedByListeners'
    | 'NoMatchingListenerHostname'
    | 'NoMatchingParent';
  message: string;
  /** Listeners the route attaches to. */
  listeners: string[];
  /** Union of the hostnames served through those listeners. */
  hostnames: string[];
  /** One verdict per listener the parentRef selected (sectionName / port). */
  verdicts: ListenerVerdict[];
}

/** Whether a parentRef names this Gateway (group, kind and namespace defaults applied). */
export function parentRefTargetsGateway(
  parentRef: ParentReference,
  routeNamespace: string,
  gateway: GatewayObject,
): boolean {
  return (
    (parentRef.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP &&
    (parentRef.kind ?? 'Gateway') === 'Gateway' &&
    (parentRef.namespace ?? routeNamespace) ===
      (gateway.metadata.namespace ?? 'default') &&
    parentRef.name === gateway.metadata.name
  );
}

/** The route kinds a listener admits: `allowedRoutes.kinds` limited to what its protocol carries. */
export function listenerRouteKinds(listener: GatewayListener): string[] {
  const protocolKinds =
    DEFAULT_ROUTE_KINDS_BY_PROTOCOL[listener.protocol] ?? [];
  const requested = listener.allowedRoutes?.kinds ?? [];
  if (requested.length === 0) return protocolKinds;
  return requested
    .filter(kind => (kind.group ?? GATEWAY_API_GROUP) === GATEWAY_API_GROUP)
    .map(kind => kind.kind)
    .filter(kind => protocolKinds.includes(kind));
}

/**
 * Whether a listener admits routes from a namespace (`allowedRoutes.namespaces.from`:
 * Same by default, All, Selector against the namespace's labels, None).
 * An unknown namespace is judged by its `kubernetes.io/metadata.name` label alone,
 * which Kubernetes sets on every namespace.
 */
export function listenerAllowsNamespace(
  listener: GatewayListener,
  gatewayNamespace: string,
  routeNamespace: string,
  namespaceLabels: NamespaceLabelsLookup,
): boolean {
  const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
  switch (from) {
    case 'All':
      return true;
    case 'Same':
      return routeNamespace === gatewayNamespace;
    case 'Selector': {
      const labels = namespaceLabels(routeNamespace) ?? {
        'kubernetes.io/metadata.name': routeNamespace,
      };
      return matchesLabelSelector(
        listener.allowedRoutes?.namespaces?.selector,
        labels,
      );
    }
    default:
      return false;
  }
}

/**
 * Evaluates one parentRef of a route against the Gateway it names (or undefined
 * when that Gateway does not exist), following the Gateway API rules in order:
 * the Gateway and the listeners picked by sectionName/port must exist
 * (NoMatchingParent); some picked listener must admit the route's kind and namespace
 * (NotAllowedByListeners); and some of those must share a hostname with the route
 * (NoMatchingListenerHostname). A listener whose status reports Accepted=False
 * admits nothing.
 */
export function evaluateRouteAttachment(
  route: RouteObject,
  parentRef: ParentReference,
  gateway: GatewayObject | undefined,
  namespaceLabels: NamespaceLabelsLookup = () => undefined,
): RouteAttachment {
  const routeNamespace = route.metadata.namespace ?? 'default';
  const gatewayName = `${parentRef.namespace ?? routeNamespace}/${
    parentRef.name
  }`;
  if (
    !gateway ||
    !parentRefTargetsGateway(parentRef, routeNamespace, gateway)
  ) {
    return rejected('NoMatchingParent', `Gateway ${gatewayName} not found`, []);
  }
  const gatewayNamespace = gateway.metadata.namespace ?? 'default';
  const picked = (gateway.spec?.listeners ?? []).filter(
    listener =>
      (parentRef.sectionName === undefined ||
        listener.name === parentRef.sectionName) &&
      (parentRef.port === undefined || listener.port === parentRef.port),
  );
  if (picked.length === 0) {
    const which = [
      parentRef.sectionName !== undefined
        ? `named "${parentRef.sectionName}"`
        : undefined,
      parentRef.port !== undefined ? `on port ${parentRef.port}` : undefined,
    ]
      .filter(Boolean)
      .join(' ');
    return rejected(
      'NoMatchingParent',
      `Gateway ${gatewayName} has no listener ${which || 'at all'}`,
      [],
    );
  }

  const verdicts = picked.map(listener =>
    listenerVerdict(
      listener,
      gateway,
      gatewayNamespace,
      route,
      routeNamespace,
      namespaceLabels,
    ),
  );
  const attached = verdicts.filter(verdict => verdict.result === 'attached');
  if (attached.length > 0) {
    return {
      accepted: true,
      reason: 'Accepted',
      message: `Attached to ${attached
        .map(verdict => verdict.listener)
        .join(', ')} of ${gatewayName}`,
      listeners: attached.map(verdict => verdict.listener),
      hostnames: [...new Set(attached.flatMap(verdict => verdict.hostnames))],
      verdicts,
    };
  }
  if (verdicts.some(verdict => verdict.result === 'hostname-mismatch')) {
    const listenerHostnames = picked
      .filter(
        listener =>
          verdicts.find(v => v.listener === listener.name)?.result ===
          'hostname-mismatch',
      )
      .map(listener => listener.hostname);
    return rejected(
      'NoMatchingListenerHostname',
      `Route hostnames ${JSON.stringify(
        route.spec?.hostnames ?? [],
      )} match no listener hostname of ${gatewayName} (${listenerHostnames.join(
        ', ',
      )})`,
      verdicts,
    );
  }
  return rejected(
    'NotAllowedByListeners',
    `No listener of ${gatewayName} admits ${
      route.kind
    } from namespace ${routeNamespace} (${verdicts
      .map(verdict => `${verdict.listener}: ${verdict.result}`)
      .join('; ')})`,
    verdicts,
  );
}

function listenerVerdict(
  listener: GatewayListener,
  gateway: GatewayObject,
  gatewayNamespace: string,
  route: RouteObject,
  routeNamespace: string,
  namespaceLabels: NamespaceLabelsLookup,
): ListenerVerdict {
  const base = { listener: listener.name, hostnames: [] as string[] };
  const status = gateway.status?.listeners?.find(
    entry => entry.name === listener.name,
  );
  const acceptedCondition = status?.conditions?.find(
    condition => condition.type === 'Accepted',
  );
  if (acceptedCondition?.status === 'False')
    return { ...base, result: 'listener-not-accepted' };
  if (!listenerRouteKinds(listener).includes(route.kind))
    return { ...base, result: 'kind-not-allowed' };
  if (
    !listenerAllowsNamespace(
      listener,
      gatewayNamespace,
      routeNamespace,
      namespaceLabels,
    )
  ) {
    return { ...base, result: 'namespace-not-allowed' };
  }
  const hostnames = listenerRouteHostnames(
    listener.hostname,
    route.spec?.hostnames,
  );
  if (!hostnames.matches) return { ...base, result: 'hostname-mismatch' };
  return { ...base, result: 'attached', hostnames: hostnames.hostnames };
}

function rejected(
  reason: RouteAttachment['reason'],
  message: string,
  verdicts: ListenerVerdict[],
): RouteAttachment {
  return {
    accepted: false,
    reason,
    message,
    listeners: [],
    hostnames: [],
    verdicts,
  };
}
