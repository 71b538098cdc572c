import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { DemoClusterProcess, startDemoClusterProcess } from '../../testing/demoClusterProcess';
import { ClusterDefinition } from '../ClusterRegistry/ClusterRegistry';
import { BootstrapService, createBootstrapService } from './createBootstrapService';
import { talosEtcdBootstrapTargets } from './talosEtcdBootstrapTargets';

jest.setTimeout(60_000);

describe('etcd bootstrap through the Talos client, on an empty demo cluster', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoClusterProcess;
  let service: BootstrapService;
  let definition: ClusterDefinition;
  let talos: ReturnType<typeof talosEtcdBootstrapTargets>;

  beforeAll(async () => {
    demo = await startDemoClusterProcess({ state: 'empty' });
    definition = {
      name: 'demo',
      url: demo.endpoints.kubernetesApiUrl,
      token: demo.token,
      caData: demo.caData,
      source: 'kubernetes-config',
      dns: { external: [] },
      talos: { talosconfigPath: `${demo.stateDir}/talosconfig` },
    };
    const db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-network-backend', 'migrations') });
    const clusters = { definition: (name: string) => (name === 'demo' ? definition : undefined) };
    talos = talosEtcdBootstrapTargets(clusters);
    service = createBootstrapService({
      db,
      clusters,
      baselines: () => ({ ipPools: [{ name: 'main-pool', blocks: [{ cidr: '127.0.2.0/27' }] }] }),
      talos,
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      timings: { heartbeatMs: 50, apiPollMs: 20 },
    });
  });

  afterAll(async () => {
    service?.close();
    talos?.close();
    await demo?.stop();
  });

  it('targets the talosconfig node, and is absent without Talos access', () => {
    const targets = talosEtcdBootstrapTargets({ definition: name => (name === 'demo' ? definition : { ...definition, talos: undefined }) });
    expect(targets('demo')?.node).toBe('127.0.1.50');
    expect(targets('other')).toBeUndefined();
    targets.close();
  });

  it('bootstraps etcd once; the next plan skips it as already bootstrapped', async () => {
    const first = await service.planner.plan('demo');
    expect(first.plan.steps[0]).toMatchObject({ intent: 'run', note: 'etcd has no members yet: it will be bootstrapped on 127.0.1.50' });
    const run = await service.runner.whenFinished((await service.runner.start('demo', first.plan.hash, 'user:default/ada')).id);
    expect(run.steps.map(step => `${step.kind}:${step.status}:${step.message}`)).toEqual([
      'talos-etcd-bootstrap:succeeded:etcd bootstrapped on 127.0.1.50',
      expect.stringMatching(/^wait-kubernetes-api:succeeded:/),
      'apply-baseline:succeeded:created 1, updated 0, unchanged 0',
      'verify-diagnostics:skipped:no diagnostics runner is wired to verify with',
    ]);

    const second = await service.planner.plan('demo');
    expect(second.plan.steps[0]).toMatchObject({
      intent: 'skip',
      note: 'already bootstrapped (etcd members: talos-cp-1, talos-cp-2, talos-cp-3)',
    });
  });
});
