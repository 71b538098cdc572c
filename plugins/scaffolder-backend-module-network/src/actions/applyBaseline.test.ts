import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  bootstrapPlan,
  fakeNetworkBootstrap,
  PLAN_HASH,
} from '../testing/fakeNetworkBootstrap';
import { createApplyBaselineAction } from './applyBaseline';

describe('network:baseline:apply', () => {
  it('applies the baseline of a bootstrapped cluster as the initiating user', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('skip') });
    const action = createApplyBaselineAction({ bootstrap, pollMs: 1 });
    const ctx = createMockActionContext({
      input: { cluster: 'demo', planHash: PLAN_HASH },
    });
    await action.handler(ctx);
    expect(bootstrap.startRun).toHaveBeenCalledWith(
      'demo',
      PLAN_HASH,
      await ctx.getInitiatorCredentials(),
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it('refuses a plan that would bootstrap etcd, before anything runs', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('run') });
    const action = createApplyBaselineAction({ bootstrap, pollMs: 1 });
    await expect(
      action.handler(
        createMockActionContext({
          input: { cluster: 'demo', planHash: PLAN_HASH },
        }),
      ),
    ).rejects.toThrow(
      'cluster: etcd of cluster demo is not bootstrapped yet; run network:talos:bootstrap first',
    );
    expect(bootstrap.startRun).not.toHaveBeenCalled();
  });

  it('in a dry run returns the plan only', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('skip') });
    const action = createApplyBaselineAction({ bootstrap, pollMs: 1 });
    const ctx = {
      ...createMockActionContext({ input: { cluster: 'demo' } }),
      isDryRun: true,
    };
    await action.handler(ctx as any);
    expect(ctx.output).toHaveBeenCalledWith('planHash', PLAN_HASH);
    expect(bootstrap.startRun).not.toHaveBeenCalled();
  });
});
