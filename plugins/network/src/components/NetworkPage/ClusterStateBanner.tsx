import { Box } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { ClusterOverview } from '@internal/plugin-network-common';

/** Sources that are configuration choices rather than missing software. */
const OPTIONAL_SOURCES = ['dns-internal', 'dns-external'];

/**
 * What the user must know before trusting the page: the cluster is unreachable or the data
 * is stale, and which kinds (Gateway API, Cilium, cert-manager) this cluster does not have.
 */
export const ClusterStateBanner = ({
  overview,
}: {
  overview: ClusterOverview;
}) => {
  const { cluster } = overview;
  const absentKinds = overview.missing.filter(
    kind => kind !== 'cluster' && !OPTIONAL_SOURCES.includes(kind),
  );
  const since = cluster.lastSyncAt ? ` Last synced ${cluster.lastSyncAt}.` : '';
  return (
    <>
      {cluster.health === 'unreachable' && (
        <Box mb={2}>
          <Alert severity="error">
            <AlertTitle>Cluster unreachable</AlertTitle>
            The backend cannot reach the Kubernetes API of{' '}
            {cluster.title ?? cluster.name}. What is shown is the last known
            state.{since} Check the cluster URL and credentials in
            kubernetes.clusterLocatorMethods and that the API server is up.
          </Alert>
        </Box>
      )}
      {cluster.health !== 'unreachable' &&
        (overview.stale || cluster.health === 'stale') && (
          <Box mb={2}>
            <Alert severity="warning">
              <AlertTitle>Data may be stale</AlertTitle>
              The backend's watch on this cluster is not in sync; it reconnects
              on its own.{since}
            </Alert>
          </Box>
        )}
      {cluster.health === 'starting' && (
        <Box mb={2}>
          <Alert severity="info">
            <AlertTitle>Still loading</AlertTitle>
            The backend is listing this cluster's objects for the first time;
            the page fills in as they arrive.
          </Alert>
        </Box>
      )}
      {absentKinds.length > 0 && (
        <Box mb={2}>
          <Alert severity="info">
            <AlertTitle>Not installed in this cluster</AlertTitle>
            These kinds are not served, so their sections are empty:{' '}
            {absentKinds.join(', ')}.
          </Alert>
        </Box>
      )}
    </>
  );
};
