import { randomUUID } from 'node:crypto';
import { Knex } from 'knex';
import { ConflictError } from '@backstage/errors';
import {
  BootstrapPlan,
  BootstrapRun,
  BootstrapRunEvent,
  BootstrapRunStep,
  RunStatus,
} from '@internal/plugin-network-common';
import { UnnumberedEvent } from '../RunEvents/RunEventLog';

interface BootstrapRunRow {
  id: string;
  cluster: string;
  plan_hash: string;
  plan: string;
  steps: string;
  status: RunStatus;
  actor: string;
  started_at: string;
  finished_at: string | null;
  heartbeat_at: string;
  diagnostics_run_id: string | null;
  error: string | null;
}

function toRun(row: BootstrapRunRow): BootstrapRun {
  return {
    id: row.id,
    cluster: row.cluster,
    planHash: row.plan_hash,
    status: row.status,
    actor: row.actor,
    startedAt: row.started_at,
    ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
    steps: JSON.parse(row.steps) as BootstrapRunStep[],
    ...(row.diagnostics_run_id ? { diagnosticsRunId: row.diagnostics_run_id } : {}),
    ...(row.error ? { error: row.error } : {}),
  };
}

const RUN_COLUMNS: Array<keyof BootstrapRunRow> = [
  'id',
  'cluster',
  'plan_hash',
  'steps',
  'status',
  'actor',
  'started_at',
  'finished_at',
  'heartbeat_at',
  'diagnostics_run_id',
  'error',
];

/**
 * Bootstrap runs (the audit history), their steps, and the per-cluster lock, in the plugin's
 * database (SQLite or PostgreSQL). The lock is a `bootstrap_locks` row keyed by cluster: it is
 * inserted with the run in one transaction, so across replicas only one run per cluster starts.
 */
export class BootstrapStore {
  constructor(private readonly db: Knex, private readonly now: () => Date = () => new Date()) {}

  /**
   * Creates a running run and takes the cluster's lock; a ConflictError names the run that
   * holds it: "a bootstrap of demo is running (run <id>, started by user:default/ada)".
   */
  async createRun(input: { cluster: string; plan: BootstrapPlan; steps: BootstrapRunStep[]; actor: string }): Promise<BootstrapRun> {
    const startedAt = this.now().toISOString();
    const row: BootstrapRunRow = {
      id: randomUUID(),
      cluster: input.cluster,
      plan_hash: input.plan.hash,
      plan: JSON.stringify(input.plan),
      steps: JSON.stringify(input.steps),
      status: 'running',
      actor: input.actor,
      started_at: startedAt,
      finished_at: null,
      heartbeat_at: startedAt,
      diagnostics_run_id: null,
      error: null,
    };
    try {
      await this.db.transaction(async tx => {
        const held = await tx('bootstrap_locks').where('cluster', input.cluster).first();
        if (held) throw await this.lockConflict(tx, input.cluster, held.run_id);
        await tx('bootstrap_runs').insert(row);
        await tx('bootstrap_locks').insert({ cluster: input.cluster, run_id: row.id, acquired_at: startedAt });
      });
    } catch (error) {
      if (error instanceof ConflictError) throw error;
      // Another replica inserted the lock between our read and our insert (primary key violation).
      const held = await this.db('bootstrap_locks').where('cluster', input.cluster).first();
      if (held) throw await this.lockConflict(this.db, input.cluster, held.run_id);
      throw error;
    }
    return toRun(row);
  }

  private async lockConflict(db: Knex, cluster: string, runId: string): Promise<ConflictError> {
    const holder = await db<BootstrapRunRow>('bootstrap_runs').where('id', runId).first();
    return new ConflictError(
      `a bootstrap of ${cluster} is running (run ${runId}, started by ${holder?.actor ?? 'unknown'})`,
    );
  }

  async getRun(runId: string): Promise<BootstrapRun | undefined> {
    const row = await this.db<BootstrapRunRow>('bootstrap_runs').where('id', runId).first(...RUN_COLUMNS);
    return row ? toRun(row) : undefined;
  }

