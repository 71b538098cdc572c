/**
 * Resolves a DNS name against the live cluster objects the way k8s_gateway does
 * (ori-edge/k8s_gateway): HTTPRoute, TLSRoute and GRPCRoute `spec.hostnames` by exact
 * lower-case match, answered with their parent Gateways' `status.addresses`; then Ingress
 * `spec.rules[].host` with `status.loadBalancer.ingress[].ip`; then LoadBalancer Services by
 * hostname annotation (or `<name>.<namespace>.<zone>`) with their load-balancer IPs. The first
 * kind that yields addresses wins. Wildcards are not expanded, as in k8s_gateway.
 */
import type { MemoryStore } from '../store/memory-store.ts';
import type { KubeObject, ObjectStore, ResourceKey } from '../store/types.ts';

const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/** Route kinds in k8s_gateway's lookup order. */
const ROUTE_KINDS = ['HTTPRoute', 'TLSRoute', 'GRPCRoute'] as const;

/** Service annotations that name DNS hostnames (comma-separated), both external-dns prefixes. */
export const SERVICE_HOSTNAME_ANNOTATIONS = [
  'coredns.io/hostname',
  'external-dns.alpha.kubernetes.io/hostname',
  'external-dns.kubernetes.io/hostname',
] as const;

/** Which object kind answered a name, and with which addresses (IPv4 and IPv6 mixed). */
export interface HostnameMatch {
  kind: 'HTTPRoute' | 'TLSRoute' | 'GRPCRoute' | 'Ingress' | 'Service';
  addresses: string[];
}

/** Lower-cases and drops the trailing dot, the form every comparison uses. */
export function canonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** Lists without copying when the store offers it (the lookup only reads). */
function listObjects(store: ObjectStore, key: ResourceKey): readonly KubeObject[] {
  const readOnly = (store as Partial<MemoryStore>).listReadOnly;
  return readOnly ? readOnly.call(store, key) : store.list(key);
}

function getObject(store: ObjectStore, key: ResourceKey, namespace: string | undefined, name: string): KubeObject | undefined {
  const readOnly = (store as Partial<MemoryStore>).getReadOnly;
  return readOnly ? readOnly.call(store, key, namespace, name) : store.get(key, namespace, name);
}

function appendUnique(target: string[], values: Iterable<string>): void {
  for (const value of values) if (!target.includes(value)) target.push(value);
}

/** IPAddress values of a Gateway's status (type defaults to IPAddress). */
function gatewayAddresses(gateway: KubeObject): string[] {
  const addresses = (gateway.status as { addresses?: Array<{ type?: string; value?: string }> } | undefined)?.addresses ?? [];
  // Hostname-typed addresses would need an outside resolver; the demo cluster never uses them.
  return addresses.filter((entry) => (entry.type ?? 'IPAddress') === 'IPAddress' && entry.value).map((entry) => entry.value!);
}

function loadBalancerIps(object: KubeObject): string[] {
  const ingress = (object.status as { loadBalancer?: { ingress?: Array<{ ip?: string }> } } | undefined)?.loadBalancer?.ingress ?? [];
  return ingress.filter((entry) => entry.ip).map((entry) => entry.ip!);
}



/** The hostnames a Service answers for: its annotations, and `<name>.<namespace>.<zone>`. */
function serviceHostnames(service: KubeObject, zones: readonly string[]): string[] {
  const annotations = service.metadata.annotations ?? {};
  const names: string[] = [];
  for (const key of SERVICE_HOSTNAME_ANNOTATIONS) {
    for (const hostname of (annotations[key] ?? '').split(',')) {
      if (hostname.trim()) names.push(canonicalName(hostname));
    }
  }
  for (const zone of zones) {
    if (zone) names.push(`${service.metadata.name}.${service.metadata.namespace}.${zone}`);
  }
  return names;
}


/** The answer for every name the store knows, in k8s_gateway's precedence; built once per store revision. */
interface HostnameIndex {
  revision: number;
  zones: string;
  matches: Map<string, HostnameMatch>;
}

