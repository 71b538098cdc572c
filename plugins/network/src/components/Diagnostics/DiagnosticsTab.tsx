import { ClusterScope } from '../NetworkPage/ClusterScope';
import { ClusterUnreachableNotice } from '../NetworkPage/ClusterUnreachableNotice';
import { DiagnosticsPanel } from './DiagnosticsPanel';

/** The Network page's Diagnostics tab: the shared cluster switcher, then the cluster's diagnostics. */
export const DiagnosticsTab = () => (
  <ClusterScope>
    {(cluster, summary) => (
      <>
        <ClusterUnreachableNotice summary={summary} what="Checks" />
        <DiagnosticsPanel key={cluster} cluster={cluster} />
      </>
    )}
  </ClusterScope>
);
