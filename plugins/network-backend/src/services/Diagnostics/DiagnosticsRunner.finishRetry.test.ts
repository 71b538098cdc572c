import { TestDatabases } from '@backstage/backend-test-utils';
import { createTestRunner, migrate, testCheck } from './testing/runnerHarness';

jest.setTimeout(30_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/**
 * The database can be away at the moment a run ends (a restart): the runner retries writing
 * the end, so a run whose process is alive never stays `running`.
 * (faults/databaseRestartDuringDiagnostics shows it on a real PostgreSQL behind a cut proxy.)
 */
describe('DiagnosticsRunner when the database is away as the run ends', () => {
  it('retries recording the end until the database answers', async () => {
    const db = await databases.init('SQLITE_3');
    await migrate(db);
    const { runner, store } = createTestRunner(db, [testCheck('pools.fine', async () => ({ summary: 'ok', findings: [] }))]);
    const realFinish = store.finishRun.bind(store);
    let failuresLeft = 2;
    const attempts: string[] = [];
    jest.spyOn(store, 'finishRun').mockImplementation(async (...args) => {
      attempts.push(args[1]);
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('Connection terminated unexpectedly');
      }
      return realFinish(...args);
    });

    const started = await runner.start({ cluster: 'lab', selection: { kind: 'all' }, trigger: 'manual', actor: 'user:default/guest' });
    const run = await runner.waitFor(started.id, 20);

    expect(run.status).toBe('succeeded');
    expect(run.results.map(result => result.outcome)).toEqual(['pass']);
    expect(attempts).toEqual(['succeeded', 'succeeded', 'succeeded']);
  });
});