const indexes = new WeakMap<object, HostnameIndex>();

/** Collects each name's addresses per source, then keeps, per name, the first source in precedence order. */
function buildHostnameIndex(store: ObjectStore, zones: readonly string[]): Map<string, HostnameMatch> {
  const bySource = new Map<HostnameMatch['kind'], Map<string, string[]>>();
  const add = (kind: HostnameMatch['kind'], name: string, addresses: string[]) => {
    let names = bySource.get(kind);
    if (!names) bySource.set(kind, (names = new Map()));
    const list = names.get(name) ?? [];
    appendUnique(list, addresses);
    names.set(name, list);
  };
  const gatewayKey: ResourceKey = { group: GATEWAY_GROUP, plural: 'gateways' };
  for (const kind of ROUTE_KINDS) {
    const resource = store.resources.byKind(kind, GATEWAY_GROUP);
    if (!resource) continue;
    for (const route of listObjects(store, resource)) {
      const hostnames = (route.spec as { hostnames?: string[] } | undefined)?.hostnames ?? [];
      if (hostnames.length === 0) continue;
      const addresses: string[] = [];
      const parentRefs = (route.spec as { parentRefs?: Array<{ group?: string; kind?: string; namespace?: string; name?: string }> }).parentRefs ?? [];
      for (const parent of parentRefs) {
        if ((parent.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (parent.kind ?? 'Gateway') !== 'Gateway' || !parent.name) continue;
        const gateway = getObject(store, gatewayKey, parent.namespace ?? route.metadata.namespace, parent.name);
        if (gateway) appendUnique(addresses, gatewayAddresses(gateway));
      }
      for (const hostname of new Set(hostnames.map(canonicalName))) add(kind, hostname, addresses);
    }
  }
  const ingressResource = store.resources.byKind('Ingress', 'networking.k8s.io');
  if (ingressResource) {
    for (const ingress of listObjects(store, ingressResource)) {
      const rules = (ingress.spec as { rules?: Array<{ host?: string }> } | undefined)?.rules ?? [];
      const hosts = new Set(rules.filter((rule) => rule.host).map((rule) => canonicalName(rule.host!)));
      for (const host of hosts) add('Ingress', host, loadBalancerIps(ingress));
    }
  }
  for (const service of listObjects(store, { group: '', plural: 'services' })) {
    if ((service.spec as { type?: string } | undefined)?.type !== 'LoadBalancer') continue;
    for (const hostname of new Set(serviceHostnames(service, zones))) add('Service', hostname, loadBalancerIps(service));
  }
  const matches = new Map<string, HostnameMatch>();
  for (const kind of [...ROUTE_KINDS, 'Ingress', 'Service'] as const) {
    for (const [name, addresses] of bySource.get(kind) ?? []) {
      // A source that names the host but has no address yet does not win, as in the scan.
      if (addresses.length > 0 && !matches.has(name)) matches.set(name, { kind, addresses });
    }
  }
  return matches;
}

/**
 * Looks `name` up in the store (any case, trailing dot allowed). `zones` are the canonical
 * zones served, used for the `<service>.<namespace>.<zone>` form. Undefined when nothing matches.
 * Answers come from an index rebuilt when the store changes, so a busy resolver does not scan
 * every route and service per query.
 */
export function lookupHostname(store: ObjectStore, name: string, zones: readonly string[] = []): HostnameMatch | undefined {
  const revision = store.currentResourceVersion();
  const zoneKey = zones.join(',');
  let index = indexes.get(store);
  if (!index || index.revision !== revision || index.zones !== zoneKey) {
    index = { revision, zones: zoneKey, matches: buildHostnameIndex(store, zones) };
    indexes.set(store, index);
  }
  const match = index.matches.get(canonicalName(name));
  return match ? { kind: match.kind, addresses: [...match.addresses] } : undefined;
}
