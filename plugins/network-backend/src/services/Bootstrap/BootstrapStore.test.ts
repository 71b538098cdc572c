import { Knex } from 'knex';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { BootstrapPlan, BootstrapRunStep } from '@internal/plugin-network-common';
import { RunEventLog } from '../RunEvents/RunEventLog';
import { BootstrapStore } from './BootstrapStore';
import { testDatabaseIds } from '../../testing/testDatabaseIds';

jest.setTimeout(60_000);

const plan = (hash: string): BootstrapPlan => ({
  cluster: 'demo',
  hash,
  createdAt: '2026-11-22T00:00:00.000Z',
  steps: [],
  totals: { create: 0, update: 0, unchanged: 0 },
});

const steps: BootstrapRunStep[] = [
  { id: 'talos-etcd-bootstrap', kind: 'talos-etcd-bootstrap', title: 'Bootstrap etcd', status: 'succeeded', message: 'etcd bootstrapped' },
  { id: 'apply-baseline', kind: 'apply-baseline', title: 'Apply', status: 'running' },
];

describe('BootstrapStore', () => {
  const databases = TestDatabases.create({ ids: testDatabaseIds() });

  async function migrated(databaseId: TestDatabaseId): Promise<Knex> {
    const db = await databases.init(databaseId);
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-network-backend', 'migrations') });
    return db;
  }

  it.each(databases.eachSupportedId())('takes one lock per cluster and frees it when the run ends, on %p', async databaseId => {
    const db = await migrated(databaseId);
    const store = new BootstrapStore(db);
    const first = await store.createRun({ cluster: 'demo', plan: plan('h1'), steps, actor: 'user:default/ada' });
    await expect(store.createRun({ cluster: 'demo', plan: plan('h1'), steps, actor: 'user:default/bob' })).rejects.toThrow(
      new ConflictError(`a bootstrap of demo is running (run ${first.id}, started by user:default/ada)`),
    );
    // Another cluster is not held up.
    const other = await store.createRun({ cluster: 'lab', plan: plan('h2'), steps, actor: 'user:default/bob' });
    expect(other.status).toBe('running');

    const finished = await store.finish(first.id, 'succeeded');
    expect(finished).toMatchObject({ id: first.id, status: 'succeeded', planHash: 'h1', actor: 'user:default/ada', steps });
    expect(finished.finishedAt).toBeDefined();
    expect(await store.getPlan(first.id)).toEqual(plan('h1'));
    const second = await store.createRun({ cluster: 'demo', plan: plan('h3'), steps, actor: 'user:default/bob' });
    expect((await store.listRuns('demo')).map(run => run.id)).toEqual([second.id, first.id]);
  });

  it.each(databases.eachSupportedId())('lets only one of two simultaneous starts through, on %p', async databaseId => {
    const db = await migrated(databaseId);
    const stores = [new BootstrapStore(db), new BootstrapStore(db)];
    const outcomes = await Promise.allSettled(
      stores.map((store, index) => store.createRun({ cluster: 'race', plan: plan('h'), steps, actor: `user:default/u${index}` })),
    );
    expect(outcomes.filter(outcome => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find(outcome => outcome.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(ConflictError);
    expect(refused.reason.message).toMatch(/^a bootstrap of race is running \(run [0-9a-f-]{36}, started by user:default\/u[01]\)$/);
  });

  it.each(databases.eachSupportedId())('marks runs with a stale heartbeat interrupted and frees their lock, on %p', async databaseId => {
    const db = await migrated(databaseId);
    let now = new Date('2026-11-22T06:00:00.000Z');
    const store = new BootstrapStore(db, () => now);
    const crashed = await store.createRun({ cluster: 'demo', plan: plan('h'), steps, actor: 'user:default/ada' });
    const events = new RunEventLog(db);
    await events.append(crashed.id, { type: 'step-started', stepId: 'apply-baseline' });

    now = new Date('2026-11-22T06:00:20.000Z');
    const alive = await store.createRun({ cluster: 'lab', plan: plan('h'), steps, actor: 'user:default/bob' });
    await store.heartbeat(alive.id);
    now = new Date('2026-11-22T06:01:00.000Z');
    const interrupted = await store.markInterrupted(45_000);
    expect(interrupted.map(run => run.id)).toEqual([crashed.id]);
    expect(interrupted[0]).toMatchObject({
      status: 'interrupted',
      error: 'interrupted: the backend running it stopped (last heartbeat 2026-11-22T06:00:00.000Z)',
      steps: [steps[0], { ...steps[1], status: 'failed', message: 'interrupted', finishedAt: '2026-11-22T06:01:00.000Z' }],
    });
    expect((await store.getRun(alive.id))?.status).toBe('running');
    // The lock is free: a new run of the cluster may start.
    await expect(store.createRun({ cluster: 'demo', plan: plan('h'), steps, actor: 'user:default/bob' })).resolves.toMatchObject({ status: 'running' });

    await store.appendEventAfterLast(crashed.id, { type: 'run-finished', run: interrupted[0] });
    expect((await events.after(crashed.id, 0)).map((event: any) => `${event.seq} ${event.type}`)).toEqual(['1 step-started', '2 run-finished']);
  });
});
