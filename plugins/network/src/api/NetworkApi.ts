import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
import type {
  ClusterOverview,
  ClusterSummary,
  RequestPath,
} from '@internal/plugin-network-common';

/** What the network screens read from the network backend (`/api/network`). */
export interface NetworkApi {
  /** The configured clusters and how well the backend knows each one. */
  getClusters(): Promise<ClusterSummary[]>;
  /** Everything the Network page shows for one cluster. */
  getOverview(cluster: string): Promise<ClusterOverview>;
  /** The request path of a catalog entity's workload; `cluster` picks one when several match. */
  getRequestPath(
    entity: CompoundEntityRef,
    options?: { cluster?: string },
  ): Promise<RequestPath>;
}

/** The reference both frontend systems use to provide and consume {@link NetworkApi}. */
export const networkApiRef = createApiRef<NetworkApi>().with({
  id: 'plugin.network.api',
  pluginId: 'network',
});
