import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { BootstrapRun } from '@internal/plugin-network-common';
import { NetworkBootstrap } from './NetworkBootstrap';

/** How {@link followBootstrapRun} polls. */
export interface FollowOptions {
  /** Pause between reads of the run. */
  pollMs: number;
  /** Give up (the run goes on in the backend) after this long. */
  timeoutMs: number;
  /** Called once per step whose status changed since the last read, e.g. to log it. */
  onStepChange?: (step: BootstrapRun['steps'][number]) => void;
  signal?: AbortSignal;
}

/**
 * Reads a bootstrap run until it is no longer `running`. Polls the run rather than
 * following its event stream: a task step only needs the steps' states, and a poll
 * survives a backend restart between reads.
 */
export async function followBootstrapRun(
  bootstrap: NetworkBootstrap,
  runId: string,
  onBehalfOf: BackstageCredentials,
  options: FollowOptions,
): Promise<BootstrapRun> {
  const deadline = Date.now() + options.timeoutMs;
  const seen = new Map<string, string>();
  for (;;) {
    const run = await bootstrap.run(runId, onBehalfOf);
    for (const step of run.steps) {
      if (seen.get(step.id) !== step.status) {
        seen.set(step.id, step.status);
        options.onStepChange?.(step);
      }
    }
    if (run.status !== 'running') return run;
    if (options.signal?.aborted)
      throw new Error(
        `Stopped following bootstrap run ${runId}: task cancelled`,
      );
    if (Date.now() >= deadline)
      throw new Error(
        `Bootstrap run ${runId} still running after ${Math.round(
          options.timeoutMs / 1000,
        )} s; it goes on in the network backend (GET /api/network/bootstrap/runs/${runId})`,
      );
    await new Promise(resolve => setTimeout(resolve, options.pollMs));
  }
}
