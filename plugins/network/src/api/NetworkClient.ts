import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClusterOverview,
  ClusterSummary,
  RequestPath,
} from '@internal/plugin-network-common';
import type { NetworkApi } from './NetworkApi';

/** Reads the network backend over HTTP, signed in as the current user through `fetchApi`. */
export class NetworkClient implements NetworkApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<ClusterSummary[]> {
    const body = await this.get<{ items: ClusterSummary[] }>('/clusters');
    return body.items;
  }

  async getOverview(cluster: string): Promise<ClusterOverview> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/overview`);
  }

  async getRequestPath(
    entity: CompoundEntityRef,
    options?: { cluster?: string },
  ): Promise<RequestPath> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    const query = options?.cluster
      ? `?cluster=${encodeURIComponent(options.cluster)}`
      : '';
    return this.get(`/entities/${path}/request-path${query}`);
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('network');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    // ResponseError keeps the status and the backend's error body, so screens can tell
    // a missing permission (403) from an unknown cluster (404) or an outage (5xx).
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
