import { Condition, ObjectRef } from './conditions';
import type { HopState } from './requestPath';

/** How well the backend currently knows a cluster. */
export type ClusterHealth = 'healthy' | 'stale' | 'unreachable' | 'starting';

/** The sync state of one resource kind's informer. */
export type KindSyncState = 'synced' | 'absent' | 'error' | 'syncing';

/** The sync state of one resource kind in one cluster. */
export interface KindSummary {
  /** `group/Kind` for custom resources (e.g. `gateway.networking.k8s.io/HTTPRoute`), `Kind` for core ones. */
  kind: string;
  state: KindSyncState;
  count: number;
  message?: string;
}

/** A cluster as `GET /clusters` lists it. */
export interface ClusterSummary {
  name: string;
  title?: string;
  health: ClusterHealth;
  /** RFC 3339 timestamp of the last event or list seen. */
  lastSyncAt?: string;
  kinds: KindSummary[];
}

/** One listener of a Gateway, spec and status together. */
export interface ListenerSummary {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  tlsMode?: 'Terminate' | 'Passthrough';
  /** Names of the Secrets in `tls.certificateRefs`, as `namespace/name`. */
  certificateRefs: string[];
  allowedRoutesFrom: 'Same' | 'All' | 'Selector' | 'None';
  attachedRoutes: number;
  conditions: Condition[];
}

/** A Gateway with its listeners, addresses and conditions. */
export interface GatewaySummary {
  namespace: string;
  name: string;
  gatewayClassName: string;
  /** `status.addresses[].value`. */
  addresses: string[];
  conditions: Condition[];
  listeners: ListenerSummary[];
  /** The LoadBalancer Service that carries the gateway's address, when found. */
  service?: ObjectRef;
}

/** One `status.parents[]` entry of a route, flattened for display. */
export interface RouteParentSummary {
  /** The parent as `namespace/name`, with `/sectionName` or `:port` when set. */
  parent: string;
  parentRef: ObjectRef & { sectionName?: string; port?: number };
  controllerName?: string;
  accepted?: Condition;
  resolvedRefs?: Condition;
  conditions: Condition[];
}

/** An HTTPRoute / GRPCRoute / TLSRoute with its status per parent. */
export interface RouteSummary {
  kind: string;
  namespace: string;
  name: string;
  hostnames: string[];
  /** Backend services as `namespace/name:port`. */
  backends: string[];
  parents: RouteParentSummary[];
  /** Parents named in spec.parentRefs that have no status entry yet. */
  parentsWithoutStatus: string[];
}

/** A networking.k8s.io/v1 Ingress. */
export interface IngressSummary {
  namespace: string;
  name: string;
  ingressClassName?: string;
  hosts: string[];
  /** `status.loadBalancer.ingress[].ip` or hostname. */
  addresses: string[];
  /** Backend services as `name:port` (same namespace as the Ingress). */
  backends: string[];
  tlsSecrets: string[];
}

/** One IP of a pool held by a service. */
export interface PoolAllocation {
  ip: string;
  service: { namespace: string; name: string };
}

/** A CiliumLoadBalancerIPPool with capacity, usage and conflicts. */
export interface IpPoolSummary {
  name: string;
  apiVersion: string;
  disabled: boolean;
  /** Block strings as written: `10.0.0.0/24` or `10.0.0.10-10.0.0.20`. */
  blocks: string[];
  allowFirstLastIPs: 'Yes' | 'No';
  /** Counts as numbers; capped at Number.MAX_SAFE_INTEGER for huge IPv6 pools (see `totalIsCapped`). */
  total: number;
  used: number;
  free: number;
  totalIsCapped: boolean;
  /** Conflict messages in Cilium's format, from our own overlap check. */
  conflicts: string[];
  /** The pool's own `cilium.io/PoolConflict` and IPs conditions as the operator wrote them. */
  conditions: Condition[];
  allocations: PoolAllocation[];
  /** The serviceSelector as a string (`a=b,c in (x)`), or empty when it selects all. */
  serviceSelector: string;
  /** True when the selector matches no LoadBalancer service at all. */
  selectorMatchesNothing: boolean;
}

/** A CiliumL2AnnouncementPolicy. */
export interface L2PolicySummary {
  name: string;
  nodeSelector: string;
  serviceSelector: string;
  loadBalancerIPs: boolean;
  externalIPs: boolean;
  interfaces: string[];
  /** Services the policy selects, as `namespace/name`. */
  services: string[];
  conditions: Condition[];
}

/** The node currently announcing a service's IP (from the `cilium-l2announce-*` Lease). */
export interface L2LeaseSummary {
  service: { namespace: string; name: string };
  ips: string[];
  holder?: string;
  /** RFC 3339 timestamp of the lease's renewTime. */
  renewTime?: string;
  /** True when the lease has passed renewTime + leaseDurationSeconds. */
  expired: boolean;
}

