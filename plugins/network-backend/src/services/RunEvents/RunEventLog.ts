import { Knex } from 'knex';

/** An event before the log numbers it (distributes over the event union). */
export type UnnumberedEvent<T> = T extends unknown ? Omit<T, 'seq'> : never;

/** One stored progress event of a run (diagnostics or bootstrap). */
export interface StoredRunEvent<T> {
  seq: number;
  event: T;
}

/**
 * The progress events of runs, in the `run_events` table, so that an event stream served by
 * any replica can tail a run started on another. One writer per run (the process running it)
 * hands out the sequence numbers, so appends need no locking.
 */
export class RunEventLog {
  private readonly nextSeq = new Map<string, number>();

  constructor(private readonly db: Knex) {}

  /** Appends an event with the run's next sequence number, stamped into the event as `seq`. */
  async append<T extends { seq: number }>(runId: string, event: UnnumberedEvent<T>): Promise<T> {
    const seq = (this.nextSeq.get(runId) ?? 0) + 1;
    this.nextSeq.set(runId, seq);
    const stored = { seq, ...event } as unknown as T;
    await this.db('run_events').insert({
      run_id: runId,
      seq,
      at: new Date().toISOString(),
      event: JSON.stringify(stored),
    });
    return stored;
  }

  /** Forgets the writer's counter of a finished run. */
  close(runId: string): void {
    this.nextSeq.delete(runId);
  }

  /** Events of a run after `afterSeq`, in order. */
  async after<T>(runId: string, afterSeq: number, limit = 500): Promise<T[]> {
    const rows = await this.db('run_events')
      .where('run_id', runId)
      .andWhere('seq', '>', afterSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .select('event');
    return rows.map(row => JSON.parse(row.event) as T);
  }

  /** Removes the events of runs (retention). */
  async deleteRuns(runIds: string[]): Promise<void> {
    for (let index = 0; index < runIds.length; index += 500) {
      await this.db('run_events').whereIn('run_id', runIds.slice(index, index + 500)).delete();
    }
  }
}
