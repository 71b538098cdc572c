import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { networkApiRef, NetworkClient } from '../api';

/** The Network page's route in the legacy frontend system. */
export const legacyRootRouteRef = createRouteRef({ id: 'network' });

/** The network plugin for apps on the legacy frontend system (`@backstage/core-plugin-api`). */
export const legacyNetworkPlugin = createPlugin({
  id: 'network',
  apis: [
    createApiFactory({
      api: networkApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new NetworkClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: legacyRootRouteRef },
});

/** The Network page for a legacy app: `<Route path="/network" element={<NetworkPage />} />`. */
export const NetworkPage = legacyNetworkPlugin.provide(
  createRoutableExtension({
    name: 'NetworkPage',
    component: () =>
      import('../components/NetworkPage').then(m => m.NetworkPage),
    mountPoint: legacyRootRouteRef,
  }),
);

/** The entity Network tab for a legacy app's entity page (inside an `EntityLayout.Route`). */
export const EntityNetworkContent = legacyNetworkPlugin.provide(
  createComponentExtension({
    name: 'EntityNetworkContent',
    component: {
      lazy: () =>
        import('../components/EntityNetworkContent').then(
          m => m.EntityNetworkContent,
        ),
    },
  }),
);
