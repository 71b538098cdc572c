import { Knex } from 'knex';
import {
  CheckOutcome,
  CheckResult,
  DiagnosticRun,
  DiagnosticRunDetail,
  DiagnosticSelection,
  OutcomeTotals,
  RunStatus,
  RunTrigger,
} from '@internal/plugin-network-common';

/** Totals with every outcome at zero. */
export function emptyTotals(): OutcomeTotals {
  return { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 };
}

interface RunRow {
  id: string;
  cluster: string;
  selection: string;
  status: RunStatus;
  trigger: RunTrigger;
  actor: string;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string;
  progress_done: number;
  progress_total: number;
  totals: string;
  error: string | null;
}

function toRun(row: RunRow): DiagnosticRun {
  return {
    id: row.id,
    cluster: row.cluster,
    selection: JSON.parse(row.selection) as DiagnosticSelection,
    status: row.status,
    trigger: row.trigger,
    actor: row.actor,
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    progress: { done: row.progress_done, total: row.progress_total },
    totals: JSON.parse(row.totals) as OutcomeTotals,
    ...(row.error ? { error: row.error } : {}),
  };
}

/** Diagnostics runs and their check results in the plugin's database (SQLite or PostgreSQL). */
export class DiagnosticsStore {
  constructor(private readonly db: Knex) {}

  async createRun(run: DiagnosticRun): Promise<void> {
    await this.db('diagnostic_runs').insert({
      id: run.id,
      cluster: run.cluster,
      selection: JSON.stringify(run.selection),
      status: run.status,
      trigger: run.trigger,
      actor: run.actor,
      started_at: run.startedAt,
      heartbeat_at: run.startedAt,
      progress_done: run.progress.done,
      progress_total: run.progress.total,
      totals: JSON.stringify(run.totals),
    });
  }

  /** Stores one check's result and the run's progress and totals with it. */
  async addResult(runId: string, result: CheckResult, progress: { done: number }, totals: OutcomeTotals): Promise<void> {
    const now = new Date().toISOString();
    await this.db.transaction(async tx => {
      await tx('diagnostic_results').insert({
        run_id: runId,
        check_id: result.checkId,
        outcome: result.outcome,
        result: JSON.stringify(result),
        finished_at: now,
      });
      await tx('diagnostic_runs')
        .where('id', runId)
        .update({ progress_done: progress.done, totals: JSON.stringify(totals), heartbeat_at: now });
    });
  }

  async heartbeat(runId: string): Promise<void> {
    await this.db('diagnostic_runs')
      .where({ id: runId, status: 'running' })
      .update({ heartbeat_at: new Date().toISOString() });
  }

  async finishRun(runId: string, status: Exclude<RunStatus, 'running'>, error?: string): Promise<DiagnosticRun | undefined> {
    await this.db('diagnostic_runs')
      .where('id', runId)
      .update({ status, finished_at: new Date().toISOString(), error: error ?? null });
    return this.getRun(runId);
  }

  async getRun(runId: string): Promise<DiagnosticRun | undefined> {
    const row = await this.db<RunRow>('diagnostic_runs').where('id', runId).first();
    return row ? toRun(row) : undefined;
  }

  async getRunDetail(runId: string): Promise<DiagnosticRunDetail | undefined> {
    const run = await this.getRun(runId);
    if (!run) return undefined;
    const rows = await this.db('diagnostic_results').where('run_id', runId).orderBy('finished_at', 'asc').select('result');
    return { ...run, results: rows.map(row => JSON.parse(row.result) as CheckResult) };
  }

  /** A cluster's runs, newest first. */
  async listRuns(cluster: string, options: { limit: number; status?: RunStatus; trigger?: RunTrigger }): Promise<DiagnosticRun[]> {
    let query = this.db<RunRow>('diagnostic_runs').where('cluster', cluster);
    if (options.status) query = query.andWhere('status', options.status);
    if (options.trigger) query = query.andWhere('trigger', options.trigger);
    const rows = await query.orderBy('started_at', 'desc').limit(options.limit);
    return rows.map(toRun);
  }

  /**
   * The outcome of each check in the latest finished run of a cluster that ran it, before
   * `beforeStartedAt`: what a new result is compared with to notice a pass turning into a fail.
   */
  async previousOutcomes(cluster: string, checkIds: string[], beforeStartedAt: string): Promise<Map<string, CheckOutcome>> {
    const rows = await this.db('diagnostic_results as r')
      .join('diagnostic_runs as run', 'run.id', 'r.run_id')
      .where('run.cluster', cluster)
      .andWhere('run.started_at', '<', beforeStartedAt)
      .andWhere('run.status', 'succeeded')
      .whereIn('r.check_id', checkIds)
      .orderBy('run.started_at', 'desc')
      .select('r.check_id', 'r.outcome');
    const outcomes = new Map<string, CheckOutcome>();
    for (const row of rows) {
      if (!outcomes.has(row.check_id)) outcomes.set(row.check_id, row.outcome);
    }
    return outcomes;
  }

  /**
   * Marks runs whose heartbeat stopped (their process died) as interrupted, so no run stays
   * "running" forever. Returns the ids it marked.
   */
  async markInterrupted(staleBefore: Date): Promise<string[]> {
    const stale = await this.db('diagnostic_runs')
      .where('status', 'running')
      .andWhere('heartbeat_at', '<', staleBefore.toISOString())
      .select('id');
    const ids = stale.map(row => row.id as string);
    if (ids.length > 0) {
      await this.db('diagnostic_runs').whereIn('id', ids).update({
        status: 'interrupted',
        finished_at: new Date().toISOString(),
        error: 'The backend running this diagnostics run stopped before it finished',
      });
    }
    return ids;
  }

  /** Deletes finished runs that started before `before` (retention); returns their ids. */
  async deleteFinishedBefore(before: Date): Promise<string[]> {
    const rows = await this.db('diagnostic_runs')
      .whereNot('status', 'running')
      .andWhere('started_at', '<', before.toISOString())
      .select('id');
    const ids = rows.map(row => row.id as string);
    for (let index = 0; index < ids.length; index += 500) {
      const batch = ids.slice(index, index + 500);
      await this.db('diagnostic_results').whereIn('run_id', batch).delete();
      await this.db('diagnostic_runs').whereIn('id', batch).delete();
    }
    return ids;
  }
}
