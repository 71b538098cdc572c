import { AuditorService, AuditorServiceCreateEventOptions, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  BaselineManifest,
  BootstrapPlan,
  BootstrapRun,
  BootstrapRunEvent,
  BootstrapRunStep,
  RunStatus,
} from '@internal/plugin-network-common';
import { RunEventLog, UnnumberedEvent } from '../RunEvents/RunEventLog';
import { retryRunWrite } from '../RunEvents/retryRunWrite';
import { BootstrapKubernetesClients } from './BootstrapKubernetes';
import { BootstrapPlanner } from './BootstrapPlanner';
import { BootstrapStore } from './BootstrapStore';
import { DiagnosticsVerifier } from './DiagnosticsVerifier';
import { EtcdBootstrapTargets } from './EtcdBootstrapClient';
import { applyBaselineStep } from './steps/applyBaselineStep';
import { etcdBootstrapStep } from './steps/etcdBootstrapStep';
import { StepOutcome, StepContext } from './steps/StepOutcome';
import { verifyDiagnosticsStep } from './steps/verifyDiagnosticsStep';
import { waitKubernetesApiStep } from './steps/waitKubernetesApiStep';

/** Timings of a run; tests shorten them. */
export interface BootstrapRunnerTimings {
  /** How often a running run refreshes its heartbeat. */
  heartbeatMs: number;
  /** How long to wait for the Kubernetes API after the etcd bootstrap. */
  apiTimeoutMs: number;
  /** Poll interval while waiting for the API. */
  apiPollMs: number;
  /** Bootstrap calls while the node answers FailedPrecondition, and the first delay (doubling). */
  etcdAttempts: number;
  etcdRetryDelayMs: number;
  /** How long verification keeps re-running the diagnostics while controllers converge. */
  verifySettleMs: number;
  /** Pause between verification runs. */
  verifyRetryMs: number;
}

/** Options of {@link BootstrapRunner}. */
export interface BootstrapRunnerOptions {
  planner: BootstrapPlanner;
  store: BootstrapStore;
  events: RunEventLog;
  kubernetes: BootstrapKubernetesClients;
  talos: EtcdBootstrapTargets;
  /** Runs the verification diagnostics; without one the step is skipped (and says so). */
  verifier?: DiagnosticsVerifier;
  auditor: AuditorService;
  logger: LoggerService;
  timings?: Partial<BootstrapRunnerTimings>;
}

const DEFAULT_TIMINGS: BootstrapRunnerTimings = {
  heartbeatMs: 5_000,
  apiTimeoutMs: 300_000,
  apiPollMs: 2_000,
  etcdAttempts: 10,
  etcdRetryDelayMs: 1_000,
  verifySettleMs: 120_000,
  verifyRetryMs: 5_000,
};

/**
 * Runs a confirmed bootstrap plan: refuses a hash that no longer matches a fresh plan, takes
 * the cluster's lock, then runs the steps in order in the background (etcd bootstrap, wait for
 * the API, server-side apply, verification), storing steps and events as it goes and auditing
 * the run's start and end.
 */
export class BootstrapRunner {
  private readonly timings: BootstrapRunnerTimings;
  private readonly inFlight = new Map<string, Promise<BootstrapRun>>();

  constructor(private readonly options: BootstrapRunnerOptions) {
    this.timings = { ...DEFAULT_TIMINGS, ...options.timings };
  }

  /**
   * Starts a run of the plan the user confirmed by its hash. Throws a ConflictError when the
   * hash is stale (the cluster or config changed since the plan was shown) or another run of
   * the cluster holds the lock; an InputError for a bad baseline, before anything is applied.
   */
  async start(
    cluster: string,
    planHash: string,
    actor: string,
    options: { request?: AuditorServiceCreateEventOptions['request'] } = {},
  ): Promise<BootstrapRun> {
    const { plan, manifests } = await this.options.planner.plan(cluster);
    if (plan.hash !== planHash) {
      throw new ConflictError(
        `The bootstrap plan of ${cluster} has changed since it was shown (confirmed ${planHash.slice(0, 12)}, ` +
          `now ${plan.hash.slice(0, 12)}): re-plan, review the changes and confirm the new hash`,
      );
    }
    const steps: BootstrapRunStep[] = plan.steps.map(step => ({ id: step.id, kind: step.kind, title: step.title, status: 'pending' }));
    const run = await this.options.store.createRun({ cluster, plan, steps, actor });
    const audit = await this.options.auditor.createEvent({
      eventId: 'bootstrap-run',
      severityLevel: 'high',
      // The HTTP request, when there is one, lets the auditor record who called and from where.
      request: options.request,
      meta: { actionType: 'start', cluster, runId: run.id, planHash, actor },
    });
    const finished = this.execute(run, plan, manifests)
      .then(async done => {
        const meta = { actionType: 'finish', cluster, runId: run.id, status: done.status };
        if (done.status === 'succeeded') await audit.success({ meta });
        else await audit.fail({ meta, error: new Error(done.error ?? `bootstrap run ${done.status}`) });
        return done;
      })
      .finally(() => this.inFlight.delete(run.id));
    this.inFlight.set(run.id, finished);
    return run;
  }

