import { Box } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { ClusterSummary } from '@internal/plugin-network-common';

/**
 * Said before a run is started on a cluster the backend cannot reach: the checks (or the
 * bootstrap steps) would end in errors, and what to look at first.
 */
export const ClusterUnreachableNotice = (props: {
  summary: ClusterSummary;
  /** What would fail, e.g. `Checks` or `Bootstrap steps`. */
  what: string;
}) => {
  if (props.summary.health !== 'unreachable') return null;
  return (
    <Box mb={2}>
      <Alert severity="error">
        <AlertTitle>Cluster unreachable</AlertTitle>
        The backend cannot reach the Kubernetes API of{' '}
        {props.summary.title ?? props.summary.name}
        {props.summary.lastSyncAt
          ? ` (last synced ${props.summary.lastSyncAt})`
          : ''}
        . {props.what} that need the API will end in errors. Check the cluster
        URL and credentials in kubernetes.clusterLocatorMethods and that the API
        server is up, then retry.
      </Alert>
    </Box>
  );
};
