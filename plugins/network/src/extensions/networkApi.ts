import {
  ApiBlueprint,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { networkApiRef, NetworkClient } from '../api';

/** Provides {@link NetworkApi} backed by the network backend (`api:network`). */
export const networkApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: networkApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NetworkClient({ discoveryApi, fetchApi }),
    }),
});
