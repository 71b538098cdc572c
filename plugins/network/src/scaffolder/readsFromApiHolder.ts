import {
  ApiHolder,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { createFieldReads, FieldReads } from './fieldReads';

/** {@link FieldReads} for a validation function, which gets the app's APIs as an ApiHolder. */
export function readsFromApiHolder(
  apiHolder: ApiHolder,
): FieldReads | undefined {
  const discoveryApi = apiHolder.get(discoveryApiRef);
  const fetchApi = apiHolder.get(fetchApiRef);
  return discoveryApi && fetchApi
    ? createFieldReads({ discoveryApi, fetchApi })
    : undefined;
}
