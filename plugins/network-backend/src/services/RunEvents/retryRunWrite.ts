import { LoggerService } from '@backstage/backend-plugin-api';

/** How long the end of a run is retried while the database is away. */
export const RUN_WRITE_RETRY_MS = 60_000;

/**
 * Writes something a run must not lose, such as its end. The database may be away right then
 * (a restart, a failover); retrying with backoff keeps a run whose process is alive from
 * staying `running` (and a bootstrap's cluster locked) until the stale sweep.
 */
export async function retryRunWrite<T>(what: string, write: () => Promise<T>, logger: LoggerService, withinMs = RUN_WRITE_RETRY_MS): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      logger.warn(`${what} failed (${error}); retrying`);
      await new Promise(resolve => setTimeout(resolve, Math.min(5_000, 250 * 2 ** attempt)));
    }
  }
}
