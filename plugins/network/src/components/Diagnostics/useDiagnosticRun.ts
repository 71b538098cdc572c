import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { networkApiRef } from '../../api';
import {
  applyDiagnosticEvent,
  DiagnosticRunState,
  stateFromDetail,
} from './diagnosticRunState';

/**
 * A diagnostics run, live: reads its detail, then (while it runs) follows its event stream
 * and folds each event in, so results appear as they finish. `streamError` is set while the
 * stream is reconnecting; the results shown stay.
 */
export function useDiagnosticRun(
  runId: string,
  onFinished?: () => void,
): {
  state?: DiagnosticRunState;
  error?: Error;
  streamError?: Error;
} {
  const networkApi = useApi(networkApiRef);
  const [state, setState] = useState<DiagnosticRunState>();
  const [error, setError] = useState<Error>();
  const [streamError, setStreamError] = useState<Error>();

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let active = true;
    setState(undefined);
    setError(undefined);
    setStreamError(undefined);
    networkApi.getDiagnosticRun(runId).then(
      detail => {
        if (!active) return;
        setState(stateFromDetail(detail));
        if (detail.status !== 'running') return;
        // Read from the start: replayed events fold in idempotently, and none is missed
        // between reading the detail and connecting.
        unsubscribe = networkApi.watchDiagnosticRun(runId, {
          onEvent: event => {
            setStreamError(undefined);
            setState(current =>
              current ? applyDiagnosticEvent(current, event) : current,
            );
            if (event.type === 'run-finished') onFinished?.();
          },
          onError: (streamFailure, retrying) => {
            if (retrying) setStreamError(streamFailure);
            else setError(streamFailure);
          },
        });
      },
      failure => active && setError(failure),
    );
    return () => {
      active = false;
      unsubscribe?.();
    };
    // onFinished is a notification; a new function identity must not restart the stream.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [networkApi, runId]);

  return { state, error, streamError };
}
