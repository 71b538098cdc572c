import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { z } from 'zod';
import { registerDiagnosticsActions } from './diagnosticsActions';
import { createTestRunner, migrate, testCheck } from '../services/Diagnostics/testing/runnerHarness';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

/** Registers the actions into a plain map, as the actions registry would hold them. */
async function registered(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const db = await databases.init('SQLITE_3');
  await migrate(db);
  const checks = [
    testCheck('gateway.routes', async () => ({ summary: '1 route not Accepted', findings: [{ outcome: 'fail', subject: 'HTTPRoute wiki/wiki', message: 'NoMatchingListenerHostname' }] })),
    testCheck('pools.free', async () => ({ summary: 'ok', findings: [] })),
  ];
  const { runner, registry } = createTestRunner(db, checks);
  const actions = new Map<string, any>();
  registerDiagnosticsActions({
    actionsRegistry: { register: (options: any) => void actions.set(options.name, options) },
    permissions: mockServices.permissions.mock({ authorize: async requests => requests.map(() => ({ result })) }),
    registry,
    runner,
  });
  return actions;
}

const context = (input: object) => ({ input, credentials: mockCredentials.user('user:default/alice'), logger: mockServices.logger.mock(), secrets: undefined });

describe('diagnostics actions (actions registry, MCP)', () => {
  it('lists the checklist and runs a category for a permitted user, returning failing findings and remediation', async () => {
    const actions = await registered(AuthorizeResult.ALLOW);
    expect([...actions.keys()]).toEqual(['list-network-checks', 'run-network-diagnostics']);
    const list = await actions.get('list-network-checks').action(context({}));
    expect(list.output.checks.map((check: { id: string }) => check.id)).toEqual(['gateway.routes', 'pools.free']);

    const input = { cluster: 'lab', category: 'gateway' };
    expect(() => actions.get('run-network-diagnostics').schema.input(z).parse(input)).not.toThrow();
    const run = await actions.get('run-network-diagnostics').action(context(input));
    expect(run.output).toMatchObject({
      status: 'succeeded',
      totals: { fail: 1 },
      results: [{ checkId: 'gateway.routes', outcome: 'fail', findings: [{ subject: 'HTTPRoute wiki/wiki' }], remediation: 'Fix gateway.routes' }],
    });
  });

  it('refuses a user without network.diagnostics.run', async () => {
    const actions = await registered(AuthorizeResult.DENY);
    await expect(actions.get('run-network-diagnostics').action(context({ cluster: 'lab' }))).rejects.toThrow('network.diagnostics.run is not allowed');
  });
});
