import { useCallback, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button } from '@material-ui/core';
import { useSearchParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { networkApiRef } from '../../api';
import { NetworkErrorPanel } from '../NetworkErrorPanel';
import { DiagnosticRunView } from './DiagnosticRunView';
import { RunDiffView } from './RunDiffView';
import { RunHistory } from './RunHistory';
import { RunLauncher } from './RunLauncher';

/**
 * Diagnostics for one cluster: start a run, watch the open run live, browse and compare the
 * history. The open run is kept in `?run=`, so a link (e.g. from a bootstrap) opens it.
 */
export const DiagnosticsPanel = ({ cluster }: { cluster: string }) => {
  const networkApi = useApi(networkApiRef);
  const checks = useAsyncRetry(
    () => networkApi.getDiagnosticChecks(),
    [networkApi],
  );
  const history = useAsyncRetry(
    () => networkApi.listDiagnosticRuns(cluster, { limit: 50 }),
    [networkApi, cluster],
  );
  const [searchParams, setSearchParams] = useSearchParams();
  const openRunId = searchParams.get('run') ?? undefined;
  const [compared, setCompared] = useState<string[]>([]);
  const [diff, setDiff] = useState<[string, string]>();

  const openRun = (runId: string) => {
    const next = new URLSearchParams(searchParams);
    next.set('run', runId);
    setSearchParams(next, { replace: true });
  };
  const refreshHistory = history.retry;
  const onFinished = useCallback(() => refreshHistory(), [refreshHistory]);

  if (checks.loading && !checks.value) return <Progress />;
  if (checks.error) {
    return <NetworkErrorPanel error={checks.error} onRetry={checks.retry} />;
  }
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      <InfoCard
        title="Run diagnostics"
        subheader={`${checks.value?.length ?? 0} checks on cluster ${cluster}`}
      >
        <RunLauncher
          cluster={cluster}
          checks={checks.value ?? []}
          onStarted={run => {
            openRun(run.id);
            history.retry();
          }}
        />
      </InfoCard>
      {openRunId && (
        <InfoCard title="Run">
          <DiagnosticRunView
            key={openRunId}
            runId={openRunId}
            onFinished={onFinished}
          />
        </InfoCard>
      )}
      {diff && (
        <InfoCard
          title="Comparison"
          action={
            <Button onClick={() => setDiff(undefined)}>Close comparison</Button>
          }
        >
          <RunDiffView runIds={diff} />
        </InfoCard>
      )}
      <InfoCard title="History">
        {history.loading && !history.value && <Progress />}
        {history.error && (
          <NetworkErrorPanel error={history.error} onRetry={history.retry} />
        )}
        {history.value && (
          <RunHistory
            runs={history.value}
            openRunId={openRunId}
            onOpen={openRun}
            compared={compared}
            onToggleCompared={runId =>
              setCompared(current =>
                current.includes(runId)
                  ? current.filter(id => id !== runId)
                  : [...current, runId],
              )
            }
            onCompare={() =>
              compared.length === 2 && setDiff([compared[0], compared[1]])
            }
          />
        )}
      </InfoCard>
    </Box>
  );
};
