import { useEffect, useState } from 'react';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Button } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { networkApiRef } from '../../api';
import { backendMessage, NetworkErrorPanel } from '../NetworkErrorPanel';
import { BootstrapHistory } from './BootstrapHistory';
import { BootstrapPlanView } from './BootstrapPlanView';
import { BootstrapRunView } from './BootstrapRunView';
import { ConfirmBootstrapDialog } from './ConfirmBootstrapDialog';
import { BootstrapConflict, conflictReason } from './conflictReason';

const BOOTSTRAP_PERMISSION = {
  name: 'network.bootstrap.run',
  purpose: 'plan or run a bootstrap',
};

const CONFLICT_TEXT: Record<
  BootstrapConflict,
  { title: string; advice: string }
> = {
  'already-running': {
    title: 'A bootstrap is already running',
    advice:
      'Only one bootstrap runs per cluster at a time. Its progress is shown below; when it has finished, review a fresh plan.',
  },
  'plan-changed': {
    title: 'The plan changed: review it again',
    advice:
      'The cluster no longer matches the plan you confirmed (someone applied changes meanwhile). The plan below has been computed again; read it and confirm the new one.',
  },
};

/**
 * Bootstrap of one cluster: the plan (dry run), a confirm dialog showing the plan hash, the
 * live progress of the run, and the audit history.
 */
export const BootstrapPanel = ({ cluster }: { cluster: string }) => {
  const networkApi = useApi(networkApiRef);
  const plan = useAsyncRetry(
    () => networkApi.getBootstrapPlan(cluster),
    [networkApi, cluster],
  );
  const history = useAsyncRetry(
    () => networkApi.listBootstrapRuns(cluster),
    [networkApi, cluster],
  );
  const [openRunId, setOpenRunId] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [starting, setStarting] = useState(false);
  const [conflict, setConflict] = useState<BootstrapConflict>();
  const [startError, setStartError] = useState<Error>();

  const runningRun = history.value?.find(run => run.status === 'running');
  // A run already going (e.g. started in another tab) is shown live on arrival.
  useEffect(() => {
    if (!openRunId && runningRun) setOpenRunId(runningRun.id);
  }, [openRunId, runningRun]);

  const start = async () => {
    if (!plan.value) return;
    setStarting(true);
    setConflict(undefined);
    setStartError(undefined);
    try {
      const run = await networkApi.startBootstrapRun(cluster, plan.value.hash);
      setOpenRunId(run.id);
      history.retry();
    } catch (failure) {
      const error = failure as Error;
      if ((error as { statusCode?: number }).statusCode === 409) {
        const runs = await networkApi
          .listBootstrapRuns(cluster)
          .catch(() => []);
        const running = runs.find(run => run.status === 'running');
        const reason = conflictReason(backendMessage(error), Boolean(running));
        setConflict(reason);
        if (reason === 'already-running' && running) setOpenRunId(running.id);
        if (reason === 'plan-changed') plan.retry();
        history.retry();
      } else {
        setStartError(error);
      }
    } finally {
      setStarting(false);
      setConfirming(false);
    }
  };

  return (
    <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
      {conflict && (
        <Alert severity="warning" onClose={() => setConflict(undefined)}>
          <AlertTitle>{CONFLICT_TEXT[conflict].title}</AlertTitle>
          {CONFLICT_TEXT[conflict].advice}
        </Alert>
      )}
      {startError && (
        <NetworkErrorPanel
          error={startError}
          permission={BOOTSTRAP_PERMISSION}
        />
      )}
      <InfoCard
        title="Plan"
        subheader={`What a bootstrap of cluster ${cluster} would do now`}
        action={
          plan.value && (
            <Button
              variant="contained"
              color="primary"
              disabled={Boolean(runningRun) || starting}
              onClick={() => setConfirming(true)}
            >
              Review and run…
            </Button>
          )
        }
      >
        {plan.loading && <Progress />}
        {plan.error && !plan.loading && (
          <NetworkErrorPanel
            error={plan.error}
            onRetry={plan.retry}
            permission={BOOTSTRAP_PERMISSION}
          />
        )}
        {plan.value && !plan.loading && <BootstrapPlanView plan={plan.value} />}
      </InfoCard>
      {plan.value && (
        <ConfirmBootstrapDialog
          plan={plan.value}
          open={confirming}
          starting={starting}
          onCancel={() => setConfirming(false)}
          onConfirm={start}
        />
      )}
      {openRunId && (
        <InfoCard title="Run">
          <BootstrapRunView
            key={openRunId}
            runId={openRunId}
            onFinished={() => {
              history.retry();
              plan.retry();
            }}
          />
        </InfoCard>
      )}
      <InfoCard title="Audit history">
        {history.loading && !history.value && <Progress />}
        {history.error && (
          <NetworkErrorPanel error={history.error} onRetry={history.retry} />
        )}
        {history.value && (
          <BootstrapHistory
            runs={history.value}
            openRunId={openRunId}
            onOpen={setOpenRunId}
          />
        )}
      </InfoCard>
    </Box>
  );
};
