import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import {
  bootstrapPlan,
  bootstrapRun,
  fakeNetworkBootstrap,
  PLAN_HASH,
} from '../testing/fakeNetworkBootstrap';
import { createTalosBootstrapAction } from './talosBootstrap';

const dryRun = (input: object) => ({
  ...createMockActionContext({ input }),
  isDryRun: true,
});

describe('network:talos:bootstrap', () => {
  it('in a dry run reads the plan as the initiating user and starts nothing', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('run') });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    const ctx = dryRun({ cluster: 'demo' });
    await action.handler(ctx as any);
    expect(bootstrap.plan).toHaveBeenCalledWith(
      'demo',
      await ctx.getInitiatorCredentials(),
    );
    expect(bootstrap.startRun).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('planHash', PLAN_HASH);
    expect(ctx.output).toHaveBeenCalledWith('totals', {
      create: 1,
      update: 1,
      unchanged: 0,
    });
    const plan = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'plan',
    )![1];
    expect(plan[2].objects).toEqual([
      { ref: 'CiliumLoadBalancerIPPool main', change: 'create' },
      { ref: 'Gateway network/envoy-internal', change: 'update' },
    ]);
    expect(ctx.output).not.toHaveBeenCalledWith('runId', expect.anything());
  });

  it('runs the confirmed plan with the user’s credentials and follows it to the end', async () => {
    const bootstrap = fakeNetworkBootstrap({
      plan: bootstrapPlan('run'),
      runningReads: 2,
      finalRun: bootstrapRun('succeeded', { diagnosticsRunId: 'diag-7' }),
    });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    const ctx = createMockActionContext({
      input: { cluster: 'demo', planHash: PLAN_HASH },
    });
    await action.handler(ctx);
    const credentials = await ctx.getInitiatorCredentials();
    expect(bootstrap.startRun).toHaveBeenCalledWith(
      'demo',
      PLAN_HASH,
      credentials,
    );
    expect(bootstrap.run).toHaveBeenCalledTimes(3);
    expect(bootstrap.run).toHaveBeenCalledWith('run-1', credentials);
    expect(ctx.output).toHaveBeenCalledWith('runId', 'run-1');
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
    expect(ctx.output).toHaveBeenCalledWith('diagnosticsRunId', 'diag-7');
    expect(ctx.output).toHaveBeenCalledWith('steps', [
      {
        id: 'apply-baseline',
        title: 'Apply the network baseline',
        status: 'succeeded',
        message: 'created 1, updated 1, unchanged 0',
      },
    ]);
  });

  it('starts the run inside a checkpoint, so a retried task does not start a second one', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('run') });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    const ctx = createMockActionContext({
      input: { cluster: 'demo', planHash: PLAN_HASH },
    });
    // A resumed task: the checkpoint already holds the run id.
    ctx.checkpoint = jest.fn(async () => 'run-1') as any;
    await action.handler(ctx);
    expect(ctx.checkpoint).toHaveBeenCalledWith(
      expect.objectContaining({
        key: `network-bootstrap-run-demo-${PLAN_HASH}`,
      }),
    );
    expect(bootstrap.startRun).not.toHaveBeenCalled();
    expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
  });

  it('refuses to run without a confirmed hash, naming the current one', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('run') });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    await expect(
      action.handler(createMockActionContext({ input: { cluster: 'demo' } })),
    ).rejects.toThrow(
      `planHash: confirm the plan by passing its hash (the current plan is ${PLAN_HASH})`,
    );
    expect(bootstrap.startRun).not.toHaveBeenCalled();
  });

  it('refuses a hash that no longer matches the fresh plan', async () => {
    const bootstrap = fakeNetworkBootstrap({
      plan: bootstrapPlan('run', 'b'.repeat(64)),
    });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    await expect(
      action.handler(
        createMockActionContext({
          input: { cluster: 'demo', planHash: PLAN_HASH },
        }),
      ),
    ).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringContaining('planHash: the plan confirmed'),
    });
    expect(bootstrap.startRun).not.toHaveBeenCalled();
  });

  it('fails the step with the failed run step’s message', async () => {
    const bootstrap = fakeNetworkBootstrap({
      plan: bootstrapPlan('run'),
      finalRun: bootstrapRun('failed', {
        steps: [
          {
            id: 'talos-etcd-bootstrap',
            kind: 'talos-etcd-bootstrap',
            title: 'Bootstrap etcd',
            status: 'failed',
            message: 'FailedPrecondition: time not in sync',
          },
        ],
      }),
    });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    const ctx = createMockActionContext({
      input: { cluster: 'demo', planHash: PLAN_HASH },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      "Bootstrap run run-1 failed at 'Bootstrap etcd': FailedPrecondition: time not in sync",
    );
    expect(ctx.output).toHaveBeenCalledWith('status', 'failed');
  });

  it('reports the run’s error when no step failed (e.g. interrupted by a restart)', async () => {
    const bootstrap = fakeNetworkBootstrap({
      plan: bootstrapPlan('run'),
      finalRun: bootstrapRun('interrupted', {
        error: 'backend restarted during the run',
      }),
    });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    await expect(
      action.handler(
        createMockActionContext({
          input: { cluster: 'demo', planHash: PLAN_HASH },
        }),
      ),
    ).rejects.toThrow(
      'Bootstrap run run-1 interrupted: backend restarted during the run',
    );
  });

  it('passes the backend’s refusal (e.g. 403 without network.bootstrap.run) through', async () => {
    const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('run') });
    const denied = Object.assign(new Error('Forbidden'), {
      name: 'NotAllowedError',
    });
    bootstrap.plan.mockRejectedValue(denied);
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
    await expect(
      action.handler(createMockActionContext({ input: { cluster: 'demo' } })),
    ).rejects.toBe(denied);
  });

  it('gives up following after the timeout, saying where the run goes on', async () => {
    const bootstrap = fakeNetworkBootstrap({
      plan: bootstrapPlan('run'),
      runningReads: Number.MAX_SAFE_INTEGER,
    });
    const action = createTalosBootstrapAction({ bootstrap, pollMs: 5 });
    const ctx = createMockActionContext({
      input: { cluster: 'demo', planHash: PLAN_HASH, timeoutSeconds: 0.02 },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      'Bootstrap run run-1 still running after 0 s; it goes on in the network backend (GET /api/network/bootstrap/runs/run-1)',
    );
  });
});
