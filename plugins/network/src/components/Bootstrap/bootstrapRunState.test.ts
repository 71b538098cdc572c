import { bootstrapRun } from '../../testing/bootstrapFixture';
import { applyBootstrapEvent, BootstrapRunState } from './bootstrapRunState';

describe('applyBootstrapEvent', () => {
  const pendingRun = bootstrapRun({
    status: 'running',
    finishedAt: undefined,
    steps: bootstrapRun().steps.map(step => ({ ...step, status: 'pending' })),
  });
  const start: BootstrapRunState = { run: pendingRun, logs: {} };

  it('moves a step from pending to running to its finished state', () => {
    const running = applyBootstrapEvent(start, {
      seq: 1,
      type: 'step-started',
      stepId: 'api',
    });
    expect(running.run.steps.map(s => s.status)).toEqual([
      'pending',
      'running',
      'pending',
      'pending',
    ]);
    const finished = applyBootstrapEvent(running, {
      seq: 2,
      type: 'step-finished',
      step: {
        ...pendingRun.steps[1],
        status: 'succeeded',
        message: 'API answered',
      },
    });
    expect(finished.run.steps[1]).toMatchObject({
      status: 'succeeded',
      message: 'API answered',
    });
  });

  it('does not move a finished step back to running on a replayed start', () => {
    const done: BootstrapRunState = {
      run: {
        ...pendingRun,
        steps: [{ ...pendingRun.steps[0], status: 'skipped' }],
      },
      logs: {},
    };
    const replayed = applyBootstrapEvent(done, {
      seq: 1,
      type: 'step-started',
      stepId: 'etcd',
    });
    expect(replayed.run.steps[0].status).toBe('skipped');
  });

  it('appends log lines per step without doubling a replayed last line', () => {
    let state = applyBootstrapEvent(start, {
      seq: 1,
      type: 'step-log',
      stepId: 'baseline',
      message: 'created pool',
    });
    state = applyBootstrapEvent(state, {
      seq: 1,
      type: 'step-log',
      stepId: 'baseline',
      message: 'created pool',
    });
    state = applyBootstrapEvent(state, {
      seq: 2,
      type: 'step-log',
      stepId: 'baseline',
      message: 'updated l2',
    });
    expect(state.logs).toEqual({ baseline: ['created pool', 'updated l2'] });
  });

  it('takes the final run from run-finished', () => {
    const final = bootstrapRun({ status: 'failed', error: 'apply refused' });
    expect(
      applyBootstrapEvent(start, { seq: 9, type: 'run-finished', run: final })
        .run,
    ).toBe(final);
  });
});
