/**
 * Cilium's Gateway API controller (controllerName io.cilium/gateway-controller): accepts its
 * GatewayClasses; for each Gateway keeps a LoadBalancer Service `cilium-gateway-<name>` that
 * LB-IPAM gives an address, then reports the Gateway's addresses, conditions and per-listener
 * status; attaches HTTPRoutes and GRPCRoutes to listeners and reports each parent's Accepted and
 * ResolvedRefs conditions with the reasons of the Gateway API spec.
 */
import type { KubeObject, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { routeMatchesListenerHostname } from './hostname-matching.ts';
import { matchesLabelSelector, type LabelSelector } from './label-selector-match.ts';
import { fnv1a } from './stable-name-hash.ts';
import { jsonEqual, mergeConditions, nowTimestamp, type Condition } from './status-conditions.ts';
import { deleteIfPresent, forEachIsolated, listOf, recordOf, stringsOf } from './object-fields.ts';

/** The controllerName this controller owns. */
export const CILIUM_GATEWAY_CONTROLLER = 'io.cilium/gateway-controller';
const GATEWAY_GROUP = 'gateway.networking.k8s.io';
/** Label on the generated Service naming its Gateway. */
export const OWNING_GATEWAY_LABEL = 'io.cilium.gateway/owning-gateway';
/** Newer label on the generated Service naming its Gateway. */
export const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

/** Name of the LoadBalancer Service Cilium creates for a Gateway. */
export function gatewayServiceName(gateway: string): string {
  return `cilium-gateway-${gateway}`;
}

interface Listener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tls?: { mode?: string; certificateRefs?: { group?: string; kind?: string; name: string; namespace?: string }[] };
  allowedRoutes?: { namespaces?: { from?: string; selector?: LabelSelector }; kinds?: { group?: string; kind: string }[] };
}

interface ParentRef {
  group?: string;
  kind?: string;
  namespace?: string;
  name: string;
  sectionName?: string;
  port?: number;
}

interface BackendRef {
  group?: string;
  kind?: string;
  name: string;
  namespace?: string;
  port?: number;
}

interface RouteParentStatus {
  parentRef: ParentRef;
  controllerName: string;
  conditions: Condition[];
}

interface ListenerVerdict {
  listener: Listener;
  supportedKinds: { group: string; kind: string }[];
  conditions: Condition[];
  valid: boolean;
}

const ROUTE_KINDS_BY_PROTOCOL: Record<string, string[]> = {
  HTTP: ['HTTPRoute', 'GRPCRoute'],
  HTTPS: ['HTTPRoute', 'GRPCRoute'],
  TLS: ['TLSRoute'],
};

const keyOf = (object: KubeObject): string => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;

/** The readable listeners of a Gateway (malformed entries are skipped). */
const listenersOf = (gateway: KubeObject): Listener[] =>
  listOf<Listener>(recordOf<{ listeners: unknown }>(gateway.spec).listeners).filter(
    (listener) => typeof listener.name === 'string' && typeof listener.port === 'number' && typeof listener.protocol === 'string',
  );

