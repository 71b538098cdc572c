import { useApi } from '@backstage/frontend-plugin-api';
import { networkApiRef } from '../../api';
import { useLiveRun } from '../../hooks/useLiveRun';
import {
  applyDiagnosticEvent,
  DiagnosticRunState,
  stateFromDetail,
} from './diagnosticRunState';

/** A diagnostics run, live: results appear as their checks finish. */
export function useDiagnosticRun(
  runId: string,
  onFinished?: () => void,
): { state?: DiagnosticRunState; error?: Error; streamError?: Error } {
  const networkApi = useApi(networkApiRef);
  return useLiveRun({
    runId,
    load: () => networkApi.getDiagnosticRun(runId),
    toState: stateFromDetail,
    isRunning: detail => detail.status === 'running',
    watch: handlers => networkApi.watchDiagnosticRun(runId, handlers),
    apply: applyDiagnosticEvent,
    onFinished,
  });
}
