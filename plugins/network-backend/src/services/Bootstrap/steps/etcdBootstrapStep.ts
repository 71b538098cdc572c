import { EtcdBootstrapTarget, isRetryableTalosError } from '../EtcdBootstrapClient';
import { StepContext, StepOutcome } from './StepOutcome';

/**
 * Talos Bootstrap on one control-plane node. AlreadyExists (`already-bootstrapped`) is a skip,
 * FailedPrecondition ("bootstrap is not available yet", "time is not in sync yet") is retried
 * with doubling delays, anything else fails the step.
 */
export async function etcdBootstrapStep(
  context: StepContext,
  target: EtcdBootstrapTarget | undefined,
  retry: { etcdAttempts: number; etcdRetryDelayMs: number },
): Promise<StepOutcome> {
  if (context.planStep.intent === 'skip') {
    return { status: 'skipped', message: context.planStep.note ?? 'nothing to do' };
  }
  if (!target) return { status: 'skipped', message: `no Talos access configured for ${context.cluster}` };
  let delay = retry.etcdRetryDelayMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const answer = await target.client.bootstrap(target.node);
      if (answer.result === 'already-bootstrapped') {
        return { status: 'skipped', message: `already bootstrapped (${answer.message ?? 'etcd data directory is not empty'})` };
      }
      return { status: 'succeeded', message: `etcd bootstrapped on ${target.node}` };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!isRetryableTalosError(error) || attempt >= retry.etcdAttempts) {
        return { status: 'failed', message: attempt > 1 ? `${message} (after ${attempt} attempts)` : message };
      }
      await context.log(`${target.node} is not ready for the bootstrap (${message}); retrying in ${delay} ms`);
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}
