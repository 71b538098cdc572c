import { ConflictError, InputError } from '@backstage/errors';
import { BootstrapPlan, BootstrapRun } from '@internal/plugin-network-common';
import { followBootstrapRun } from './followBootstrapRun';
import { NetworkBootstrap } from './NetworkBootstrap';

/** The parts of a scaffolder action context the bootstrap actions use. */
export interface BootstrapActionContext {
  input: { cluster: string; planHash?: string; timeoutSeconds?: number };
  isDryRun?: boolean;
  logger: { info(message: string): void };
  signal?: AbortSignal;
  output(name: string, value: unknown): void;
  getInitiatorCredentials(): Promise<any>;
  checkpoint<T extends string>(options: {
    key: string;
    fn: () => Promise<T>;
  }): Promise<T>;
}

/** What differs between `network:talos:bootstrap` and `network:baseline:apply`. */
export interface BootstrapStepOptions {
  bootstrap: NetworkBootstrap;
  /** Refuses a plan that would bootstrap etcd (for the baseline-only action). */
  refuseEtcdBootstrap: boolean;
  pollMs?: number;
}

/** One line per plan step, for the task log. */
function describePlan(plan: BootstrapPlan): string[] {
  return [
    `Plan ${plan.hash} for cluster ${plan.cluster}: create ${plan.totals.create}, update ${plan.totals.update}, unchanged ${plan.totals.unchanged}`,
    ...plan.steps.map(
      step =>
        `  ${step.intent === 'skip' ? 'skip' : 'run '} ${step.title}${
          step.note ? ` (${step.note})` : ''
        }`,
    ),
  ];
}

/**
 * Reads the plan as the initiating user; in a dry run stops there. Otherwise checks the
 * confirmed hash against the fresh plan, starts the run once (a retried task resumes the
 * same run through the checkpoint) and follows it to the end.
 */
export async function runBootstrapStep(
  ctx: BootstrapActionContext,
  options: BootstrapStepOptions,
): Promise<void> {
  const { cluster, planHash } = ctx.input;
  // The backend authorizes network.bootstrap.run against the user who started the task.
  const credentials = await ctx.getInitiatorCredentials();
  const plan = await options.bootstrap.plan(cluster, credentials);
  describePlan(plan).forEach(line => ctx.logger.info(line));
  ctx.output('planHash', plan.hash);
  ctx.output('totals', plan.totals);
  ctx.output(
    'plan',
    plan.steps.map(step => ({
      id: step.id,
      title: step.title,
      intent: step.intent,
      note: step.note,
      objects: (step.objects ?? []).map(object => ({
        ref: `${object.ref.kind} ${
          object.ref.namespace ? `${object.ref.namespace}/` : ''
        }${object.ref.name}`,
        change: object.change,
      })),
    })),
  );

  const etcdStep = plan.steps.find(
    step => step.kind === 'talos-etcd-bootstrap',
  );
  if (options.refuseEtcdBootstrap && etcdStep?.intent === 'run') {
    throw new InputError(
      `cluster: etcd of cluster ${cluster} is not bootstrapped yet; run network:talos:bootstrap first`,
    );
  }
  if (ctx.isDryRun) {
    ctx.logger.info('Dry run: the plan only, nothing applied');
    return;
  }
  if (!planHash) {
    throw new InputError(
      `planHash: confirm the plan by passing its hash (the current plan is ${plan.hash})`,
    );
  }
  if (planHash !== plan.hash) {
    throw new ConflictError(
      `planHash: the plan confirmed (${planHash}) no longer matches cluster ${cluster} (now ${plan.hash}); review the plan again`,
    );
  }

  const runId = await ctx.checkpoint({
    key: `network-bootstrap-run-${cluster}-${planHash}`,
    fn: async () =>
      (
        await options.bootstrap.startRun(cluster, planHash, credentials)
      ).id,
  });
  ctx.logger.info(`Bootstrap run ${runId} started`);
  ctx.output('runId', runId);
  const run: BootstrapRun = await followBootstrapRun(
    options.bootstrap,
    runId,
    credentials,
    {
      pollMs: options.pollMs ?? 2000,
      timeoutMs: (ctx.input.timeoutSeconds ?? 900) * 1000,
      signal: ctx.signal,
      onStepChange: step =>
        ctx.logger.info(
          `${step.title}: ${step.status}${
            step.message ? ` (${step.message})` : ''
          }`,
        ),
    },
  );
  ctx.output('status', run.status);
  ctx.output(
    'steps',
    run.steps.map(step => ({
      id: step.id,
      title: step.title,
      status: step.status,
      message: step.message,
    })),
  );
  if (run.diagnosticsRunId)
    ctx.output('diagnosticsRunId', run.diagnosticsRunId);
  if (run.status !== 'succeeded') {
    const failed = run.steps.find(step => step.status === 'failed');
    // The failed step says why; the run's own error is the fallback (it repeats the step's).
    let reason = run.error ? `: ${run.error}` : '';
    if (failed)
      reason = ` at '${failed.title}': ${failed.message ?? 'no message'}`;
    throw new Error(`Bootstrap run ${runId} ${run.status}${reason}`);
  }
}
