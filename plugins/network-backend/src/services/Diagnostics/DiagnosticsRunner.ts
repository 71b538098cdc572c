import { randomUUID } from 'node:crypto';
import { BackstageCredentials, LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CheckResult,
  DiagnosticRun,
  DiagnosticRunDetail,
  DiagnosticRunEvent,
  DiagnosticSelection,
  RunTrigger,
} from '@internal/plugin-network-common';
import { ConcurrencyLimit } from '../ClusterCache/ConcurrencyLimit';
import { ClusterDefinition } from '../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../DnsProbe/DnsProbe';
import { NetworkClusters } from '../NetworkClusters/NetworkClusters';
import { RunEventLog } from '../RunEvents/RunEventLog';
import { retryRunWrite } from '../RunEvents/retryRunWrite';
import { CheckRegistry } from './CheckRegistry';
import { CheckContext, CheckRunScope, DiagnosticCheck, PodExec } from './DiagnosticCheck';
import { DiagnosticsStore, emptyTotals } from './DiagnosticsStore';
import { EntityScopeResolver } from './EntityScopeResolver';
import { addToTotals, outcomeOfFindings } from './checkOutcome';
import { createCheckContext } from './createCheckContext';

/** How runs run; from `network.diagnostics` config. */
export interface DiagnosticsSettings {
  /** Checks running at once within a run. */
  concurrency: number;
  /** A check still running after this is stopped and reported as `error`. */
  checkTimeoutMs: number;
  certificateExpiryWarningDays: number;
  /** How often a running run proves it is alive (other replicas mark silent runs interrupted). */
  heartbeatMs: number;
  /** How long a run waits for the cluster's watch cache to fill before checking what it has. */
  cacheSyncTimeoutMs: number;
}

export const DEFAULT_DIAGNOSTICS_SETTINGS: DiagnosticsSettings = {
  concurrency: 4,
  checkTimeoutMs: 30_000,
  certificateExpiryWarningDays: 14,
  heartbeatMs: 5_000,
  cacheSyncTimeoutMs: 15_000,
};

/** A closable Talos client as the checks see it. */
type TalosForChecks = NonNullable<CheckContext['talos']>;

export interface DiagnosticsRunnerOptions {
  registry: CheckRegistry;
  store: DiagnosticsStore;
  events: RunEventLog;
  clusters: NetworkClusters;
  dns: DnsProbe;
  entityScopes: EntityScopeResolver;
  createExec: (cluster: ClusterDefinition) => PodExec;
  createTalos: (cluster: ClusterDefinition) => TalosForChecks | undefined;
  logger: LoggerService;
  settings?: Partial<DiagnosticsSettings>;
  /** Called with every finished run and its results (notifications). */
  onFinished?: (run: DiagnosticRunDetail) => Promise<void>;
}

/** What starts a run. */
export interface RunRequest {
  cluster: string;
  selection: DiagnosticSelection;
  trigger: RunTrigger;
  /** User entity ref, or `scheduler`. */
  actor: string;
  /** Needed for entity selections: the catalog is read as the user. */
  credentials?: BackstageCredentials;
}

/** How long a run's end is retried while the database does not answer. */

/**
 * Runs diagnostic checks: picks them from the registry, narrows them to the run's scope, runs
 * them with a concurrency limit and a per-check timeout, and stores each result and progress
 * event as it arrives so any replica can stream the run.
 */
export class DiagnosticsRunner {
  private readonly settings: DiagnosticsSettings;
  private readonly active = new Map<string, AbortController>();

  constructor(private readonly options: DiagnosticsRunnerOptions) {
    this.settings = { ...DEFAULT_DIAGNOSTICS_SETTINGS, ...options.settings };
  }

  /** Validates the request, records the run and starts it in the background. */
  async start(request: RunRequest): Promise<DiagnosticRun> {
    const definition = this.options.clusters.definition(request.cluster);
    if (!definition) throw new NotFoundError(`Cluster '${request.cluster}' is not configured`);
    const checks = this.options.registry.select(request.selection);
    const scope = await this.scopeOf(request);
    if (checks.length === 0) throw new InputError('selection: no check matches it');

    const run: DiagnosticRun = {
      id: randomUUID(),
      cluster: request.cluster,
      selection: request.selection,
      status: 'running',
      trigger: request.trigger,
      actor: request.actor,
      startedAt: new Date().toISOString(),
      progress: { done: 0, total: checks.length },
      totals: emptyTotals(),
    };
    await this.options.store.createRun(run);
    const abort = new AbortController();
    this.active.set(run.id, abort);
    this.execute(run, definition, checks, scope, abort.signal)
      .catch(error => this.options.logger.error(`Diagnostics run ${run.id} failed: ${error}`))
      .finally(() => this.active.delete(run.id));
    return run;
  }

  /** Starts a run and resolves when it has finished (actions, bootstrap verification). */
  async runAndWait(request: RunRequest, pollMs = 200): Promise<DiagnosticRunDetail> {
    const run = await this.start(request);
    return this.waitFor(run.id, pollMs);
  }

  /** Resolves with the run once it is no longer running; reads the store, so it sees runs of other replicas too. */
  async waitFor(runId: string, pollMs = 200): Promise<DiagnosticRunDetail> {
    for (;;) {
      const detail = await this.options.store.getRunDetail(runId);
      if (!detail) throw new NotFoundError(`Diagnostics run ${runId} not found`);
      if (detail.status !== 'running') return detail;
      await new Promise(resolve => setTimeout(resolve, pollMs));
    }
  }

