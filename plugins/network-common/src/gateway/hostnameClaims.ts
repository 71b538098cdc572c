import { ClusterOverview, GatewaySummary, RouteSummary } from '../types/overview';

/** An object in the cluster that already serves or publishes a hostname. */
export interface HostnameClaim {
  kind: string;
  namespace?: string;
  name: string;
}

/** The service's own objects do not count as claims, so a re-run of the wizard is not refused. */
export interface HostnameClaimOwner {
  namespace: string;
  name: string;
}

/**
 * Where claims are looked for: the overview's Ingresses and DNSEndpoints, and the routes that
 * name the hostname (`GET /clusters/:cluster/routes?hostname=`; the overview carries no routes).
 */
export type HostnameClaimSources = Pick<ClusterOverview, 'ingresses' | 'dnsEndpoints'> & { routes: RouteSummary[] };

/**
 * Who already claims `hostname` in a cluster: routes, Ingresses and DNSEndpoints naming it
 * exactly. A gateway's wildcard listener is shared, so it is not a claim.
 * Shared by the wizard's `network:hostname:check` action and its HostnamePicker field.
 */
export function hostnameClaims(
  hostname: string,
  overview: HostnameClaimSources,
  owner?: HostnameClaimOwner,
): HostnameClaim[] {
  const wanted = hostname.toLowerCase();
  const isOwn = (namespace: string | undefined, name: string) =>
    owner !== undefined && namespace === owner.namespace && name === owner.name;
  const names = (candidates: string[]) =>
    candidates.some(candidate => candidate.toLowerCase() === wanted);
  const claims: HostnameClaim[] = [];
  for (const route of overview.routes) {
    if (names(route.hostnames) && !isOwn(route.namespace, route.name))
      claims.push({ kind: route.kind, namespace: route.namespace, name: route.name });
  }
  for (const ingress of overview.ingresses) {
    if (names(ingress.hosts) && !isOwn(ingress.namespace, ingress.name))
      claims.push({ kind: 'Ingress', namespace: ingress.namespace, name: ingress.name });
  }
  for (const record of overview.dnsEndpoints ?? []) {
    if (names(record.dnsNames) && !isOwn(record.namespace, record.name))
      claims.push({ kind: 'DNSEndpoint', namespace: record.namespace, name: record.name });
  }
  return claims;
}

/** A claim as one line of a message: `HTTPRoute media/jellyfin`. */
export function describeHostnameClaim(claim: HostnameClaim): string {
  return `${claim.kind} ${claim.namespace ? `${claim.namespace}/` : ''}${claim.name}`;
}

/**
 * The domains new hostnames may live under when config names none: the zones of the
 * gateways' wildcard listener hostnames (`*.demo.lab` gives demo.lab).
 */
export function gatewayDomains(gateways: GatewaySummary[]): string[] {
  const domains = new Set<string>();
  for (const gateway of gateways) {
    for (const listener of gateway.listeners) {
      if (listener.hostname?.startsWith('*.'))
        domains.add(listener.hostname.slice(2).toLowerCase());
    }
  }
  return [...domains].sort();
}
