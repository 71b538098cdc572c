import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { networkApiRef } from '../../api';
import { NetworkErrorPanel } from '../NetworkErrorPanel';
import { ClusterOverviewPanel } from './ClusterOverviewPanel';
import { ClusterSwitcher } from './ClusterSwitcher';

/**
 * The body of the Network page: the cluster switcher (the choice is kept in `?cluster=`, so
 * a link or reload shows the same cluster) and the chosen cluster's overview.
 */
export const NetworkOverview = () => {
  const networkApi = useApi(networkApiRef);
  const clusters = useAsyncRetry(() => networkApi.getClusters(), [networkApi]);
  const [searchParams, setSearchParams] = useSearchParams();

  if (clusters.loading && !clusters.value) return <Progress />;
  if (clusters.error) {
    return (
      <NetworkErrorPanel error={clusters.error} onRetry={clusters.retry} />
    );
  }
  const items = clusters.value ?? [];
  if (items.length === 0) {
    return (
      <EmptyState
        missing="info"
        title="No cluster configured"
        description="The network plugin reads the clusters of the Kubernetes plugin. Add one under kubernetes.clusterLocatorMethods (type: config) in app-config.local.yaml, or start the portal with the demo cluster (bash scripts/start.sh), then reload this page."
      />
    );
  }
  const requested = searchParams.get('cluster');
  const selected = items.some(c => c.name === requested)
    ? requested!
    : items[0].name;
  return (
    <>
      <Box mb={2}>
        <ClusterSwitcher
          clusters={items}
          selected={selected}
          onChange={cluster => setSearchParams({ cluster }, { replace: true })}
        />
      </Box>
      <ClusterOverviewPanel key={selected} cluster={selected} />
    </>
  );
};
