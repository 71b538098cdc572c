import { ClusterScope } from '../NetworkPage/ClusterScope';
import { DiagnosticsPanel } from './DiagnosticsPanel';

/** The Network page's Diagnostics tab: the shared cluster switcher, then the cluster's diagnostics. */
export const DiagnosticsTab = () => (
  <ClusterScope>
    {cluster => <DiagnosticsPanel key={cluster} cluster={cluster} />}
  </ClusterScope>
);
