import { TestDatabases } from '@backstage/backend-test-utils';
import { DiagnosticRunEvent } from '@internal/plugin-network-common';
import { createTestRunner, migrate, testCheck } from './testing/runnerHarness';
import { testDatabaseIds } from '../../testing/testDatabaseIds';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: testDatabaseIds() });

const passing = testCheck('pools.fine', async () => ({ findings: [], summary: 'All pools have free addresses' }));
const failing = testCheck('gateway.broken', async () => ({
  summary: '1 of 2 routes not Accepted',
  findings: [
    { outcome: 'fail', subject: 'HTTPRoute wiki/wiki', message: 'NoMatchingListenerHostname', object: { kind: 'HTTPRoute', namespace: 'wiki', name: 'wiki' } },
    { outcome: 'pass', subject: 'HTTPRoute media/jellyfin', message: 'Accepted' },
  ],
}));
const warning = testCheck('certificates.soon', async context => {
  context.log('looked at 3 certificates');
  return { summary: 'expires in 5 days', findings: [{ outcome: 'warn', subject: 'Certificate home/ha', message: 'expires in 5 days' }] };
});
const skipped = testCheck('talos.none', async () => ({ findings: [], summary: '', skippedBecause: 'No talosconfig is configured for lab' }));
const throwing = testCheck('dns.throws', async () => {
  throw new Error('resolver refused');
});
const hanging = testCheck('cilium.hangs', () => new Promise(() => undefined));

