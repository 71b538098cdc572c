import { ResponseError } from '@backstage/errors';
import type {
  BootstrapPlan,
  ClusterOverview,
  ClusterSummary,
  GatewaySummary,
  IpPoolSummary,
  RoutePage,
  RouteQuery,
} from '@internal/plugin-network-common';
import { routeQueryString } from '../api/routeQueryString';

/** The two APIs every app provides, as both frontend systems hand them out. */
export interface FieldReadApis {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  fetchApi: { fetch: typeof fetch };
}

/**
 * What the wizard's fields read from the network backend, as the signed-in user. Kept apart
 * from `NetworkApi` so the fields need only the app's discovery and fetch APIs: the scaffolder
 * page renders them whether or not the network plugin's API is installed.
 */
export interface FieldReads {
  clusters(): Promise<ClusterSummary[]>;
  gateways(cluster: string): Promise<GatewaySummary[]>;
  pools(cluster: string): Promise<IpPoolSummary[]>;
  overview(cluster: string): Promise<ClusterOverview>;
  /** One page of the cluster's routes (the overview counts them but does not carry them). */
  routes(cluster: string, query: RouteQuery): Promise<RoutePage>;
  /** The bootstrap plan (needs network.bootstrap.run). */
  bootstrapPlan(cluster: string): Promise<BootstrapPlan>;
}

/** {@link FieldReads} over `/api/network`. */
export function createFieldReads(apis: FieldReadApis): FieldReads {
  const get = async <T>(path: string): Promise<T> => {
    const baseUrl = await apis.discoveryApi.getBaseUrl('network');
    const response = await apis.fetchApi.fetch(`${baseUrl}${path}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  };
  const clusterPath = (cluster: string) =>
    `/clusters/${encodeURIComponent(cluster)}`;
  return {
    clusters: async () =>
      (await get<{ items: ClusterSummary[] }>('/clusters')).items,
    gateways: async cluster =>
      (
        await get<{ items: GatewaySummary[] }>(
          `${clusterPath(cluster)}/gateways`,
        )
      ).items,
    pools: async cluster =>
      (await get<{ items: IpPoolSummary[] }>(`${clusterPath(cluster)}/pools`))
        .items,
    overview: cluster => get(`${clusterPath(cluster)}/overview`),
    routes: (cluster, query) =>
      get(`${clusterPath(cluster)}/routes${routeQueryString(query)}`),
    bootstrapPlan: cluster => get(`${clusterPath(cluster)}/bootstrap/plan`),
  };
}
