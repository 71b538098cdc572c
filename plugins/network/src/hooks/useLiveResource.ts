import { useCallback, useEffect, useRef, useState } from 'react';

/** What {@link useLiveResource} returns. */
export interface LiveResource<T> {
  value?: T;
  error?: Error;
  /** True only for the first load (or after the key changed), never for a background refresh. */
  loading: boolean;
  /** True while a background refresh runs. */
  refreshing: boolean;
  /** Loads again; keeps showing the current value meanwhile. */
  refresh: () => void;
}

/**
 * Loads a value for `key` and refreshes it in the background on demand. A refresh keeps the
 * previous value on screen (no spinner, no remount), so open panels stay open; a failed
 * refresh keeps the value and reports the error beside it.
 */
export function useLiveResource<T>(
  key: string | undefined,
  load: (key: string) => Promise<T>,
): LiveResource<T> {
  const [state, setState] = useState<{
    key?: string;
    value?: T;
    error?: Error;
  }>({});
  const [refreshing, setRefreshing] = useState(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  // Answers can arrive out of order; only the latest request may write.
  const generation = useRef(0);

  const run = useCallback((forKey: string) => {
    const current = ++generation.current;
    setRefreshing(true);
    loadRef.current(forKey).then(
      value => {
        if (current !== generation.current) return;
        setState({ key: forKey, value });
        setRefreshing(false);
      },
      error => {
        if (current !== generation.current) return;
        setState(previous => ({
          key: forKey,
          value: previous.key === forKey ? previous.value : undefined,
          error,
        }));
        setRefreshing(false);
      },
    );
  }, []);

  useEffect(() => {
    if (key !== undefined) run(key);
  }, [key, run]);

  const refresh = useCallback(() => {
    if (key !== undefined) run(key);
  }, [key, run]);

  const current = state.key === key;
  return {
    value: current ? state.value : undefined,
    error: current ? state.error : undefined,
    loading: key !== undefined && !current,
    refreshing,
    refresh,
  };
}
