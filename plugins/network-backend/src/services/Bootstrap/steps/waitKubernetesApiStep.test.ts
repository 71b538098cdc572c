import { BootstrapPlanStep } from '@internal/plugin-network-common';
import { BootstrapKubernetes } from '../BootstrapKubernetes';
import { StepContext } from './StepOutcome';
import { waitKubernetesApiStep } from './waitKubernetesApiStep';

const planStep: BootstrapPlanStep = { id: 'wait-kubernetes-api', kind: 'wait-kubernetes-api', title: 'Wait', description: '', intent: 'run' };

function apiAnsweringAfter(failures: number): BootstrapKubernetes {
  let calls = 0;
  return {
    getJson: async () => {
      calls += 1;
      if (calls <= failures) throw new Error('connect ECONNREFUSED 127.0.0.1:6443');
      return { gitVersion: 'v1.34.1' };
    },
  } as unknown as BootstrapKubernetes;
}

describe('waitKubernetesApiStep', () => {
  it('waits until /version answers, logging the wait once', async () => {
    const logs: string[] = [];
    const context: StepContext = { cluster: 'lab', actor: 'a', planStep, manifests: [], log: async message => void logs.push(message) };
    const outcome = await waitKubernetesApiStep(context, apiAnsweringAfter(3), { apiTimeoutMs: 5_000, apiPollMs: 1 });
    expect(outcome.status).toBe('succeeded');
    expect(outcome.message).toMatch(/^Kubernetes v1\.34\.1 answered after \d+ ms$/);
    expect(logs).toEqual(['waiting for the Kubernetes API (connect ECONNREFUSED 127.0.0.1:6443)']);
  });

  it('fails with the last error after the timeout', async () => {
    const context: StepContext = { cluster: 'lab', actor: 'a', planStep, manifests: [], log: async () => undefined };
    await expect(waitKubernetesApiStep(context, apiAnsweringAfter(1_000_000), { apiTimeoutMs: 30, apiPollMs: 5 })).resolves.toEqual({
      status: 'failed',
      message: 'the Kubernetes API did not answer within 30 ms (last error: connect ECONNREFUSED 127.0.0.1:6443)',
    });
  });
});
