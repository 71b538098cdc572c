import { DependencyList, useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';

/** How long a field waits before reading again after a failed read. */
export const FIELD_READ_RETRY_MS = 3000;

/**
 * Reads for a form field and, when the read fails, reads again every few seconds: a field
 * that once failed (the backend restarting, a cluster cache still starting) recovers
 * without the user reloading the form and losing their answers.
 */
export function useFieldRead<T>(read: () => Promise<T>, deps: DependencyList) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const state = useAsyncRetry(read, deps);
  const { error, retry } = state;
  useEffect(() => {
    if (!error) return undefined;
    const timer = setTimeout(retry, FIELD_READ_RETRY_MS);
    return () => clearTimeout(timer);
  }, [error, retry]);
  return state;
}
