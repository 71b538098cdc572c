import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { BootstrapRunEvent, OutcomeTotals } from '@internal/plugin-network-common';
import { DemoClusterProcess, startDemoClusterProcess } from '../../testing/demoClusterProcess';
import { KubernetesClient } from '../KubernetesClient/KubernetesClient';
import { BootstrapStore } from './BootstrapStore';
import { createBootstrapService, BootstrapService } from './createBootstrapService';
import { DiagnosticsVerifier } from './DiagnosticsVerifier';
import { bootstrapTestBaseline } from './testing/bootstrapTestBaseline';
import { FakeEtcd } from './testing/FakeEtcd';

jest.setTimeout(60_000);

const ACTOR = 'user:default/ada';
const PASSING: OutcomeTotals = { pass: 30, warn: 2, fail: 0, error: 0, skipped: 1 };

describe('bootstrap of an empty demo cluster', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoClusterProcess;
  let client: KubernetesClient;
  let db: Knex;
  let etcd: FakeEtcd;
  let baseline: unknown;
  let verifier: DiagnosticsVerifier;
  let auditor: ReturnType<typeof mockServices.auditor.mock>;
  let auditEvents: { success: jest.Mock; fail: jest.Mock };
  let service: BootstrapService;

  beforeAll(async () => {
    demo = await startDemoClusterProcess({ state: 'empty' });
    client = new KubernetesClient({ name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData });
    db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-network-backend', 'migrations') });
    // Two FailedPrecondition answers before the bootstrap goes through: the runner retries.
    etcd = new FakeEtcd(2);
    baseline = bootstrapTestBaseline();
    verifier = { runAndWait: jest.fn(async () => ({ runId: 'diagnostics-1', totals: PASSING })) };
    auditEvents = { success: jest.fn(async () => undefined), fail: jest.fn(async () => undefined) };
    auditor = mockServices.auditor.mock({ createEvent: jest.fn(async () => auditEvents) });
    service = createBootstrapService({
      db,
      clusters: { definition: name => (name === 'demo' ? { name, url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData } : undefined) },
      baselines: () => baseline,
      talos: cluster => (cluster === 'demo' ? { client: etcd, node: '127.0.1.50' } : undefined),
      verifier: { runAndWait: (cluster, actor) => verifier.runAndWait(cluster, actor) },
      auditor,
      logger: mockServices.logger.mock(),
      timings: { heartbeatMs: 50, apiPollMs: 20, apiTimeoutMs: 2_000, etcdRetryDelayMs: 10, verifySettleMs: 200, verifyRetryMs: 50 },
    });
  });

  afterAll(async () => {
    service?.close();
    client?.close();
    await demo?.stop();
  });

  async function events(runId: string): Promise<BootstrapRunEvent[]> {
    return service.events.after<BootstrapRunEvent>(runId, 0);
  }

  it('refuses a bad baseline, naming the field, before anything is applied', async () => {
    baseline = { ...bootstrapTestBaseline(), ipPools: [{ name: 'main-pool', blocks: [{ cidr: '127.0.2.0/33' }] }] };
    const expected = "network.clusters.demo.baseline.ipPools[0].blocks[0].cidr: '127.0.2.0/33' is not a valid CIDR";
    await expect(service.planner.plan('demo')).rejects.toThrow(InputError);
    await expect(service.planner.plan('demo')).rejects.toThrow(expected);
    await expect(service.runner.start('demo', 'a'.repeat(64), ACTOR)).rejects.toThrow(expected);
    expect(await service.store.listRuns('demo')).toEqual([]);
    expect(await client.get({ apiVersion: 'v1', kind: 'Namespace', name: 'network' })).toBeUndefined();
    expect(await client.get({ apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool', name: 'main-pool' })).toBeUndefined();
    expect(etcd.bootstrapCalls).toBe(0);
    baseline = bootstrapTestBaseline();
  });

  it('plans everything as a create first, and the run bootstraps etcd and applies it all', async () => {
    const { plan } = await service.planner.plan('demo');
    expect(plan.steps.map(step => `${step.kind}:${step.intent}`)).toEqual([
      'talos-etcd-bootstrap:run',
      'wait-kubernetes-api:run',
      'apply-baseline:run',
      'verify-diagnostics:run',
    ]);
    const objects = plan.steps[2].objects!;
    expect(objects.map(object => `${object.change} ${object.ref.kind} ${object.ref.namespace ?? ''}/${object.ref.name}`)).toEqual([
      'create Namespace /network',
      'create Namespace /media',
      'create Namespace /home',
      'create CiliumLoadBalancerIPPool /main-pool',
      'create CiliumLoadBalancerIPPool /home-iot-pool',
      'create CiliumL2AnnouncementPolicy /l2-policy',
      'create GatewayClass /cilium',
      'create Gateway network/envoy-internal',
      'create ClusterIssuer /letsencrypt-production',
      'create NetworkPolicy media/default-deny',
      'create NetworkPolicy media/allow-dns-egress',
      'create CiliumNetworkPolicy home/default-deny',
      'create CiliumNetworkPolicy home/allow-dns-egress',
    ]);
    expect(plan.totals).toEqual({ create: 13, update: 0, unchanged: 0 });
    expect(objects[3].fieldChanges).toContainEqual({ path: 'spec.blocks[0].cidr', after: '127.0.2.0/27' });
    expect(objects[7].fieldChanges).toContainEqual({ path: 'spec.infrastructure.annotations.lbipam.cilium.io/ips', after: '127.0.2.11' });
    // The same cluster state gives the same hash (no timestamps in it).
    expect((await service.planner.plan('demo')).plan.hash).toBe(plan.hash);

    const started = await service.runner.start('demo', plan.hash, ACTOR);
    expect(started).toMatchObject({ cluster: 'demo', status: 'running', actor: ACTOR, planHash: plan.hash });
    const run = await service.runner.whenFinished(started.id);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map(step => `${step.kind}:${step.status}:${step.message}`)).toEqual([
      'talos-etcd-bootstrap:succeeded:etcd bootstrapped on 127.0.1.50',
      expect.stringMatching(/^wait-kubernetes-api:succeeded:Kubernetes v\S+ answered after \d+ ms$/),
      'apply-baseline:succeeded:created 13, updated 0, unchanged 0',
      'verify-diagnostics:succeeded:diagnostics run diagnostics-1: 2 warn, 30 pass, 1 skipped',
    ]);
    expect(run.diagnosticsRunId).toBe('diagnostics-1');
    expect(etcd.bootstrapCalls).toBe(3);

    const gateway = await client.get({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: 'network', name: 'envoy-internal' });
    expect(gateway.spec.infrastructure.annotations['lbipam.cilium.io/ips']).toBe('127.0.2.11');
    expect(gateway.metadata.managedFields.map((entry: any) => entry.manager)).toContain('pathway-network');

    const stream = await events(run.id);
    expect(stream.map(event => event.seq)).toEqual(stream.map((_, index) => index + 1));
    expect(stream.filter(event => event.type === 'step-log').map(event => (event as { message: string }).message)).toEqual(
      expect.arrayContaining([expect.stringContaining('not ready for the bootstrap'), 'created Gateway network/envoy-internal']),
    );
    expect(stream[stream.length - 1]).toMatchObject({ type: 'run-finished', run: { id: run.id, status: 'succeeded' } });

    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({ eventId: 'bootstrap-run', meta: expect.objectContaining({ actionType: 'start', runId: run.id, actor: ACTOR }) }),
    );
    expect(auditEvents.success).toHaveBeenCalledWith({ meta: expect.objectContaining({ actionType: 'finish', runId: run.id, status: 'succeeded' }) });
  });

  it('plans everything as unchanged the second time, and the second run changes nothing', async () => {
    const ref = { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: 'network', name: 'envoy-internal' };
    const poolRef = { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool', name: 'main-pool' };
    const { plan } = await service.planner.plan('demo');
    expect(plan.steps.map(step => `${step.kind}:${step.intent}:${step.note ?? ''}`)).toEqual([
      'talos-etcd-bootstrap:skip:already bootstrapped (etcd members: talos-cp-1, talos-cp-2, talos-cp-3)',
      'wait-kubernetes-api:run:',
      'apply-baseline:skip:every object is already as the baseline says',
      'verify-diagnostics:run:',
    ]);
    expect(plan.totals).toEqual({ create: 0, update: 0, unchanged: 13 });
    expect(plan.steps[2].objects!.every(object => object.fieldChanges.length === 0)).toBe(true);

    const before = [(await client.get(ref)).metadata.resourceVersion, (await client.get(poolRef)).metadata.resourceVersion];
    const run = await service.runner.whenFinished((await service.runner.start('demo', plan.hash, ACTOR)).id);
    expect(run.status).toBe('succeeded');
    expect(run.steps.map(step => `${step.kind}:${step.status}`)).toEqual([
      'talos-etcd-bootstrap:skipped',
      'wait-kubernetes-api:succeeded',
      'apply-baseline:skipped',
      'verify-diagnostics:succeeded',
    ]);
    expect(run.steps[2].message).toBe('created 0, updated 0, unchanged 13: nothing to apply');
    expect([(await client.get(ref)).metadata.resourceVersion, (await client.get(poolRef)).metadata.resourceVersion]).toEqual(before);
    expect(etcd.bootstrapCalls).toBe(3);
  });

  it('shows a changed field as an update with its diff', async () => {
    baseline = bootstrapTestBaseline();
    (baseline as any).ipPools[1].blocks = [{ start: '127.0.4.1', stop: '127.0.4.2' }];
    const { plan } = await service.planner.plan('demo');
    const pool = plan.steps[2].objects!.find(object => object.ref.name === 'home-iot-pool')!;
    expect(pool.change).toBe('update');
    expect(pool.fieldChanges).toEqual([{ path: 'spec.blocks[0].stop', after: '127.0.4.2' }]);
    expect(plan.totals).toEqual({ create: 0, update: 1, unchanged: 12 });
    baseline = bootstrapTestBaseline();
  });

  it('refuses a stale plan hash with a ConflictError that says to re-plan', async () => {
    const { plan } = await service.planner.plan('demo');
    baseline = bootstrapTestBaseline();
    (baseline as any).ipPools[1].blocks = [{ start: '127.0.4.1', stop: '127.0.4.3' }];
    const refused = service.runner.start('demo', plan.hash, ACTOR);
    await expect(refused).rejects.toThrow(ConflictError);
    await expect(refused).rejects.toThrow(/has changed since it was shown .*: re-plan/);
    baseline = bootstrapTestBaseline();
  });

  it('refuses a second run of the cluster while one is running', async () => {
    let release: () => void = () => undefined;
    verifier.runAndWait = jest.fn(
      () => new Promise(resolve => {
        release = () => resolve({ runId: 'diagnostics-2', totals: PASSING });
      }),
    );
    const { plan } = await service.planner.plan('demo');
    const first = await service.runner.start('demo', plan.hash, ACTOR);
    const second = service.runner.start('demo', plan.hash, 'user:default/bob');
    await expect(second).rejects.toThrow(ConflictError);
    await expect(second).rejects.toThrow(`a bootstrap of demo is running (run ${first.id}, started by ${ACTOR})`);
    // Wait until the first run reaches the verification, then let it finish.
    while ((verifier.runAndWait as jest.Mock).mock.calls.length === 0) await new Promise(resolve => setTimeout(resolve, 10));
    release();
    expect((await service.runner.whenFinished(first.id)).status).toBe('succeeded');
    // The lock is free again.
    verifier.runAndWait = jest.fn(async () => ({ runId: 'diagnostics-2', totals: PASSING }));
    const third = await service.runner.start('demo', plan.hash, 'user:default/bob');
    expect((await service.runner.whenFinished(third.id)).status).toBe('succeeded');
  });

  it('fails the run when the verification finds failures', async () => {
    verifier.runAndWait = jest.fn(async () => ({ runId: 'diagnostics-3', totals: { ...PASSING, fail: 2 } }));
    const { plan } = await service.planner.plan('demo');
    const run = await service.runner.whenFinished((await service.runner.start('demo', plan.hash, ACTOR)).id);
    expect(run.status).toBe('failed');
    expect(run.error).toBe('Verify with the diagnostics: diagnostics run diagnostics-3: 2 fail, 2 warn, 30 pass, 1 skipped');
    expect(auditEvents.fail).toHaveBeenCalledWith(expect.objectContaining({ meta: expect.objectContaining({ runId: run.id, status: 'failed' }) }));
    const history = await service.store.listRuns('demo');
    expect(history[0].id).toBe(run.id);
  });

  it('marks a crashed run (stale heartbeat) interrupted, ends its event stream and frees the cluster', async () => {
    verifier.runAndWait = jest.fn(async () => ({ runId: 'diagnostics-4', totals: PASSING }));
    const { plan } = await service.planner.plan('demo');
    // A run whose process died a minute ago: its heartbeat stopped then.
    const crashedStore = new BootstrapStore(db, () => new Date(Date.now() - 60_000));
    const crashed = await crashedStore.createRun({
      cluster: 'demo',
      plan,
      steps: [{ id: 'apply-baseline', kind: 'apply-baseline', title: 'Apply the network baseline', status: 'running' }],
      actor: 'user:default/crashed',
    });
    await expect(service.runner.start('demo', plan.hash, ACTOR)).rejects.toThrow(
      `a bootstrap of demo is running (run ${crashed.id}, started by user:default/crashed)`,
    );

    const interrupted = await service.runner.recoverInterrupted(30_000);
    expect(interrupted.map(run => run.id)).toEqual([crashed.id]);
    expect(await service.store.getRun(crashed.id)).toMatchObject({
      status: 'interrupted',
      steps: [{ status: 'failed', message: 'interrupted' }],
    });
    const stream = await events(crashed.id);
    expect(stream[stream.length - 1]).toMatchObject({ type: 'run-finished', run: { id: crashed.id, status: 'interrupted' } });

    const next = await service.runner.start('demo', plan.hash, ACTOR);
    expect((await service.runner.whenFinished(next.id)).status).toBe('succeeded');
  });

  it('does not take fields over from another field manager: the run fails naming it', async () => {
    verifier.runAndWait = jest.fn(async () => ({ runId: 'diagnostics-5', totals: PASSING }));
    // Someone else takes spec.blocks of home-iot-pool over (as `kubectl apply --server-side --force-conflicts` would).
    await client.apply(
      { apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'home-iot-pool' }, spec: { blocks: [{ start: '127.0.4.9' }] } },
      { fieldManager: 'helm', force: true },
    );
    const { plan } = await service.planner.plan('demo');
    const pool = plan.steps[2].objects!.find(object => object.ref.name === 'home-iot-pool')!;
    expect(pool).toMatchObject({ change: 'update', fieldChanges: [{ path: 'spec.blocks', before: [{ start: '127.0.4.9' }], after: [{ start: '127.0.4.1' }] }] });

    const run = await service.runner.whenFinished((await service.runner.start('demo', plan.hash, ACTOR)).id);
    expect(run.status).toBe('failed');
    expect(run.steps[2]).toMatchObject({ kind: 'apply-baseline', status: 'failed' });
    expect(run.steps[2].message).toMatch(/^CiliumLoadBalancerIPPool home-iot-pool: field conflicts \(not forced\): conflict with "helm".*: \.spec\.blocks \(created 0, updated 0, unchanged \d+ before it\)$/);
    expect(run.steps[3].status).toBe('pending');
    const live = await client.get({ apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', name: 'home-iot-pool' });
    expect(live.spec.blocks).toEqual([{ start: '127.0.4.9' }]);
  });
});