  /** Resolves when a run started by this process ends (tests and shutdown). */
  async whenFinished(runId: string): Promise<BootstrapRun> {
    const running = this.inFlight.get(runId);
    if (running) return running;
    const run = await this.options.store.getRun(runId);
    if (!run) throw new NotFoundError(`Bootstrap run '${runId}' not found`);
    return run;
  }

  /**
   * At startup: runs whose heartbeat is older than `olderThanMs` died with their process; they
   * become `interrupted`, their locks are freed and their event streams end.
   */
  async recoverInterrupted(olderThanMs = 30_000): Promise<BootstrapRun[]> {
    const interrupted = await this.options.store.markInterrupted(olderThanMs);
    for (const run of interrupted) {
      await this.options.store.appendEventAfterLast(run.id, { type: 'run-finished', run });
      this.options.logger.warn(`Bootstrap run ${run.id} of ${run.cluster} was interrupted: ${run.error}`);
    }
    return interrupted;
  }

  private async execute(run: BootstrapRun, plan: BootstrapPlan, manifests: BaselineManifest[]): Promise<BootstrapRun> {
    const { store, events, logger } = this.options;
    const steps = run.steps.map(step => ({ ...step }));
    const heartbeat = setInterval(() => {
      store.heartbeat(run.id).catch(error => logger.warn(`Bootstrap run ${run.id}: heartbeat failed: ${error}`));
    }, this.timings.heartbeatMs);
    let status: RunStatus = 'succeeded';
    let runError: string | undefined;
    try {
      for (const [index, planStep] of plan.steps.entries()) {
        const step = steps[index];
        if (status === 'failed') break;
        step.status = 'running';
        step.startedAt = new Date().toISOString();
        await store.updateSteps(run.id, steps);
        await this.emit(run.id, { type: 'step-started', stepId: step.id });
        const context: StepContext = {
          cluster: run.cluster,
          actor: run.actor,
          planStep,
          manifests,
          log: message => this.emit(run.id, { type: 'step-log', stepId: step.id, message }).then(() => undefined),
        };
        let outcome: StepOutcome;
        try {
          outcome = await this.runStep(context);
        } catch (error) {
          outcome = { status: 'failed', message: error instanceof Error ? error.message : String(error) };
        }
        if (outcome.diagnosticsRunId) await store.setDiagnosticsRunId(run.id, outcome.diagnosticsRunId);
        Object.assign(step, { status: outcome.status, message: outcome.message, finishedAt: new Date().toISOString() });
        await store.updateSteps(run.id, steps);
        await this.emit(run.id, { type: 'step-finished', step: { ...step } });
        if (outcome.status === 'failed') {
          status = 'failed';
          runError = `${step.title}: ${outcome.message}`;
        }
      }
    } catch (error) {
      // The store or the event log failed: the run cannot go on, but must still end.
      status = 'failed';
      runError = error instanceof Error ? error.message : String(error);
    } finally {
      clearInterval(heartbeat);
    }
    const finished = await retryRunWrite(`Bootstrap run ${run.id}: recording its end`, () => store.finish(run.id, status, runError), logger);
    await this.emit(run.id, { type: 'run-finished', run: finished }).catch(error =>
      logger.error(`Bootstrap run ${run.id}: could not store its last event: ${error}`),
    );
    events.close(run.id);
    logger.info(`Bootstrap run ${run.id} of ${run.cluster} ${status}${runError ? `: ${runError}` : ''}`);
    return finished;
  }

  private runStep(context: StepContext): Promise<StepOutcome> {
    const client = this.options.kubernetes(context.cluster);
    switch (context.planStep.kind) {
      case 'talos-etcd-bootstrap':
        return etcdBootstrapStep(context, this.options.talos(context.cluster), this.timings);
      case 'wait-kubernetes-api':
        return waitKubernetesApiStep(context, client!, this.timings);
      case 'apply-baseline':
        return applyBaselineStep(context, client!);
      case 'verify-diagnostics':
        return verifyDiagnosticsStep(context, this.options.verifier, this.timings);
      default:
        return Promise.resolve({ status: 'failed', message: `unknown step kind ${String(context.planStep.kind)}` });
    }
  }

  private emit(runId: string, event: UnnumberedEvent<BootstrapRunEvent>): Promise<BootstrapRunEvent> {
    return this.options.events.append<BootstrapRunEvent>(runId, event);
  }
}
