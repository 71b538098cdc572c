import type {
  ClusterOverview,
  HostnameClaimSources,
} from '@internal/plugin-network-common';
import type { FieldReads } from '../fieldReads';

/** What {@link hostnameAvailability} decides from: the gateways' domains and the claim sources. */
export type HostnameSources = Pick<ClusterOverview, 'gateways'> &
  HostnameClaimSources;

/** The most routes read for one hostname (the backend's page limit); any one of them is a claim. */
export const ROUTES_READ_PER_HOSTNAME = 500;

/**
 * Reads what a hostname's check needs from the cluster: the overview's gateways, Ingresses and
 * DNSEndpoints, and the routes naming the hostname (the overview carries no routes: a cluster
 * has thousands in a large cluster, so the backend filters them by hostname).
 */
export async function readHostnameSources(
  reads: FieldReads,
  cluster: string,
  hostname: string,
): Promise<HostnameSources> {
  const [overview, routes] = await Promise.all([
    reads.overview(cluster),
    reads.routes(cluster, { hostname, limit: ROUTES_READ_PER_HOSTNAME }),
  ]);
  return {
    gateways: overview.gateways,
    ingresses: overview.ingresses,
    dnsEndpoints: overview.dnsEndpoints,
    routes: routes.items,
  };
}
