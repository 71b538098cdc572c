import type { ReactNode } from 'react';
import { EmptyState, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { ClusterSummary } from '@internal/plugin-network-common';
import { networkApiRef } from '../../api';
import { NetworkErrorPanel } from '../NetworkErrorPanel';
import { ClusterSwitcher } from './ClusterSwitcher';

/**
 * Loads the configured clusters, shows the cluster switcher and renders its child for the
 * chosen one. The choice is kept in `?cluster=`, so the Network page's tabs (overview,
 * diagnostics, bootstrap), a link and a reload all show the same cluster.
 */
export const ClusterScope = (props: {
  /** Renders the chosen cluster's view; `summary` says how well the backend knows it. */
  children: (cluster: string, summary: ClusterSummary) => ReactNode;
}) => {
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
          onChange={cluster => {
            const next = new URLSearchParams(searchParams);
            next.set('cluster', cluster);
            setSearchParams(next, { replace: true });
          }}
        />
      </Box>
      {props.children(selected, items.find(c => c.name === selected)!)}
    </>
  );
};
