import { ClusterOverviewPanel } from './ClusterOverviewPanel';
import { ClusterScope } from './ClusterScope';

/**
 * The overview tab of the Network page: the cluster switcher and the chosen cluster's
 * gateways, routes, pools, L2, Cilium, certificates and DNS.
 */
export const NetworkOverview = () => (
  <ClusterScope>
    {cluster => <ClusterOverviewPanel key={cluster} cluster={cluster} />}
  </ClusterScope>
);
