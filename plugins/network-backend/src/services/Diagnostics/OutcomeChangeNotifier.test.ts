import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { OutcomeChangeNotifier } from './OutcomeChangeNotifier';
import { createTestRunner, migrate, testCheck } from './testing/runnerHarness';

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

describe('OutcomeChangeNotifier', () => {
  it('notifies once about the checks that went from pass to fail, and not about ones that stayed failing', async () => {
    const db = await databases.init('SQLITE_3');
    await migrate(db);
    let broken = false;
    const flipping = testCheck('gateway.flips', async () => ({
      summary: broken ? '1 route not Accepted' : 'all routes Accepted',
      findings: broken ? [{ outcome: 'fail', subject: 'HTTPRoute wiki/wiki', message: 'NoMatchingListenerHostname' }] : [],
    }));
    const alwaysFailing = testCheck('pools.full', async () => ({
      summary: 'pool full',
      findings: [{ outcome: 'fail', subject: 'CiliumLoadBalancerIPPool lan', message: 'no free IP' }],
    }));
    const sent: any[] = [];
    const notifications = { send: async (options: unknown) => void sent.push(options) };
    const { runner, store } = createTestRunner(db, [flipping, alwaysFailing]);
    const notifier = new OutcomeChangeNotifier({
      store,
      notifications,
      recipients: { type: 'entity', entityRef: ['group:default/platform-team'] },
      logger: mockServices.logger.mock(),
    });
    const request = { cluster: 'lab', selection: { kind: 'all' as const }, trigger: 'schedule' as const, actor: 'scheduler' };

    expect(await notifier.runFinished(await runner.runAndWait(request, 20))).toEqual([]);
    broken = true;
    expect(await notifier.runFinished(await runner.runAndWait(request, 20))).toEqual(['gateway.flips']);
    expect(await notifier.runFinished(await runner.runAndWait(request, 20))).toEqual([]);

    expect(sent).toHaveLength(1);
    expect(sent[0].recipients).toEqual({ type: 'entity', entityRef: ['group:default/platform-team'] });
    expect(sent[0].payload).toMatchObject({
      title: '1 network check started failing on lab',
      description: 'Check gateway.flips: 1 route not Accepted',
      severity: 'high',
    });
  });
});