  /** The plan a run was confirmed with. */
  async getPlan(runId: string): Promise<BootstrapPlan | undefined> {
    const row = await this.db<BootstrapRunRow>('bootstrap_runs').where('id', runId).first('plan');
    return row ? (JSON.parse(row.plan) as BootstrapPlan) : undefined;
  }

  /** A cluster's runs, newest first. */
  async listRuns(cluster: string, limit = 50): Promise<BootstrapRun[]> {
    const rows = await this.db<BootstrapRunRow>('bootstrap_runs')
      .where('cluster', cluster)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(limit)
      .select(...RUN_COLUMNS);
    return rows.map(toRun);
  }

  async updateSteps(runId: string, steps: BootstrapRunStep[]): Promise<void> {
    await this.db('bootstrap_runs').where('id', runId).update({ steps: JSON.stringify(steps), heartbeat_at: this.now().toISOString() });
  }

  async setDiagnosticsRunId(runId: string, diagnosticsRunId: string): Promise<void> {
    await this.db('bootstrap_runs').where('id', runId).update({ diagnostics_run_id: diagnosticsRunId });
  }

  /** Marks a run as alive; a run whose heartbeat goes stale is taken for dead by `markInterrupted`. */
  async heartbeat(runId: string): Promise<void> {
    await this.db('bootstrap_runs').where({ id: runId, status: 'running' }).update({ heartbeat_at: this.now().toISOString() });
  }

  /** Ends a run and frees its cluster's lock, in one transaction. */
  async finish(runId: string, status: RunStatus, error?: string): Promise<BootstrapRun> {
    await this.db.transaction(async tx => {
      await tx('bootstrap_runs')
        .where('id', runId)
        .update({ status, finished_at: this.now().toISOString(), error: error ?? null });
      await tx('bootstrap_locks').where('run_id', runId).delete();
    });
    return (await this.getRun(runId))!;
  }

  /**
   * Runs still `running` whose heartbeat is older than `olderThanMs` belonged to a process that
   * died: they become `interrupted` (running steps fail) and their locks are freed. Called at
   * startup. Returns the runs it interrupted.
   */
  async markInterrupted(olderThanMs: number): Promise<BootstrapRun[]> {
    const now = this.now();
    const cutoff = new Date(now.getTime() - olderThanMs).toISOString();
    const stale = await this.db<BootstrapRunRow>('bootstrap_runs')
      .where('status', 'running')
      .andWhere('heartbeat_at', '<', cutoff)
      .select(...RUN_COLUMNS);
    const interrupted: BootstrapRun[] = [];
    for (const row of stale) {
      const steps = (JSON.parse(row.steps) as BootstrapRunStep[]).map(step =>
        step.status === 'running' ? { ...step, status: 'failed' as const, message: 'interrupted', finishedAt: now.toISOString() } : step,
      );
      const error = `interrupted: the backend running it stopped (last heartbeat ${row.heartbeat_at})`;
      await this.db.transaction(async tx => {
        await tx('bootstrap_runs')
          .where({ id: row.id, status: 'running' })
          .update({ status: 'interrupted', finished_at: now.toISOString(), steps: JSON.stringify(steps), error });
        await tx('bootstrap_locks').where('run_id', row.id).delete();
      });
      interrupted.push((await this.getRun(row.id))!);
    }
    return interrupted;
  }

  /**
   * Appends an event after the run's last stored one. Only for runs no live process writes
   * (an interrupted run's closing event); live runs number their events through RunEventLog.
   */
  async appendEventAfterLast(runId: string, event: UnnumberedEvent<BootstrapRunEvent>): Promise<void> {
    const last = await this.db('run_events').where('run_id', runId).max({ seq: 'seq' }).first();
    const seq = Number(last?.seq ?? 0) + 1;
    await this.db('run_events').insert({
      run_id: runId,
      seq,
      at: this.now().toISOString(),
      event: JSON.stringify({ seq, ...event }),
    });
  }
}
