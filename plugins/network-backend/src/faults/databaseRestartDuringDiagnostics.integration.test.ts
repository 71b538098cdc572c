import { randomUUID } from 'node:crypto';
import knexFactory, { Knex } from 'knex';
import { DiagnosticRun } from '@internal/plugin-network-common';
import { createTestRunner, migrate, testCheck } from '../services/Diagnostics/testing/runnerHarness';
import { DiagnosticsStore } from '../services/Diagnostics/DiagnosticsStore';
import { FaultyProxy, startFaultyProxy } from '../testing/faultyProxy';

jest.setTimeout(90_000);

const POSTGRES = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const CHECKS = 12;
const CHECK_MS = 500;
const OUTAGE_MS = 3000;
const HEARTBEAT_MS = 200;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * PostgreSQL goes away in the middle of a diagnostics run (a TCP proxy in front of it cuts
 * every connection and refuses new ones for a few seconds), then comes back. The run must end
 * `succeeded` or `failed` on its own, never stay `running` nor vanish; a run whose writer died
 * during the outage is closed as `interrupted` by the stale-heartbeat sweep afterwards.
 */
(POSTGRES ? describe : describe.skip)('fault: the database restarts during a diagnostics run', () => {
  const database = `network_fault_db_${process.pid}`;
  let admin: Knex;
  let proxy: FaultyProxy;
  let db: Knex;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    const server = new URL(POSTGRES!);
    admin = knexFactory({ client: 'pg', connection: POSTGRES });
    await admin.raw(`CREATE DATABASE "${database}"`);
    proxy = await startFaultyProxy({ host: server.hostname, port: Number(server.port || 5432) });
    db = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port: proxy.port, user: server.username || 'postgres', password: server.password || undefined, database },
      pool: { min: 0, max: 4 },
      // Fail fast while the server is away instead of queueing for a minute.
      acquireConnectionTimeout: 2000,
      // The outage makes knex warn about every failed connection; the test prints its own line.
      log: { warn: () => {}, error: () => {}, debug: () => {}, deprecate: () => {} },
    });
    await migrate(db);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await db?.destroy();
    await proxy?.close();
    await admin?.raw(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin?.destroy();
  });

  it('ends the run succeeded or failed, never running; a dead writer\'s run is marked interrupted', async () => {
    const checks = Array.from({ length: CHECKS }, (_, index) =>
      testCheck(`pools.slow-${index}`, async () => {
        await sleep(CHECK_MS);
        return { summary: 'ok', findings: [] };
      }),
    );
    const { runner, store } = createTestRunner(db, checks, { settings: { heartbeatMs: HEARTBEAT_MS, checkTimeoutMs: 10_000, concurrency: 2 } });
    // A run whose writer is another process that dies in the outage: created, then never beats again.
    const orphan: DiagnosticRun = {
      id: randomUUID(),
      cluster: 'lab',
      selection: { kind: 'all' },
      status: 'running',
      trigger: 'schedule',
      actor: 'system',
      startedAt: new Date().toISOString(),
      progress: { done: 0, total: 1 },
      totals: { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 },
    };
    await store.createRun(orphan);

    const run = await runner.start({ cluster: 'lab', selection: { kind: 'all' }, trigger: 'manual', actor: 'user:default/alice' });
    await sleep(CHECK_MS * 2 + 200);
    proxy.setAccepting(false);
    proxy.cutAll();
    const outageStarted = Date.now();
    await sleep(OUTAGE_MS);
    proxy.setAccepting(true);
    const outageEnded = Date.now();

    // The run's own writer is alive: it must close the run without help.
    let finished: DiagnosticRun | undefined;
    for (;;) {
      finished = await store.getRun(run.id);
      if (finished?.status !== 'running') break;
      if (Date.now() - outageEnded > 20_000) break;
      await sleep(200);
    }
    const settledMs = Date.now() - outageEnded;
    expect(finished).toBeDefined();
    expect(['succeeded', 'failed']).toContain(finished!.status);
    const detail = (await store.getRunDetail(run.id))!;

    // The orphan's heartbeat is older than the sweep's limit; the live run is finished and untouched.
    const swept = await new DiagnosticsStore(db).markInterrupted(new Date(Date.now() - 2 * HEARTBEAT_MS * 5));
    expect(swept).toEqual([orphan.id]);
    expect((await store.getRun(orphan.id))?.status).toBe('interrupted');
    expect((await store.getRun(run.id))?.status).toBe(finished!.status);
    expect(unhandled).toEqual([]);
    // eslint-disable-next-line no-console
    console.log(
      `database outage of ${outageEnded - outageStarted} ms mid-run: run ${finished!.status} ${settledMs} ms after the database returned ` +
        `(${detail.results.length}/${CHECKS} results stored${finished!.error ? `, error "${finished!.error}"` : ''}); orphaned run swept to interrupted`,
    );
  });
});
