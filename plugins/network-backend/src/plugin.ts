import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { networkPermissions } from '@internal/plugin-network-common';
import { createRouter } from './router';
import { ClusterRegistry } from './services/ClusterRegistry/ClusterRegistry';
import { ClusterChangeNotifier } from './services/ClusterChangeNotifier/ClusterChangeNotifier';
import { NetworkClusters } from './services/NetworkClusters/NetworkClusters';
import { DnsProbe } from './services/DnsProbe/DnsProbe';
import { ClusterOverviewBuilder } from './services/ClusterOverviewBuilder/ClusterOverviewBuilder';
import { RequestPathResolver } from './services/RequestPathResolver/RequestPathResolver';

/**
 * The network backend plugin: watches the configured clusters and serves the request paths,
 * overview, pools and gateways under /api/network.
 */
export const networkPlugin = createBackendPlugin({
  pluginId: 'network',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
      },
      async init({ config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, lifecycle, catalog, signals }) {
        permissionsRegistry.addPermissions(networkPermissions);

        const notifier = new ClusterChangeNotifier({ signals, logger });
        const clusters = new NetworkClusters({
          registry: ClusterRegistry.fromConfig(config, logger),
          logger,
          onChange: (cluster, kind) => notifier.changed(cluster, kind),
        });
        const dns = new DnsProbe({
          timeoutMs: config.getOptionalNumber('network.dns.timeoutMs'),
          cacheTtlMs: config.getOptionalNumber('network.dns.cacheTtlMs'),
        });

        // Watches open once every plugin has initialised, and close before the backend stops.
        lifecycle.addStartupHook(() => clusters.start());
        lifecycle.addShutdownHook(() => {
          notifier.stop();
          clusters.stop();
        });

        httpRouter.use(
          await createRouter({
            httpAuth,
            permissions,
            catalog,
            clusters,
            overviews: new ClusterOverviewBuilder({ clusters, dns }),
            requestPaths: new RequestPathResolver({ clusters, dns }),
          }),
        );
      },
    });
  },
});