/** Creates the gateway controller. */
export function createGatewayController(context: ControllerContext): Controller {
  const { store, cache } = context;

  function ourClasses(): Set<string> {
    const names = new Set<string>();
    for (const gatewayClass of cache.list(KEYS.gatewayClass)) {
      if ((gatewayClass.spec as { controllerName?: string } | undefined)?.controllerName === CILIUM_GATEWAY_CONTROLLER) {
        names.add(gatewayClass.metadata.name);
      }
    }
    return names;
  }

  function reconcileClasses(now: string): void {
    for (const gatewayClass of cache.list(KEYS.gatewayClass)) {
      if ((gatewayClass.spec as { controllerName?: string } | undefined)?.controllerName !== CILIUM_GATEWAY_CONTROLLER) continue;
      const previous = (gatewayClass.status ?? {}) as { conditions?: Condition[] };
      const generation = gatewayClass.metadata.generation ?? 1;
      writeOwnStatus(gatewayClass, {
        ...previous,
        conditions: mergeConditions(
          previous.conditions,
          [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Valid GatewayClass', observedGeneration: generation }],
          now,
        ),
      });
    }
  }

  /** Keeps the generated LoadBalancer Service in line with the Gateway; returns its addresses. */
  function reconcileGatewayService(gateway: KubeObject): { type: string; value: string }[] {
    const namespace = gateway.metadata.namespace ?? 'default';
    const name = gatewayServiceName(gateway.metadata.name);
    const spec = recordOf<{ addresses: unknown; infrastructure: unknown }>(gateway.spec);
    const infrastructure = recordOf<{ labels: Record<string, string>; annotations: Record<string, string> }>(spec.infrastructure);
    const requested = listOf<{ type?: string; value?: unknown }>(spec.addresses)
      .filter((address) => (address.type ?? 'IPAddress') === 'IPAddress' && typeof address.value === 'string')
      .map((address) => address.value as string);
    const labels = {
      ...recordOf<Record<string, string>>(infrastructure.labels),
      [OWNING_GATEWAY_LABEL]: gateway.metadata.name,
      [GATEWAY_NAME_LABEL]: gateway.metadata.name,
    };
    const annotations = {
      ...recordOf<Record<string, string>>(infrastructure.annotations),
      ...(requested.length > 0 && !recordOf<Record<string, string>>(infrastructure.annotations)['lbipam.cilium.io/ips'] ? { 'lbipam.cilium.io/ips': requested.join(',') } : {}),
    };
    const ports = [...new Set(listenersOf(gateway).map((listener) => listener.port))]
      .sort((a, b) => a - b)
      .map((port) => ({ name: `port-${port}`, port, protocol: 'TCP', targetPort: port }));
    const ownerReferences = [
      { apiVersion: gateway.apiVersion, kind: 'Gateway', name: gateway.metadata.name, uid: gateway.metadata.uid ?? '', controller: true },
    ];
    const existing = cache.get(KEYS.service, namespace, name);
    if (!existing) {
      const hash = fnv1a(`${namespace}/${name}`);
      const clusterIP = `10.43.${200 + (hash % 50)}.${2 + ((hash >>> 8) % 250)}`;
      store.create({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace, labels, annotations, ownerReferences },
        spec: {
          type: 'LoadBalancer',
          ports: ports.map((port, index) => ({ ...port, nodePort: 31000 + ((hash + index) % 1000) })),
          clusterIP,
          clusterIPs: [clusterIP],
          ipFamilies: ['IPv4'],
          ipFamilyPolicy: 'SingleStack',
          externalTrafficPolicy: 'Cluster',
          internalTrafficPolicy: 'Cluster',
          sessionAffinity: 'None',
          allocateLoadBalancerNodePorts: true,
        },
        status: { loadBalancer: {} },
      });
      // Cilium points the Service at a placeholder endpoint; traffic is redirected to Envoy in eBPF.
      if (!store.get(KEYS.endpoints, namespace, name)) {
        store.create({
          apiVersion: 'v1',
          kind: 'Endpoints',
          metadata: { name, namespace, labels, ownerReferences },
          subsets: [{ addresses: [{ ip: '192.192.192.192' }], ports: [{ port: 9999, protocol: 'TCP' }] }],
        });
      }
      return [];
    }
    const existingSpec = { ports: listOf<{ name?: string; port: number; protocol?: string; targetPort?: number; nodePort?: number }>(recordOf<{ ports: unknown }>(existing.spec).ports) };
    const samePorts = jsonEqual(
      existingSpec.ports.map((port) => ({ name: port.name, port: port.port, protocol: port.protocol ?? 'TCP', targetPort: port.targetPort })),
      ports,
    );
    const sameMeta =
      Object.entries(labels).every(([key, value]) => existing.metadata.labels?.[key] === value) &&
      Object.entries(annotations).every(([key, value]) => existing.metadata.annotations?.[key] === value);
    if (!samePorts || !sameMeta) {
      store.update({
        ...existing,
        metadata: {
          ...existing.metadata,
          labels: { ...existing.metadata.labels, ...labels },
          annotations: { ...existing.metadata.annotations, ...annotations },
        },
        spec: {
          ...(existing.spec as Record<string, unknown>),
          ports: ports.map((port) => ({ ...port, nodePort: existingSpec.ports.find((old) => old.port === port.port)?.nodePort ?? 31000 + (port.port % 1000) })),
        },
      });
    }
    const ingress = listOf<{ ip?: string; hostname?: string }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(existing.status).loadBalancer).ingress);
    return ingress.flatMap((entry) =>
      entry.ip ? [{ type: 'IPAddress', value: entry.ip }] : entry.hostname ? [{ type: 'Hostname', value: entry.hostname }] : [],
    );
  }

  function referenceGranted(fromGroup: string, fromKind: string, fromNamespace: string, toGroup: string, toKind: string, toNamespace: string, toName: string): boolean {
    return cache.list(KEYS.referenceGrant, toNamespace).some((grant) => {
      const spec = recordOf<{ from: unknown; to: unknown }>(grant.spec);
      const fromOk = listOf<{ group?: string; kind: string; namespace: string }>(spec.from).some((from) => (from.group ?? '') === fromGroup && from.kind === fromKind && from.namespace === fromNamespace);
      const toOk = listOf<{ group?: string; kind: string; name?: string }>(spec.to).some((to) => (to.group ?? '') === toGroup && to.kind === toKind && (!to.name || to.name === toName));
      return fromOk && toOk;
    });
  }

  function listenerVerdicts(gateway: KubeObject): ListenerVerdict[] {
    const listeners = listenersOf(gateway);
    const generation = gateway.metadata.generation ?? 1;
    const namespace = gateway.metadata.namespace ?? 'default';
    return listeners.map((listener) => {
      const conditions: Condition[] = [];
      const protocolKinds = ROUTE_KINDS_BY_PROTOCOL[listener.protocol] ?? [];
      const requestedKinds = listOf<{ group?: string; kind: string }>(recordOf<{ kinds: unknown }>(listener.allowedRoutes).kinds);
      const supportedKinds = (requestedKinds && requestedKinds.length > 0
        ? requestedKinds.filter((kind) => (kind.group ?? GATEWAY_GROUP) === GATEWAY_GROUP && protocolKinds.includes(kind.kind)).map((kind) => kind.kind)
        : protocolKinds
      ).map((kind) => ({ group: GATEWAY_GROUP, kind }));
      const invalidKinds = requestedKinds.filter((kind) => (kind.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || !protocolKinds.includes(kind.kind));

      const sameSocket = listeners.filter((other) => other !== listener && other.port === listener.port);
      const protocolConflict = sameSocket.some((other) => other.protocol !== listener.protocol);
      const hostnameConflict = sameSocket.some((other) => other.protocol === listener.protocol && (other.hostname ?? '') === (listener.hostname ?? ''));

      let accepted: Condition = { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Listener Accepted' };
      if (protocolKinds.length === 0) accepted = { type: 'Accepted', status: 'False', reason: 'UnsupportedProtocol', message: `Protocol ${listener.protocol} is not supported` };
      else if (protocolConflict) accepted = { type: 'Accepted', status: 'False', reason: 'PortUnavailable', message: `Port ${listener.port} is used by a listener with a different protocol` };

      let resolved: Condition = { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'Resolved Refs' };
      if (invalidKinds.length > 0) {
        resolved = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidRouteKinds', message: `Invalid Route Kinds: ${invalidKinds.map((kind) => kind.kind).join(', ')}` };
      } else if (listener.protocol === 'HTTPS' || (listener.protocol === 'TLS' && (listener.tls?.mode ?? 'Terminate') === 'Terminate')) {
        const refs = listOf<{ group?: string; kind?: string; name: string; namespace?: string }>(recordOf<{ certificateRefs: unknown }>(listener.tls).certificateRefs);
        if (refs.length === 0) {
          resolved = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: 'No certificateRefs set on the listener' };
        }
        for (const ref of refs) {
          const refNamespace = ref.namespace ?? namespace;
          if ((ref.group ?? '') !== '' || (ref.kind ?? 'Secret') !== 'Secret') {
            resolved = { type: 'ResolvedRefs', status: 'False', reason: 'InvalidCertificateRef', message: `Unsupported certificate ref kind ${ref.kind ?? 'Secret'}` };
            break;
          }
          if (refNamespace !== namespace && !referenceGranted(GATEWAY_GROUP, 'Gateway', namespace, '', 'Secret', refNamespace, ref.name)) {
            resolved = { type: 'ResolvedRefs', status: 'False', reason: 'RefNotPermitted', message: `Certificate ref to Secret ${refNamespace}/${ref.name} is not permitted by any ReferenceGrant` };
            break;
          }
          const secret = cache.get(KEYS.secret, refNamespace, ref.name);
          const data = (secret?.data ?? {}) as Record<string, string>;
          if (!secret || !data['tls.crt'] || !data['tls.key']) {
            resolved = {
              type: 'ResolvedRefs',
              status: 'False',
              reason: 'InvalidCertificateRef',
              message: secret ? `Secret ${refNamespace}/${ref.name} is not a valid TLS secret` : `Secret ${refNamespace}/${ref.name} does not exist`,
            };
            break;
          }
        }
      }
      conditions.push(accepted);
      if (hostnameConflict) conditions.push({ type: 'Conflicted', status: 'True', reason: 'HostnameConflict', message: 'Another listener uses the same port, protocol and hostname' });
      conditions.push(resolved);
      const valid = accepted.status === 'True' && resolved.status === 'True' && !hostnameConflict;
      conditions.push(
        valid
          ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Listener Programmed' }
          : { type: 'Programmed', status: 'False', reason: 'Invalid', message: 'Listener is invalid' },
      );
      return {
        listener,
        supportedKinds,
        conditions: conditions.map((condition) => ({ ...condition, observedGeneration: generation })),
        valid: accepted.status === 'True' && !hostnameConflict,
      };
    });
  }

  function namespaceAllowed(listener: Listener, gatewayNamespace: string, routeNamespace: string): boolean {
    const from = listener.allowedRoutes?.namespaces?.from ?? 'Same';
    if (from === 'All') return true;
    if (from === 'Same') return routeNamespace === gatewayNamespace;
    if (from === 'Selector') {
      const namespace = cache.get(KEYS.namespace, undefined, routeNamespace);
      return matchesLabelSelector(listener.allowedRoutes?.namespaces?.selector, namespace?.metadata.labels ?? { 'kubernetes.io/metadata.name': routeNamespace });
    }
    return false;
  }

  function resolvedRefsCondition(route: KubeObject): Condition {
    const namespace = route.metadata.namespace ?? 'default';
    const rules = listOf<{ backendRefs?: unknown }>(recordOf<{ rules: unknown }>(route.spec).rules);
    for (const rule of rules) {
      for (const ref of listOf<BackendRef>(rule.backendRefs)) {
        const group = ref.group ?? '';
        const kind = ref.kind ?? 'Service';
        if (group !== '' || kind !== 'Service') {
          return { type: 'ResolvedRefs', status: 'False', reason: 'InvalidKind', message: `Unsupported backend kind ${kind}` };
        }
        const refNamespace = ref.namespace ?? namespace;
        if (refNamespace !== namespace && !referenceGranted(GATEWAY_GROUP, route.kind, namespace, '', 'Service', refNamespace, ref.name)) {
          return {
            type: 'ResolvedRefs',
            status: 'False',
            reason: 'RefNotPermitted',
            message: `Cross namespace references to Service ${refNamespace}/${ref.name} are not allowed without a ReferenceGrant`,
          };
        }
        if (!cache.get(KEYS.service, refNamespace, ref.name)) {
          return { type: 'ResolvedRefs', status: 'False', reason: 'BackendNotFound', message: `Service "${ref.name}" not found` };
        }
      }
    }
    return { type: 'ResolvedRefs', status: 'True', reason: 'ResolvedRefs', message: 'Service reference is valid' };
  }

  /** A Gateway of ours with its listener verdicts and addresses. */
  interface GatewayEntry {
    gateway: KubeObject;
    verdicts: ListenerVerdict[];
    addresses: { type: string; value: string }[];
  }

  /** Our Gateway `namespace/name`: its entry, 'foreign' (another controller's), or undefined (missing). */
  type GatewayLookup = (key: string) => GatewayEntry | 'foreign' | undefined;

  function loadGateway(key: string, classes: Set<string>, ensureService: boolean): GatewayEntry | 'foreign' | undefined {
    const slash = key.indexOf('/');
    const gateway = cache.get(KEYS.gateway, key.slice(0, slash), key.slice(slash + 1));
    if (!gateway) return undefined;
    if (!classes.has(recordOf<{ gatewayClassName: string }>(gateway.spec).gatewayClassName ?? '')) return 'foreign';
    const addresses = ensureService ? reconcileGatewayService(gateway) : serviceAddresses(gateway);
    return { gateway, verdicts: listenerVerdicts(gateway), addresses };
  }

  function serviceAddresses(gateway: KubeObject): { type: string; value: string }[] {
    const service = cache.get(KEYS.service, gateway.metadata.namespace, gatewayServiceName(gateway.metadata.name));
    const ingress = listOf<{ ip?: string; hostname?: string }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service?.status).loadBalancer).ingress);
    return ingress.flatMap((entry) =>
      entry.ip ? [{ type: 'IPAddress', value: entry.ip }] : entry.hostname ? [{ type: 'Hostname', value: entry.hostname }] : [],
    );
  }

  /** Per Gateway key: per route id, the listeners the route is attached to (for attachedRoutes). */
  const attachments = new Map<string, Map<string, Set<string>>>();
  /** Per backend Service `namespace/name`: the routes that reference it. */
  const routesByBackend = new Map<string, Set<string>>();
  const backendsByRoute = new Map<string, string[]>();
  /** resourceVersions of our own status writes, so their events do not come back as work. */
  const ownWrites = new Map<string, string>();

  const routeIdOf = (route: KubeObject): string => `${route.kind}:${route.metadata.namespace ?? ''}/${route.metadata.name}`;

  function writeOwnStatus(object: KubeObject, status: Record<string, unknown>): void {
    if (jsonEqual(object.status, status)) return;
    const written = store.updateStatus({ ...object, status });
    ownWrites.set(`${object.kind}:${keyOf(object)}`, written.metadata.resourceVersion ?? '');
  }

  function setAttachments(routeId: string, byGateway: Map<string, Set<string>>): Set<string> {
    const changed = new Set<string>();
    for (const [gatewayKey, routes] of attachments) {
      const before = routes.get(routeId);
      const after = byGateway.get(gatewayKey);
      if (before && !after) {
        routes.delete(routeId);
        changed.add(gatewayKey);
      }
    }
    for (const [gatewayKey, listeners] of byGateway) {
      let routes = attachments.get(gatewayKey);
      if (!routes) {
        routes = new Map();
        attachments.set(gatewayKey, routes);
      }
      const before = routes.get(routeId);
      if (!before || before.size !== listeners.size || [...listeners].some((listener) => !before.has(listener))) changed.add(gatewayKey);
      routes.set(routeId, listeners);
    }
    return changed;
  }

  function indexBackends(routeId: string, route: KubeObject | undefined): void {
    for (const backend of backendsByRoute.get(routeId) ?? []) routesByBackend.get(backend)?.delete(routeId);
    backendsByRoute.delete(routeId);
    if (!route) return;
    const namespace = route.metadata.namespace ?? 'default';
    const backends: string[] = [];
    for (const rule of listOf<{ backendRefs?: unknown }>(recordOf<{ rules: unknown }>(route.spec).rules)) {
      for (const ref of listOf<BackendRef>(rule.backendRefs)) {
        if (typeof ref.name !== 'string') continue;
        const backend = `${ref.namespace ?? namespace}/${ref.name}`;
        backends.push(backend);
        let routes = routesByBackend.get(backend);
        if (!routes) {
          routes = new Set();
          routesByBackend.set(backend, routes);
        }
        routes.add(routeId);
      }
    }
    backendsByRoute.set(routeId, backends);
  }

  function writeGatewayStatus(entry: GatewayEntry, now: string): void {
    const { gateway, verdicts, addresses } = entry;
    const generation = gateway.metadata.generation ?? 1;
    const attached = new Map<string, number>();
    for (const listeners of attachments.get(keyOf(gateway))?.values() ?? []) {
      for (const listener of listeners) attached.set(listener, (attached.get(listener) ?? 0) + 1);
    }
    const previous = recordOf<{ conditions: Condition[]; listeners: { name: string; conditions?: Condition[] }[] }>(gateway.status);
    const anyInvalid = verdicts.some((verdict) => !verdict.valid);
    const accepted: Condition = anyInvalid
      ? { type: 'Accepted', status: 'True', reason: 'ListenersNotValid', message: 'Some listeners are not valid' }
      : { type: 'Accepted', status: 'True', reason: 'Accepted', message: 'Gateway successfully scheduled' };
    const programmed: Condition =
      addresses.length > 0
        ? { type: 'Programmed', status: 'True', reason: 'Programmed', message: 'Gateway successfully reconciled' }
        : { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned', message: 'No addresses have been assigned to the Gateway' };
    const status: Record<string, unknown> = {
      ...(addresses.length > 0 ? { addresses } : {}),
      conditions: mergeConditions(previous.conditions, [accepted, programmed].map((condition) => ({ ...condition, observedGeneration: generation })), now),
      listeners: verdicts.map((verdict) => ({
        name: verdict.listener.name,
        supportedKinds: verdict.supportedKinds,
        attachedRoutes: attached.get(verdict.listener.name) ?? 0,
        conditions: mergeConditions(listOf<{ name: string; conditions?: Condition[] }>(previous.listeners).find((listener) => listener.name === verdict.listener.name)?.conditions, verdict.conditions, now),
      })),
    };
    writeOwnStatus(gateway, status);
  }

  /** Everything: classes, gateways and their Services, every route, every gateway status. */
  function reconcileAll(): void {
    const now = nowTimestamp(context.options.now());
    reconcileClasses(now);
    const classes = ourClasses();

    const gateways = new Map<string, GatewayEntry>();
    forEachIsolated(cache.list(KEYS.gateway), 'gateway', (gateway) => {
      const entry = loadGateway(keyOf(gateway), classes, true);
      if (entry && entry !== 'foreign') gateways.set(keyOf(gateway), entry);
    });

    // The generated Services of Gateways that are gone (or no longer ours) go with them.
    for (const service of cache.list(KEYS.service)) {
      const owner = service.metadata.labels?.[OWNING_GATEWAY_LABEL];
      if (!owner || service.metadata.name !== gatewayServiceName(owner)) continue;
      if (gateways.has(`${service.metadata.namespace}/${owner}`)) continue;
      deleteIfPresent(store, KEYS.service, service.metadata.namespace, service.metadata.name);
      if (store.get(KEYS.endpoints, service.metadata.namespace, service.metadata.name)) {
        deleteIfPresent(store, KEYS.endpoints, service.metadata.namespace, service.metadata.name);
      }
    }

    attachments.clear();
    routesByBackend.clear();
    backendsByRoute.clear();
    const lookup: GatewayLookup = (key) => {
      const entry = gateways.get(key);
      if (entry) return entry;
      const slash = key.indexOf('/');
      return cache.get(KEYS.gateway, key.slice(0, slash), key.slice(slash + 1)) ? 'foreign' : undefined;
    };
    for (const routeKey of [KEYS.httpRoute, KEYS.grpcRoute]) {
      forEachIsolated(cache.list(routeKey), 'route status', (route) => {
        setAttachments(routeIdOf(route), reconcileRoute(route, lookup, now));
        indexBackends(routeIdOf(route), route);
      });
    }
    forEachIsolated(gateways.values(), 'gateway status', (entry) => writeGatewayStatus(entry, now));
  }

  /** One route: its status, its attachments, and the gateways whose counts it changed. */
  function reconcileOneRoute(routeId: string): void {
    const colon = routeId.indexOf(':');
    const kind = routeId.slice(0, colon);
    const rest = routeId.slice(colon + 1);
    const slash = rest.indexOf('/');
    const route = cache.get(kind === 'GRPCRoute' ? KEYS.grpcRoute : KEYS.httpRoute, rest.slice(0, slash), rest.slice(slash + 1));
    const now = nowTimestamp(context.options.now());
    const classes = ourClasses();
    const loaded = new Map<string, GatewayEntry | 'foreign' | undefined>();
    const lookup: GatewayLookup = (key) => {
      if (!loaded.has(key)) loaded.set(key, loadGateway(key, classes, false));
      return loaded.get(key);
    };
    const byGateway = route ? reconcileRoute(route, lookup, now) : new Map<string, Set<string>>();
    indexBackends(routeId, route);
    for (const gatewayKey of setAttachments(routeId, byGateway)) context.enqueue('gateway', `gw:${gatewayKey}`);
  }

  /** One gateway: its Service and its status from the current attachments. */
  function reconcileOneGateway(key: string): void {
    const entry = loadGateway(key, ourClasses(), true);
    if (entry && entry !== 'foreign') writeGatewayStatus(entry, nowTimestamp(context.options.now()));
  }

  /** Writes the route's status; returns, per Gateway key, the listeners it attached to. */
  function reconcileRoute(route: KubeObject, lookup: GatewayLookup, now: string): Map<string, Set<string>> {
    const namespace = route.metadata.namespace ?? 'default';
    const routeSpec = recordOf<{ parentRefs: unknown; hostnames: unknown }>(route.spec);
    const spec = { parentRefs: listOf<ParentRef>(routeSpec.parentRefs).filter((ref) => typeof ref.name === 'string'), hostnames: stringsOf(routeSpec.hostnames) };
    const generation = route.metadata.generation ?? 1;
    const previous = listOf<RouteParentStatus>(recordOf<{ parents: unknown }>(route.status).parents);
    const foreign = previous.filter((parent) => parent.controllerName !== CILIUM_GATEWAY_CONTROLLER);
    const ours: RouteParentStatus[] = [];
    const attached = new Map<string, Set<string>>();
    let resolved: Condition | undefined;

    for (const parentRef of spec.parentRefs) {
      if ((parentRef.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (parentRef.kind ?? 'Gateway') !== 'Gateway') continue;
      const gatewayNamespace = parentRef.namespace ?? namespace;
      const gatewayKey = `${gatewayNamespace}/${parentRef.name}`;
      const entry = lookup(gatewayKey);
      // A Gateway of another controller's class is not ours to report on.
      if (entry === 'foreign') continue;
      let accepted: Condition;
      if (!entry) {
        accepted = { type: 'Accepted', status: 'False', reason: 'NoMatchingParent', message: `Gateway.gateway.networking.k8s.io "${gatewayKey}" not found` };
      } else {
        const candidates = entry.verdicts.filter(
          (verdict) =>
            (parentRef.sectionName === undefined || verdict.listener.name === parentRef.sectionName) &&
            (parentRef.port === undefined || verdict.listener.port === parentRef.port),
        );
        if (candidates.length === 0) {
          accepted = {
            type: 'Accepted',
            status: 'False',
            reason: 'NoMatchingParent',
            message: parentRef.sectionName ? `No listener named "${parentRef.sectionName}" on the Gateway` : `No listener on port ${parentRef.port} on the Gateway`,
          };
        } else {
          const allowed = candidates.filter(
            (verdict) =>
              verdict.valid &&
              verdict.supportedKinds.some((kind) => kind.kind === route.kind) &&
              namespaceAllowed(verdict.listener, gatewayNamespace, namespace),
          );
          const matching = allowed.filter((verdict) => routeMatchesListenerHostname(verdict.listener.hostname, spec.hostnames));
          if (allowed.length === 0) {
            accepted = { type: 'Accepted', status: 'False', reason: 'NotAllowedByListeners', message: 'No listener allows routes of this kind from this namespace' };
          } else if (matching.length === 0) {
            accepted = { type: 'Accepted', status: 'False', reason: 'NoMatchingListenerHostname', message: 'No matching listener hostname' };
          } else {
            const listeners = attached.get(gatewayKey) ?? new Set<string>();
            for (const verdict of matching) listeners.add(verdict.listener.name);
            attached.set(gatewayKey, listeners);
            accepted = { type: 'Accepted', status: 'True', reason: 'Accepted', message: `Accepted ${route.kind}` };
          }
        }
      }
      resolved ??= resolvedRefsCondition(route);
      const before = previous.find((parent) => parent.controllerName === CILIUM_GATEWAY_CONTROLLER && jsonEqual(parent.parentRef, parentRef));
      ours.push({
        parentRef,
        controllerName: CILIUM_GATEWAY_CONTROLLER,
        conditions: mergeConditions(before?.conditions, [accepted, resolved].map((condition) => ({ ...condition, observedGeneration: generation })), now),
      });
    }
    const parents = [...foreign, ...ours];
    const status = { ...recordOf<Record<string, unknown>>(route.status), parents };
    writeOwnStatus(route, status);
    return attached;
  }

  /** The gateways whose listeners reference a Secret (only their status depends on it). */
  function gatewaysReferencingSecret(namespace: string, name: string): string[] {
    return cache
      .list(KEYS.gateway)
      .filter((gateway) =>
        listenersOf(gateway).some((listener) =>
          listOf<{ name?: string; namespace?: string }>(recordOf<{ certificateRefs: unknown }>(listener.tls).certificateRefs).some(
            (ref) => ref.name === name && (ref.namespace ?? gateway.metadata.namespace) === namespace,
          ),
        ),
      )
      .map((gateway) => `gw:${keyOf(gateway)}`);
  }

  function keysFor(event: StoreEvent): string[] {
    const { object } = event;
    const id = `${object.kind}:${keyOf(object)}`;
    if (event.type === 'MODIFIED' && ownWrites.get(id) === object.metadata.resourceVersion) return [];
    if (event.type === 'DELETED') ownWrites.delete(id);
    switch (event.resource.plural) {
      case 'httproutes':
      case 'grpcroutes':
        return [`route:${routeIdOf(object)}`];
      case 'services': {
        const owner = object.metadata.labels?.[OWNING_GATEWAY_LABEL];
        const keys = owner ? [`gw:${object.metadata.namespace}/${owner}`] : [];
        if (event.type !== 'MODIFIED') for (const routeId of routesByBackend.get(keyOf(object)) ?? []) keys.push(`route:${routeId}`);
        return keys;
      }
      case 'secrets':
        return gatewaysReferencingSecret(object.metadata.namespace ?? '', object.metadata.name);
      case 'namespaces':
        // Labels decide `from: Selector`; a deleted namespace takes its routes along anyway.
        return event.type === 'DELETED' ? [] : ['all'];
      default:
        // GatewayClasses, Gateways and ReferenceGrants can change any route's verdict.
        return ['all'];
    }
  }

  return {
    name: 'gateway',
    watches: [KEYS.gatewayClass, KEYS.gateway, KEYS.httpRoute, KEYS.grpcRoute, KEYS.referenceGrant, KEYS.service, KEYS.secret, KEYS.namespace],
    keysFor,
    allKeys: () => ['all'],
    reconcile(key: string): void {
      if (key === 'all') reconcileAll();
      else if (key.startsWith('route:')) reconcileOneRoute(key.slice('route:'.length));
      else if (key.startsWith('gw:')) reconcileOneGateway(key.slice('gw:'.length));
    },
  };
}