  /** Stops the runs of this process (backend shutdown); they are recorded as interrupted. */
  stop(): void {
    for (const abort of this.active.values()) abort.abort(new Error('The backend is shutting down'));
  }

  private async scopeOf(request: RunRequest): Promise<CheckRunScope> {
    const { selection } = request;
    if (selection.kind === 'namespace') {
      if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(selection.namespace ?? '')) {
        throw new InputError(`selection.namespace: '${selection.namespace}' is not a namespace name`);
      }
      return { kind: 'namespace', namespace: selection.namespace };
    }
    if (selection.kind === 'entity') {
      if (!request.credentials) throw new InputError('selection.entityRef: entity runs need the caller\'s credentials');
      return this.options.entityScopes.resolve(selection.entityRef, request.cluster, request.credentials);
    }
    return { kind: 'cluster' };
  }

  private async execute(
    run: DiagnosticRun,
    definition: ClusterDefinition,
    checks: DiagnosticCheck[],
    scope: CheckRunScope,
    signal: AbortSignal,
  ): Promise<void> {
    const { store, events } = this.options;
    const heartbeat = setInterval(() => {
      store.heartbeat(run.id).catch(() => undefined);
    }, this.settings.heartbeatMs);
    heartbeat.unref?.();
    let talos: TalosForChecks | undefined;
    let totals = emptyTotals();
    let done = 0;
    let failure: string | undefined;
    try {
      const cache = this.options.clusters.cache(run.cluster)!;
      await Promise.race([cache.whenSynced(), delay(this.settings.cacheSyncTimeoutMs)]);
      talos = this.options.createTalos(definition);
      const exec = this.options.createExec(definition);
      const limit = new ConcurrencyLimit(this.settings.concurrency);
      // Results are stored one at a time so progress and totals stay consistent.
      let storing = Promise.resolve();
      await Promise.all(
        checks.map(check =>
          limit.run(async () => {
            if (signal.aborted) return;
            await events.append<DiagnosticRunEvent>(run.id, { type: 'check-started', checkId: check.id });
            const result = await this.runCheck(check, signal, parts =>
              createCheckContext({
                cluster: definition,
                cache,
                scope,
                dns: this.options.dns,
                exec,
                talos,
                settings: { certificateExpiryWarningDays: this.settings.certificateExpiryWarningDays },
                ...parts,
                log: message => {
                  events.append<DiagnosticRunEvent>(run.id, { type: 'check-log', checkId: check.id, message }).catch(() => undefined);
                },
              }),
            );
            storing = storing.then(async () => {
              done += 1;
              totals = addToTotals(totals, result.outcome);
              await store.addResult(run.id, result, { done }, totals);
              await events.append<DiagnosticRunEvent>(run.id, {
                type: 'check-finished',
                result,
                progress: { done, total: checks.length },
              });
            });
            await storing;
          }),
        ),
      );
      if (signal.aborted) failure = String((signal.reason as Error)?.message ?? 'stopped');
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    } finally {
      clearInterval(heartbeat);
      (talos as { close?: () => void } | undefined)?.close?.();
    }

    let status: 'succeeded' | 'failed' | 'interrupted' = 'succeeded';
    if (failure) status = signal.aborted ? 'interrupted' : 'failed';
    const finished = await retryRunWrite(`Diagnostics run ${run.id}: recording its end`, () => store.finishRun(run.id, status, failure), this.options.logger);
    if (finished) {
      await events.append<DiagnosticRunEvent>(run.id, { type: 'run-finished', run: finished });
      events.close(run.id);
      if (this.options.onFinished) {
        const detail = await store.getRunDetail(run.id);
        if (detail) await this.options.onFinished(detail).catch(error => this.options.logger.warn(`After run ${run.id}: ${error}`));
      }
    }
  }

  /** Runs one check with its timeout; any throw or timeout becomes an `error` result. */
  private async runCheck(
    check: DiagnosticCheck,
    runSignal: AbortSignal,
    contextFor: (parts: { signal: AbortSignal }) => CheckContext,
  ): Promise<CheckResult> {
    const started = performance.now();
    const timeoutMs = this.settings.checkTimeoutMs;
    const signal = AbortSignal.any([runSignal, AbortSignal.timeout(timeoutMs)]);
    const base = { checkId: check.id, title: check.title, category: check.category };
    try {
      const report = await new Promise<Awaited<ReturnType<DiagnosticCheck['run']>>>((resolve, reject) => {
        const onAbort = () =>
          reject(new Error(runSignal.aborted ? 'the run was stopped' : `timed out after ${Math.round(timeoutMs / 1000)} s`));
        if (signal.aborted) onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        check.run(contextFor({ signal })).then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
      const outcome = report.skippedBecause ? 'skipped' : outcomeOfFindings(report.findings);
      return {
        ...base,
        outcome,
        summary: report.skippedBecause ?? report.summary,
        findings: report.findings,
        ...(report.evidence ? { evidence: report.evidence } : {}),
        ...(outcome === 'warn' || outcome === 'fail' ? { remediation: check.remediation } : {}),
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {
        ...base,
        outcome: 'error',
        summary: `The check could not decide: ${message}`,
        findings: [],
        durationMs: Math.round(performance.now() - started),
        error: message,
      };
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms).unref?.());
}
