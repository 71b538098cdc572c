import { useCallback, useMemo, useState } from 'react';
import { EmptyState, InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { Box, Typography } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import type { Hop } from '@internal/plugin-network-common';
import { networkApiRef } from '../../api';
import { useClusterChanged } from '../../hooks/useClusterChanged';
import { useLiveResource } from '../../hooks/useLiveResource';
import { NetworkErrorPanel, explainNetworkError } from '../NetworkErrorPanel';
import { StateLabel } from '../StateLabel';
import { EntityDiagnose } from './EntityDiagnose';
import { FailingHopAlert } from './FailingHopAlert';
import { HopDetailsDrawer } from './HopDetailsDrawer';
import { RequestPathGraph } from './RequestPathGraph';

/** Sources that are configuration choices; their absence is noted, not warned about. */
const OPTIONAL_SOURCES = ['dns-internal', 'dns-external'];

/**
 * The entity's Network tab: the request path of its workload as one graph per hostname,
 * the failing hop's reason and fix on top, a hop's evidence in a drawer on click or Enter.
 * Refreshes in place when the backend signals a change in the path's cluster.
 */
export const EntityNetworkContent = () => {
  const { entity } = useEntity();
  const networkApi = useApi(networkApiRef);
  const entityRef = stringifyEntityRef(entity);
  const load = useCallback(
    () => networkApi.getRequestPath(getCompoundEntityRef(entity)),
    // The ref names the entity; the entity object changes identity on every catalog refresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [networkApi, entityRef],
  );
  const {
    value: path,
    error,
    loading,
    refresh,
  } = useLiveResource(entityRef, load);
  useClusterChanged(path?.cluster, refresh);
  const [selected, setSelected] = useState<Hop>();

  // After a refresh, show the fresh version of the hop whose details are open.
  const selectedHop = useMemo(() => {
    if (!selected || !path) return selected;
    const all = [...path.paths.flatMap(p => p.hops), ...path.beside];
    return all.find(hop => hop.id === selected.id) ?? selected;
  }, [selected, path]);

  if (loading) return <Progress />;
  if (!path)
    return error ? <NetworkErrorPanel error={error} onRetry={refresh} /> : null;

  const absent = path.missing.filter(kind => !OPTIONAL_SOURCES.includes(kind));
  return (
    <Box>
      {error && (
        <Box mb={2}>
          <Alert severity="warning">
            Refreshing failed ({explainNetworkError(error).title}); showing the
            path from {path.generatedAt}.
          </Alert>
        </Box>
      )}
      {path.stale && (
        <Box mb={2}>
          <Alert severity="warning">
            <AlertTitle>Data may be stale</AlertTitle>
            The backend's view of cluster {path.cluster} is not in sync right
            now; states may be out of date. It reconnects on its own.
          </Alert>
        </Box>
      )}
      <Box mb={2}>
        <FailingHopAlert path={path} onShowDetails={setSelected} />
      </Box>
      {absent.length > 0 && (
        <Box mb={2}>
          <Alert severity="info">
            Not checked, because this cluster does not have them:{' '}
            {absent.join(', ')}.
          </Alert>
        </Box>
      )}
      {path.paths.length === 0 ? (
        <Box mb={2}>
          <EmptyState
            missing="data"
            title="No request path"
            description={`No HTTPRoute or Ingress in cluster ${
              path.cluster
            } routes to ${
              path.workload
                ? `${path.workload.kind} ${path.workload.name}`
                : "this entity's workload"
            } in namespace ${
              path.namespace
            }. Add a route whose backendRefs name the workload's Service to expose it; the path appears here once the gateway accepts it.`}
          />
        </Box>
      ) : (
        path.paths.map(chain => (
          <Box mb={2} key={chain.hostname}>
            <InfoCard
              title={chain.hostname}
              subheader={`Cluster ${path.cluster} · namespace ${
                path.namespace
              }${
                path.workload
                  ? ` · ${path.workload.kind} ${path.workload.name}`
                  : ''
              }`}
            >
              <RequestPathGraph
                path={chain}
                beside={path.beside}
                selectedHopId={selectedHop?.id}
                onSelect={setSelected}
              />
            </InfoCard>
          </Box>
        ))
      )}
      <Box mb={2}>
        <Box
          display="flex"
          alignItems="center"
          flexWrap="wrap"
          style={{ gap: 16 }}
        >
          <Typography variant="caption">Overall:</Typography>
          <StateLabel state={path.state} />
          <Typography variant="caption" color="textSecondary">
            Generated {path.generatedAt}. Click a hop, or focus it and press
            Enter, for its evidence.
          </Typography>
        </Box>
      </Box>
      <Box mb={2}>
        <EntityDiagnose cluster={path.cluster} entityRef={entityRef} />
      </Box>
      <HopDetailsDrawer
        hop={selectedHop}
        onClose={() => setSelected(undefined)}
      />
    </Box>
  );
};