describe.each(databases.eachSupportedId())('DiagnosticsRunner on %s', databaseId => {
  it('runs every check, stores results, totals and the event stream, and finishes', async () => {
    const db = await databases.init(databaseId);
    await migrate(db);
    const { runner, events } = createTestRunner(db, [passing, failing, warning, skipped, throwing, hanging]);

    const started = await runner.start({ cluster: 'lab', selection: { kind: 'all' }, trigger: 'manual', actor: 'user:default/guest' });
    expect(started.status).toBe('running');
    expect(started.progress).toEqual({ done: 0, total: 6 });

    const run = await runner.waitFor(started.id, 20);
    expect(run.status).toBe('succeeded');
    expect(run.actor).toBe('user:default/guest');
    expect(run.progress).toEqual({ done: 6, total: 6 });
    expect(run.totals).toEqual({ pass: 1, warn: 1, fail: 1, error: 2, skipped: 1 });

    const byId = Object.fromEntries(run.results.map(result => [result.checkId, result]));
    expect(byId['gateway.broken']).toMatchObject({ outcome: 'fail', summary: '1 of 2 routes not Accepted', remediation: 'Fix gateway.broken' });
    expect(byId['gateway.broken'].findings[0].object).toEqual({ kind: 'HTTPRoute', namespace: 'wiki', name: 'wiki' });
    expect(byId['pools.fine']).toMatchObject({ outcome: 'pass' });
    expect(byId['pools.fine'].remediation).toBeUndefined();
    expect(byId['talos.none']).toMatchObject({ outcome: 'skipped', summary: 'No talosconfig is configured for lab' });
    expect(byId['dns.throws']).toMatchObject({ outcome: 'error', error: 'resolver refused' });
    expect(byId['cilium.hangs']).toMatchObject({ outcome: 'error', error: 'timed out after 1 s' });

    // The run's status is stored just before its run-finished event is appended: read the
    // stream once that event is there (as the SSE stream does, which waits for it).
    let stream = await events.after<DiagnosticRunEvent>(run.id, 0);
    for (let tries = 0; stream.at(-1)?.type !== 'run-finished' && tries < 50; tries += 1) {
      await new Promise(resolve => setTimeout(resolve, 100));
      stream = await events.after<DiagnosticRunEvent>(run.id, 0);
    }
    expect(stream.map(event => event.seq)).toEqual(stream.map((_, index) => index + 1));
    expect(stream.filter(event => event.type === 'check-started')).toHaveLength(6);
    expect(stream.filter(event => event.type === 'check-finished')).toHaveLength(6);
    expect(stream.find(event => event.type === 'check-log')).toMatchObject({ checkId: 'certificates.soon', message: 'looked at 3 certificates' });
    const last = stream[stream.length - 1];
    expect(last.type).toBe('run-finished');
    expect(last.type === 'run-finished' && last.run.status).toBe('succeeded');
    const progress = stream.flatMap(event => (event.type === 'check-finished' ? [event.progress.done] : []));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('runs only the selected category or check ids, and refuses unknown ones naming them', async () => {
    const db = await databases.init(databaseId);
    await migrate(db);
    const { runner } = createTestRunner(db, [passing, failing, warning]);

    const category = await runner.runAndWait({ cluster: 'lab', selection: { kind: 'category', category: 'gateway' }, trigger: 'manual', actor: 'a' }, 20);
    expect(category.results.map(result => result.checkId)).toEqual(['gateway.broken']);

    const chosen = await runner.runAndWait({ cluster: 'lab', selection: { kind: 'checks', checkIds: ['pools.fine', 'certificates.soon'] }, trigger: 'manual', actor: 'a' }, 20);
    expect(chosen.results.map(result => result.checkId).sort()).toEqual(['certificates.soon', 'pools.fine']);

    await expect(
      runner.start({ cluster: 'lab', selection: { kind: 'checks', checkIds: ['pools.fine', 'nope.nothing'] }, trigger: 'manual', actor: 'a' }),
    ).rejects.toThrow("selection.checkIds: unknown check id 'nope.nothing'");
    await expect(
      runner.start({ cluster: 'lab', selection: { kind: 'category', category: 'bogus' as any }, trigger: 'manual', actor: 'a' }),
    ).rejects.toThrow("selection.category: unknown category 'bogus'");
    await expect(
      runner.start({ cluster: 'lab', selection: { kind: 'namespace', namespace: '../etc' }, trigger: 'manual', actor: 'a' }),
    ).rejects.toThrow("selection.namespace: '../etc' is not a namespace name");
    await expect(runner.start({ cluster: 'other', selection: { kind: 'all' }, trigger: 'manual', actor: 'a' })).rejects.toThrow(
      "Cluster 'other' is not configured",
    );
  });

  it('narrows findings to a namespace through inScope', async () => {
    const db = await databases.init(databaseId);
    await migrate(db);
    const scoped = testCheck('policies.scoped', async context => ({
      summary: 'namespaces without default-deny',
      findings: [
        { outcome: 'fail' as const, subject: 'Namespace a', message: 'no default deny', object: { kind: 'Namespace', namespace: 'a', name: 'a' } },
        { outcome: 'fail' as const, subject: 'Namespace b', message: 'no default deny', object: { kind: 'Namespace', namespace: 'b', name: 'b' } },
      ].filter(finding => context.inScope(finding.object)),
    }));
    const { runner } = createTestRunner(db, [scoped]);
    const run = await runner.runAndWait({ cluster: 'lab', selection: { kind: 'namespace', namespace: 'b' }, trigger: 'manual', actor: 'a' }, 20);
    expect(run.results[0].findings.map(finding => finding.subject)).toEqual(['Namespace b']);
  });

  it('keeps at most `concurrency` checks running at once', async () => {
    const db = await databases.init(databaseId);
    await migrate(db);
    let running = 0;
    let most = 0;
    const slow = (id: string) =>
      testCheck(id, async () => {
        running += 1;
        most = Math.max(most, running);
        await new Promise(resolve => setTimeout(resolve, 30));
        running -= 1;
        return { findings: [], summary: 'ok' };
      });
    const { runner } = createTestRunner(db, ['a', 'b', 'c', 'd', 'e', 'f'].map(name => slow(`pools.${name}`)), {
      settings: { concurrency: 2, heartbeatMs: 50, checkTimeoutMs: 5000 },
    });
    const run = await runner.runAndWait({ cluster: 'lab', selection: { kind: 'all' }, trigger: 'manual', actor: 'a' }, 20);
    expect(run.progress.done).toBe(6);
    expect(most).toBe(2);
  });

  it('records a run stopped by shutdown as interrupted, and marks runs whose process died', async () => {
    const db = await databases.init(databaseId);
    await migrate(db);
    const { runner, store } = createTestRunner(db, [hanging], { settings: { heartbeatMs: 50, checkTimeoutMs: 60_000 } });
    const started = await runner.start({ cluster: 'lab', selection: { kind: 'all' }, trigger: 'manual', actor: 'a' });
    await new Promise(resolve => setTimeout(resolve, 100));
    runner.stop();
    const stopped = await runner.waitFor(started.id, 20);
    expect(stopped.status).toBe('interrupted');
    expect(stopped.error).toBe('The backend is shutting down');

    // A run whose heartbeat stopped long ago, as left by a killed process.
    await store.createRun({ ...started, id: '00000000-0000-4000-8000-000000000001', startedAt: '2020-01-01T00:00:00.000Z' });
    const marked = await store.markInterrupted(new Date(Date.now() - 60_000));
    expect(marked).toEqual(['00000000-0000-4000-8000-000000000001']);
    expect(await store.getRun(marked[0])).toMatchObject({ status: 'interrupted' });
  });

  it('deletes finished runs past retention with their results', async () => {
    const db = await databases.init(databaseId);
    await migrate(db);
    const { runner, store } = createTestRunner(db, [passing]);
    const run = await runner.runAndWait({ cluster: 'lab', selection: { kind: 'all' }, trigger: 'manual', actor: 'a' }, 20);
    expect(await store.deleteFinishedBefore(new Date(Date.now() - 86_400_000))).toEqual([]);
    expect(await store.deleteFinishedBefore(new Date(Date.now() + 1000))).toEqual([run.id]);
    expect(await store.getRunDetail(run.id)).toBeUndefined();
    expect(await db('diagnostic_results').where('run_id', run.id)).toHaveLength(0);
  });
});
