import { useApi } from '@backstage/frontend-plugin-api';
import { networkApiRef } from '../../api';
import { useLiveRun } from '../../hooks/useLiveRun';
import { applyBootstrapEvent, BootstrapRunState } from './bootstrapRunState';

/** A bootstrap run, live: each step's state and log lines as they happen. */
export function useBootstrapRun(
  runId: string,
  onFinished?: () => void,
): { state?: BootstrapRunState; error?: Error; streamError?: Error } {
  const networkApi = useApi(networkApiRef);
  return useLiveRun({
    runId,
    load: () => networkApi.getBootstrapRun(runId),
    toState: run => ({ run, logs: {} }),
    isRunning: run => run.status === 'running',
    watch: handlers => networkApi.watchBootstrapRun(runId, handlers),
    apply: applyBootstrapEvent,
    onFinished,
  });
}
