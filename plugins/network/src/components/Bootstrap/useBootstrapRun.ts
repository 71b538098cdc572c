import { useEffect, useState } from 'react';
import { useApi } from '@backstage/frontend-plugin-api';
import { networkApiRef } from '../../api';
import { applyBootstrapEvent, BootstrapRunState } from './bootstrapRunState';

/**
 * A bootstrap run, live: reads it, then (while it runs) follows its event stream so each
 * step's state and log lines appear as they happen.
 */
export function useBootstrapRun(
  runId: string,
  onFinished?: () => void,
): { state?: BootstrapRunState; error?: Error; streamError?: Error } {
  const networkApi = useApi(networkApiRef);
  const [state, setState] = useState<BootstrapRunState>();
  const [error, setError] = useState<Error>();
  const [streamError, setStreamError] = useState<Error>();

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let active = true;
    setState(undefined);
    setError(undefined);
    networkApi.getBootstrapRun(runId).then(
      run => {
        if (!active) return;
        setState({ run, logs: {} });
        if (run.status !== 'running') return;
        unsubscribe = networkApi.watchBootstrapRun(runId, {
          onEvent: event => {
            setStreamError(undefined);
            setState(current =>
              current ? applyBootstrapEvent(current, event) : current,
            );
            if (event.type === 'run-finished') onFinished?.();
          },
          onError: (failure, retrying) =>
            retrying ? setStreamError(failure) : setError(failure),
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
