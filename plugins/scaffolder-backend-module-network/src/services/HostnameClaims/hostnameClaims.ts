import {
  ClusterOverview,
  GatewaySummary,
} from '@internal/plugin-network-common';

/** An object in the cluster that already serves or publishes a hostname. */
export interface HostnameClaim {
  kind: string;
  namespace?: string;
  name: string;
}

/** The service's own objects do not count as claims, so a re-run of the wizard is not refused. */
export interface ClaimOwner {
  namespace: string;
  name: string;
}

/**
 * Who already claims `hostname`: routes and Ingresses from the network backend's overview,
 * DNS records it derived, and DNSEndpoints (listed from the cluster, which the read model
 * does not watch). Exact names only: a gateway's wildcard listener is shared, not a claim.
 */
export function hostnameClaims(
  hostname: string,
  sources: { overview: ClusterOverview; dnsEndpoints: any[] },
  owner?: ClaimOwner,
): HostnameClaim[] {
  const wanted = hostname.toLowerCase();
  const claims: HostnameClaim[] = [];
  const isOwn = (namespace: string | undefined, name: string) =>
    owner !== undefined && namespace === owner.namespace && name === owner.name;
  for (const route of sources.overview.routes) {
    if (
      route.hostnames.some(candidate => candidate.toLowerCase() === wanted) &&
      !isOwn(route.namespace, route.name)
    )
      claims.push({
        kind: route.kind,
        namespace: route.namespace,
        name: route.name,
      });
  }
  for (const ingress of sources.overview.ingresses) {
    if (
      ingress.hosts.some(candidate => candidate.toLowerCase() === wanted) &&
      !isOwn(ingress.namespace, ingress.name)
    )
      claims.push({
        kind: 'Ingress',
        namespace: ingress.namespace,
        name: ingress.name,
      });
  }
  for (const record of sources.dnsEndpoints) {
    const names: string[] = (record.spec?.endpoints ?? []).map(
      (endpoint: any) =>
        String(endpoint.dnsName ?? '')
          .toLowerCase()
          .replace(/\.$/, ''),
    );
    if (
      names.includes(wanted) &&
      !isOwn(record.metadata?.namespace, record.metadata?.name)
    )
      claims.push({
        kind: 'DNSEndpoint',
        namespace: record.metadata?.namespace,
        name: record.metadata?.name,
      });
  }
  return claims;
}

/**
 * The domains new hostnames may live under when config names none: the zones of the
 * gateways' listener hostnames (`*.demo.lab` gives demo.lab).
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
