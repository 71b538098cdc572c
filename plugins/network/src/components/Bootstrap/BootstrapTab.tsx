import { Progress } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { networkBootstrapRunPermission } from '@internal/plugin-network-common';
import { Alert, AlertTitle } from '@material-ui/lab';
import { ClusterScope } from '../NetworkPage/ClusterScope';
import { ClusterUnreachableNotice } from '../NetworkPage/ClusterUnreachableNotice';
import { BootstrapPanel } from './BootstrapPanel';

/**
 * The Network page's Bootstrap tab, for users with network.bootstrap.run only: it changes
 * the cluster, so everyone else sees which permission they would need.
 */
export const BootstrapTab = () => {
  const { loading, allowed } = usePermission({
    permission: networkBootstrapRunPermission,
  });
  if (loading) return <Progress />;
  if (!allowed) {
    return (
      <Alert severity="info">
        <AlertTitle>Permission missing</AlertTitle>
        Bootstrapping a cluster needs the permission network.bootstrap.run,
        which you do not have. Ask a portal administrator to grant it if you
        operate this cluster.
      </Alert>
    );
  }
  return (
    <ClusterScope>
      {(cluster, summary) => (
        <>
          <ClusterUnreachableNotice summary={summary} what="Bootstrap steps" />
          <BootstrapPanel key={cluster} cluster={cluster} />
        </>
      )}
    </ClusterScope>
  );
};
