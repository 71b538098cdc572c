import { BootstrapKubernetes } from './BootstrapKubernetes';
import { BootstrapPlanner } from './BootstrapPlanner';
import { bootstrapTestBaseline } from './testing/bootstrapTestBaseline';

describe('BootstrapPlanner without a reachable API', () => {
  it('plans every object as a create, says why, and keeps the hash stable', async () => {
    const unreachable = {
      getJson: jest.fn(async () => Promise.reject(new Error('connect ECONNREFUSED'))),
      get: jest.fn(),
      apply: jest.fn(),
    } as unknown as BootstrapKubernetes;
    const planner = new BootstrapPlanner({
      kubernetes: cluster => (cluster === 'lab' ? unreachable : undefined),
      baselines: () => bootstrapTestBaseline(),
      talos: () => undefined,
    });
    const { plan, manifests } = await planner.plan('lab');
    expect(plan.steps[0]).toMatchObject({ intent: 'skip', note: 'no Talos access configured for lab: etcd is left as it is' });
    expect(plan.steps[2]).toMatchObject({
      intent: 'run',
      note: 'the Kubernetes API does not answer yet: every object is planned as a create and compared again when applied',
    });
    expect(plan.totals).toEqual({ create: manifests.length, update: 0, unchanged: 0 });
    expect(unreachable.apply).not.toHaveBeenCalled();
    expect((await planner.plan('lab')).plan.hash).toBe(plan.hash);
    await expect(planner.plan('nowhere')).rejects.toThrow("Cluster 'nowhere' is not configured");
  });
});