/** One Cilium agent pod. */
export interface CiliumAgentSummary {
  node: string;
  pod: string;
  ready: boolean;
  restarts: number;
  phase: string;
}

/** Cilium as seen from its pods and DaemonSet (deep status comes from diagnostics). */
export interface CiliumSummary {
  installed: boolean;
  agents: CiliumAgentSummary[];
  daemonSet?: { desired: number; ready: number; available: number };
  operator?: { desired: number; ready: number };
  /** From the cilium-config ConfigMap, when readable. */
  kubeProxyReplacement?: string;
  version?: string;
}

/** A cert-manager Certificate. */
export interface CertificateSummary {
  namespace: string;
  name: string;
  dnsNames: string[];
  secretName: string;
  issuer: string;
  ready: boolean;
  readyReason?: string;
  readyMessage?: string;
  notAfter?: string;
  renewalTime?: string;
  /** Whole days until notAfter (negative once expired); absent without notAfter. */
  daysLeft?: number;
}

/** A cert-manager ClusterIssuer or Issuer with its Ready state. */
export interface IssuerSummary {
  kind: 'ClusterIssuer' | 'Issuer';
  /** Absent for a ClusterIssuer. */
  namespace?: string;
  name: string;
  /** The issuer type: the spec key that configures it (`acme`, `ca`, `selfSigned`, `vault`, `venafi`). */
  type: string;
  ready: boolean;
  readyReason?: string;
  readyMessage?: string;
}

/** An external-dns DNSEndpoint and the names it publishes. */
export interface DnsEndpointSummary {
  namespace: string;
  name: string;
  /** `spec.endpoints[].dnsName`, lowercased, without a trailing dot. */
  dnsNames: string[];
}

/** What a DNS name should resolve to and what the servers answered. */
export interface DnsRecordSummary {
  hostname: string;
  /** `internal` (k8s_gateway / router) or `external` (public resolvers). */
  scope: 'internal' | 'external';
  expected: string[];
  answered: string[];
  /** Where `expected` comes from, e.g. the route and gateway. */
  source?: ObjectRef;
  state: 'match' | 'mismatch' | 'no-answer' | 'unchecked';
  message?: string;
}

/** Everything the Network page shows for one cluster. */
export interface ClusterOverview {
  cluster: ClusterSummary;
  generatedAt: string;
  stale: boolean;
  gateways: GatewaySummary[];
  /** Routes by state; the routes themselves are paged by `GET /clusters/:cluster/routes` (thousands in a large cluster: 3,007 in the large demo). */
  routeCounts: RouteCounts;
  ingresses: IngressSummary[];
  pools: IpPoolSummary[];
  l2Policies: L2PolicySummary[];
  l2Leases: L2LeaseSummary[];
  cilium: CiliumSummary;
  certificates: CertificateSummary[];
  /** ClusterIssuers and Issuers (added later: absent from older backends). */
  issuers?: IssuerSummary[];
  /** The route hostnames checked against each configured DNS server (the first names by hostname, a bounded number). */
  dns: DnsRecordSummary[];
  /** Route hostnames beyond that bound, not checked here; the DNS diagnostics check them all. */
  dnsNotChecked?: number;
  /** DNSEndpoints, so a new hostname can be checked against published names (absent from older backends). */
  dnsEndpoints?: DnsEndpointSummary[];
  namespacesWithoutDefaultDeny: string[];
  /** Kinds or sources not available in this cluster, as in `RequestPath.missing`. */
  missing: string[];
}

/** How many routes a cluster has, by state (see `routeState`). */
export type RouteCounts = Record<HopState, number> & { total: number };

/** The query of `GET /clusters/:cluster/routes`; every filter is optional and they combine. */
export interface RouteQuery {
  /** Index of the first route of the page (default 0). */
  offset?: number;
  /** Routes per page (default 50, at most 500). */
  limit?: number;
  /** Case-insensitive text found in the kind, namespace/name, hostnames, parents, backends, state or reason. */
  search?: string;
  /** Only routes in these states. */
  states?: HopState[];
  /** Only routes with this Gateway as a parent, as `namespace/name`. */
  gateway?: string;
  /** Only routes naming this hostname exactly (case-insensitive). */
  hostname?: string;
}

/** One page of a cluster's routes, worst state first, then by namespace and name. */
export interface RoutePage {
  cluster: string;
  stale: boolean;
  missing: string[];
  /** All routes of the cluster. */
  total: number;
  /** Routes that pass the query's filters (the page is a slice of these). */
  matched: number;
  offset: number;
  limit: number;
  items: RouteSummary[];
}
