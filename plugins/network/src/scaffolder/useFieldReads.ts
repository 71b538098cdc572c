import { useMemo } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { createFieldReads, FieldReads } from './fieldReads';

/** {@link FieldReads} from the app's discovery and fetch APIs. */
export function useFieldReads(): FieldReads {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return useMemo(
    () => createFieldReads({ discoveryApi, fetchApi }),
    [discoveryApi, fetchApi],
  );
}
