import { BootstrapPlanStep } from '@internal/plugin-network-common';
import { FakeEtcd } from '../testing/FakeEtcd';
import { etcdBootstrapStep } from './etcdBootstrapStep';
import { StepContext } from './StepOutcome';

const planStep = (intent: 'run' | 'skip', note?: string): BootstrapPlanStep => ({
  id: 'talos-etcd-bootstrap',
  kind: 'talos-etcd-bootstrap',
  title: 'Bootstrap etcd',
  description: '',
  intent,
  ...(note ? { note } : {}),
});

function context(step: BootstrapPlanStep, logs: string[]): StepContext {
  return { cluster: 'lab', actor: 'user:default/ada', planStep: step, manifests: [], log: async message => void logs.push(message) };
}

const retry = { etcdAttempts: 3, etcdRetryDelayMs: 1 };

describe('etcdBootstrapStep', () => {
  it('retries FailedPrecondition with a log line per wait, then bootstraps', async () => {
    const etcd = new FakeEtcd(2);
    const logs: string[] = [];
    await expect(etcdBootstrapStep(context(planStep('run'), logs), { client: etcd, node: '10.0.0.1' }, retry)).resolves.toEqual({
      status: 'succeeded',
      message: 'etcd bootstrapped on 10.0.0.1',
    });
    expect(etcd.bootstrapCalls).toBe(3);
    expect(logs).toEqual([
      '10.0.0.1 is not ready for the bootstrap (10.0.0.1: bootstrap is not available yet); retrying in 1 ms',
      '10.0.0.1 is not ready for the bootstrap (10.0.0.1: bootstrap is not available yet); retrying in 2 ms',
    ]);
  });

  it('fails after the last attempt', async () => {
    const etcd = new FakeEtcd(5);
    const outcome = await etcdBootstrapStep(context(planStep('run'), []), { client: etcd, node: '10.0.0.1' }, retry);
    expect(outcome).toEqual({ status: 'failed', message: '10.0.0.1: bootstrap is not available yet (after 3 attempts)' });
  });

  it('does not retry other errors', async () => {
    const client = { bootstrap: jest.fn(async () => Promise.reject(new Error('Unimplemented: not a control-plane node'))), etcdMemberList: jest.fn() };
    const outcome = await etcdBootstrapStep(context(planStep('run'), []), { client, node: '10.0.0.9' }, retry);
    expect(outcome).toEqual({ status: 'failed', message: 'Unimplemented: not a control-plane node' });
    expect(client.bootstrap).toHaveBeenCalledTimes(1);
  });

  it('skips on AlreadyExists, and when the plan already knew', async () => {
    const etcd = new FakeEtcd();
    etcd.bootstrapped = true;
    await expect(etcdBootstrapStep(context(planStep('run'), []), { client: etcd, node: '10.0.0.1' }, retry)).resolves.toEqual({
      status: 'skipped',
      message: 'already bootstrapped (etcd data directory is not empty)',
    });
    await expect(etcdBootstrapStep(context(planStep('skip', 'already bootstrapped (etcd members: a)'), []), undefined, retry)).resolves.toEqual({
      status: 'skipped',
      message: 'already bootstrapped (etcd members: a)',
    });
  });
});
