import { ConfigReader } from '@backstage/config';
import { silentLogger } from '../../../testing/silentLogger';
import { ClusterRegistry } from '../../ClusterRegistry/ClusterRegistry';
import { NetworkClusters } from '../../NetworkClusters/NetworkClusters';
import { DnsProbe } from '../../DnsProbe/DnsProbe';
import { DemoClusterProcess, startDemoClusterProcess } from '../../../testing/demoClusterProcess';
import { CheckContext, CheckReport, CheckRunScope, DiagnosticCheck, PodExec } from '../DiagnosticCheck';
import { createCheckContext } from '../createCheckContext';

/** A synced demo cluster and a way to run checks against it, for integration tests. */
export interface DemoClusterChecks {
  demo: DemoClusterProcess;
  clusters: NetworkClusters;
  /** The context a check gets for `scope` (cluster scope by default); `logs` collects `context.log` lines. */
  context(options?: { scope?: CheckRunScope; exec?: PodExec; talos?: CheckContext['talos']; logs?: string[] }): CheckContext;
  run(check: DiagnosticCheck, options?: Parameters<DemoClusterChecks['context']>[0]): Promise<CheckReport>;
  stop(): Promise<void>;
}

const noExec: PodExec = async () => {
  throw new Error('exec is not wired in this test; pass options.exec');
};

/** Starts a demo cluster, syncs a watch cache on it, and builds check contexts for it. */
export async function startDemoClusterChecks(
  options: { scale?: 'small' | 'large'; state?: 'seeded' | 'empty' } = {},
): Promise<DemoClusterChecks> {
  const demo = await startDemoClusterProcess({ scale: options.scale, state: options.state });
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'demo',
              url: demo.endpoints.kubernetesApiUrl,
              authProvider: 'serviceAccount',
              serviceAccountToken: demo.token,
              caData: demo.caData,
            },
          ],
        },
      ],
    },
    network: {
      clusters: {
        demo: {
          dns: { internal: demo.endpoints.dns, external: [] },
          talos: { talosconfigPath: `${demo.stateDir}/talosconfig` },
        },
      },
    },
  });
  const clusters = new NetworkClusters({ registry: ClusterRegistry.fromConfig(config), logger: silentLogger() });
  clusters.start();
  await clusters.whenSynced();
  const dns = new DnsProbe({ timeoutMs: 1000, cacheTtlMs: 0 });

  const context: DemoClusterChecks['context'] = (contextOptions = {}) =>
    createCheckContext({
      cluster: clusters.definition('demo')!,
      cache: clusters.cache('demo')!,
      scope: contextOptions.scope ?? { kind: 'cluster' },
      dns,
      exec: contextOptions.exec ?? noExec,
      talos: contextOptions.talos,
      settings: { certificateExpiryWarningDays: 14 },
      signal: new AbortController().signal,
      log: message => contextOptions.logs?.push(message),
    });

  return {
    demo,
    clusters,
    context,
    run: (check, runOptions) => check.run(context(runOptions)),
    stop: async () => {
      clusters.stop();
      await demo.stop();
    },
  };
}
