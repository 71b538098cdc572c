import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ClusterOverview,
  ClusterSummary,
  GatewaySummary,
  IpPoolSummary,
  RoutePage,
} from '@internal/plugin-network-common';

/** The network backend's read model of the clusters, as the wizard's checks need it. */
export interface NetworkView {
  clusters(): Promise<ClusterSummary[]>;
  overview(cluster: string): Promise<ClusterOverview>;
  /** The routes that name a hostname (the overview counts routes but does not list them). */
  routesNaming(cluster: string, hostname: string): Promise<RoutePage>;
  gateways(cluster: string): Promise<GatewaySummary[]>;
  pools(cluster: string): Promise<IpPoolSummary[]>;
}

/**
 * The network backend's REST API (`/api/network`), called with a plugin-to-plugin token,
 * so the checks read the same watch cache as the Network page instead of listing the
 * cluster again.
 */
export class NetworkBackendClient implements NetworkView {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async clusters(): Promise<ClusterSummary[]> {
    return (await this.get<{ items: ClusterSummary[] }>('/clusters')).items;
  }

  overview(cluster: string): Promise<ClusterOverview> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/overview`);
  }

  routesNaming(cluster: string, hostname: string): Promise<RoutePage> {
    const query = new URLSearchParams({ hostname, limit: '500' });
    return this.get(`/clusters/${encodeURIComponent(cluster)}/routes?${query}`);
  }

  async gateways(cluster: string): Promise<GatewaySummary[]> {
    return (
      await this.get<{ items: GatewaySummary[] }>(
        `/clusters/${encodeURIComponent(cluster)}/gateways`,
      )
    ).items;
  }

  async pools(cluster: string): Promise<IpPoolSummary[]> {
    return (
      await this.get<{ items: IpPoolSummary[] }>(
        `/clusters/${encodeURIComponent(cluster)}/pools`,
      )
    ).items;
  }

  private async get<T>(path: string): Promise<T> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('network');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'network',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
