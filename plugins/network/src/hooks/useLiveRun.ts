import { useEffect, useRef, useState } from 'react';

/** How {@link useLiveRun} reads a run and follows it. */
export interface LiveRunSource<TRun, TState, TEvent extends { type: string }> {
  /** Which run; a new id starts over. */
  runId: string;
  load: () => Promise<TRun>;
  toState: (run: TRun) => TState;
  isRunning: (run: TRun) => boolean;
  /** Subscribes to the run's events; returns the unsubscribe function. */
  watch: (handlers: {
    onEvent: (event: TEvent) => void;
    onError: (error: Error, retrying: boolean) => void;
  }) => () => void;
  /** Folds an event in; must tolerate replays (the stream is read from its start). */
  apply: (state: TState, event: TEvent) => TState;
  onFinished?: () => void;
}

/**
 * A run, live: reads it, then while it runs follows its event stream from the start and
 * folds each event in, so nothing between the read and the connection is missed.
 * `streamError` is set while reconnecting (what is shown stays); `error` when the run
 * cannot be read or followed at all (e.g. 404).
 */
export function useLiveRun<TRun, TState, TEvent extends { type: string }>(
  source: LiveRunSource<TRun, TState, TEvent>,
): { state?: TState; error?: Error; streamError?: Error } {
  const [state, setState] = useState<TState>();
  const [error, setError] = useState<Error>();
  const [streamError, setStreamError] = useState<Error>();
  // The stream outlives renders; call the latest onFinished, whose callbacks are current.
  const latest = useRef(source);
  latest.current = source;

  useEffect(() => {
    let unsubscribe: (() => void) | undefined;
    let active = true;
    setState(undefined);
    setError(undefined);
    setStreamError(undefined);
    source.load().then(
      run => {
        if (!active) return;
        setState(source.toState(run));
        if (!source.isRunning(run)) return;
        unsubscribe = source.watch({
          onEvent: event => {
            setStreamError(undefined);
            setState(current =>
              current === undefined ? current : source.apply(current, event),
            );
            if (event.type === 'run-finished') latest.current.onFinished?.();
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
    // Only the run id restarts the stream; the functions are new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source.runId]);

  return { state, error, streamError };
}
