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

function routeAddresses(store: ObjectStore, kind: (typeof ROUTE_KINDS)[number], name: string): string[] {
  const resource = store.resources.byKind(kind, GATEWAY_GROUP);
  if (!resource) return [];
  const gatewayKey: ResourceKey = { group: GATEWAY_GROUP, plural: 'gateways' };
  const addresses: string[] = [];
  for (const route of listObjects(store, resource)) {
    const hostnames = (route.spec as { hostnames?: string[] } | undefined)?.hostnames ?? [];
    if (!hostnames.some((hostname) => canonicalName(hostname) === name)) continue;
    const parentRefs = (route.spec as { parentRefs?: Array<{ group?: string; kind?: string; namespace?: string; name?: string }> }).parentRefs ?? [];
    for (const parent of parentRefs) {
      if ((parent.group ?? GATEWAY_GROUP) !== GATEWAY_GROUP || (parent.kind ?? 'Gateway') !== 'Gateway' || !parent.name) continue;
      const gateway = getObject(store, gatewayKey, parent.namespace ?? route.metadata.namespace, parent.name);
      if (gateway) appendUnique(addresses, gatewayAddresses(gateway));
    }
  }
  return addresses;
}

function ingressAddresses(store: ObjectStore, name: string): string[] {
  const resource = store.resources.byKind('Ingress', 'networking.k8s.io');
  if (!resource) return [];
  const addresses: string[] = [];
  for (const ingress of listObjects(store, resource)) {
    const rules = (ingress.spec as { rules?: Array<{ host?: string }> } | undefined)?.rules ?? [];
    if (rules.some((rule) => rule.host && canonicalName(rule.host) === name)) appendUnique(addresses, loadBalancerIps(ingress));
  }
  return addresses;
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

function serviceAddresses(store: ObjectStore, name: string, zones: readonly string[]): string[] {
  const addresses: string[] = [];
  for (const service of listObjects(store, { group: '', plural: 'services' })) {
    if ((service.spec as { type?: string } | undefined)?.type !== 'LoadBalancer') continue;
    if (serviceHostnames(service, zones).includes(name)) appendUnique(addresses, loadBalancerIps(service));
  }
  return addresses;
}

/**
 * Looks `name` up in the store (any case, trailing dot allowed). `zones` are the canonical
 * zones served, used for the `<service>.<namespace>.<zone>` form. Undefined when nothing matches.
 */
export function lookupHostname(store: ObjectStore, name: string, zones: readonly string[] = []): HostnameMatch | undefined {
  const wanted = canonicalName(name);
  for (const kind of ROUTE_KINDS) {
    const addresses = routeAddresses(store, kind, wanted);
    if (addresses.length > 0) return { kind, addresses };
  }
  const fromIngress = ingressAddresses(store, wanted);
  if (fromIngress.length > 0) return { kind: 'Ingress', addresses: fromIngress };
  const fromServices = serviceAddresses(store, wanted, zones);
  if (fromServices.length > 0) return { kind: 'Service', addresses: fromServices };
  return undefined;
}
