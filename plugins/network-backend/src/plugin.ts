import { coreServices, createBackendPlugin, resolvePackagePath } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { networkPermissions } from '@internal/plugin-network-common';
import { createRouter } from './router';
import { registerDiagnosticsActions } from './actions/diagnosticsActions';
import { ClusterRegistry } from './services/ClusterRegistry/ClusterRegistry';
import { ClusterChangeNotifier } from './services/ClusterChangeNotifier/ClusterChangeNotifier';
import { NetworkClusters } from './services/NetworkClusters/NetworkClusters';
import { DnsProbe } from './services/DnsProbe/DnsProbe';
import { ClusterOverviewBuilder } from './services/ClusterOverviewBuilder/ClusterOverviewBuilder';
import { RequestPathResolver } from './services/RequestPathResolver/RequestPathResolver';
import { RunEventLog } from './services/RunEvents/RunEventLog';
import { CheckRegistry } from './services/Diagnostics/CheckRegistry';
import { DiagnosticsRunner } from './services/Diagnostics/DiagnosticsRunner';
import { DiagnosticsStore } from './services/Diagnostics/DiagnosticsStore';
import { EntityScopeResolver } from './services/Diagnostics/EntityScopeResolver';
import { OutcomeChangeNotifier } from './services/Diagnostics/OutcomeChangeNotifier';
import { scheduleDiagnostics } from './services/Diagnostics/DiagnosticsSchedule';
import { readDiagnosticsConfig } from './services/Diagnostics/diagnosticsSettings';
import { allChecks } from './services/Diagnostics/checks';
import { createPodExec } from './services/PodExec';
import { createTalosClient } from './services/TalosClient';
import { baselinesFromConfig, createBootstrapService, talosEtcdBootstrapTargets } from './services/Bootstrap';

/**
 * The network backend plugin: watches the configured clusters and serves the request paths,
 * overview, pools and gateways under /api/network; runs the diagnostic checklist.
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
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        auditor: coreServices.auditor,
        actionsRegistry: actionsRegistryServiceRef,
        catalog: catalogServiceRef,
        signals: signalsServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, httpRouter, httpAuth, permissions, permissionsRegistry, lifecycle, catalog, signals } = deps;
        permissionsRegistry.addPermissions(networkPermissions);
        const diagnosticsConfig = readDiagnosticsConfig(config);

        const db = await deps.database.getClient();
        if (!deps.database.migrations?.skip) {
          await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-network-backend', 'migrations') });
        }

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
        const requestPaths = new RequestPathResolver({ clusters, dns });

        const registry = new CheckRegistry(allChecks);
        const store = new DiagnosticsStore(db);
        const events = new RunEventLog(db);
        const outcomeChanges = new OutcomeChangeNotifier({
          store,
          notifications: deps.notifications,
          recipients: diagnosticsConfig.notify,
          logger,
        });
        const runner = new DiagnosticsRunner({
          registry,
          store,
          events,
          clusters,
          dns,
          entityScopes: new EntityScopeResolver({ catalog, requestPaths }),
          createExec: definition => createPodExec(definition),
          createTalos: definition => createTalosClient(definition),
          logger: logger.child({ component: 'diagnostics' }),
          settings: diagnosticsConfig.runner,
          onFinished: async run => {
            await outcomeChanges.runFinished(run);
          },
        });
        registerDiagnosticsActions({ actionsRegistry: deps.actionsRegistry, permissions, registry, runner });

        const talosTargets = talosEtcdBootstrapTargets(clusters);
        const bootstrap = createBootstrapService({
          db,
          clusters,
          baselines: baselinesFromConfig(config),
          talos: talosTargets,
          // The bootstrap's last step: a full diagnostics run, recorded with the bootstrap as its trigger.
          verifier: {
            runAndWait: async (cluster, actor) => {
              const run = await runner.runAndWait({ cluster, selection: { kind: 'all' }, trigger: 'bootstrap', actor });
              return { runId: run.id, totals: run.totals };
            },
          },
          auditor: deps.auditor,
          logger: logger.child({ component: 'bootstrap' }),
          events,
          timings: { verifySettleMs: (config.getOptionalNumber('network.bootstrap.verifySettleSeconds') ?? 120) * 1000 },
        });

        // Watches open once every plugin has initialised, and close before the backend stops.
        lifecycle.addStartupHook(async () => {
          clusters.start();
          // Runs left "running" by a process that died are closed before new ones start.
          await store.markInterrupted(new Date(Date.now() - diagnosticsConfig.schedule.staleAfterMs));
          await bootstrap.runner.recoverInterrupted(diagnosticsConfig.schedule.staleAfterMs);
          await scheduleDiagnostics({
            scheduler: deps.scheduler,
            runner,
            store,
            events,
            clusters: clusters.definitions().map(definition => definition.name),
            settings: diagnosticsConfig.schedule,
            logger,
            // A bootstrap whose process died frees its cluster's lock within one housekeeping interval.
            extraHousekeeping: [
              async () => {
                await bootstrap.runner.recoverInterrupted(diagnosticsConfig.schedule.staleAfterMs);
              },
            ],
          });
        });
        lifecycle.addShutdownHook(() => {
          runner.stop();
          bootstrap.close();
          talosTargets.close();
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
            requestPaths,
            diagnostics: { registry, runner, store, events },
            bootstrap,
          }),
        );
      },
    });
  },
});
