import { HostnameClaimSources } from '@internal/plugin-network-common';
import { NetworkView } from '../NetworkView/NetworkView';

/**
 * What `hostnameClaims` from network-common looks at, read from the network backend: the
 * overview's Ingresses and DNSEndpoints and the routes naming the hostname (the same rule the
 * HostnamePicker applies in the browser).
 */
export async function hostnameClaimSources(
  network: NetworkView,
  cluster: string,
  hostname: string,
): Promise<HostnameClaimSources> {
  const [overview, routes] = await Promise.all([
    network.overview(cluster),
    network.routesNaming(cluster, hostname),
  ]);
  return {
    ingresses: overview.ingresses,
    dnsEndpoints: overview.dnsEndpoints ?? [],
    routes: routes.items,
  };
}
