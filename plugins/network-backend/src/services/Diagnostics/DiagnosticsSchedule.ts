import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { DiagnosticsRunner } from './DiagnosticsRunner';
import { DiagnosticsStore } from './DiagnosticsStore';
import { RunEventLog } from '../RunEvents/RunEventLog';

/** When scheduled runs and housekeeping happen; from `network.diagnostics.schedule` and `.retentionDays`. */
export interface DiagnosticsScheduleSettings {
  /** Minutes between scheduled full runs per cluster; 0 turns them off. */
  frequencyMinutes: number;
  /** Finished runs older than this are deleted. */
  retentionDays: number;
  /** A running run whose heartbeat is older than this is marked interrupted. */
  staleAfterMs: number;
}

/**
 * Registers the scheduled work with the Backstage scheduler. Tasks are `global`, so with
 * several replicas on one database each interval runs once, on one of them.
 */
export async function scheduleDiagnostics(options: {
  scheduler: SchedulerService;
  runner: DiagnosticsRunner;
  store: DiagnosticsStore;
  events: RunEventLog;
  clusters: string[];
  settings: DiagnosticsScheduleSettings;
  logger: LoggerService;
  /** More cleanup for the housekeeping task (e.g. closing bootstrap runs whose process died). */
  extraHousekeeping?: Array<() => Promise<void>>;
}): Promise<void> {
  const { scheduler, runner, store, events, settings, logger } = options;

  if (settings.frequencyMinutes > 0) {
    for (const cluster of options.clusters) {
      await scheduler.scheduleTask({
        id: `network-diagnostics:${cluster}`,
        frequency: { minutes: settings.frequencyMinutes },
        timeout: { minutes: 15 },
        // The first run waits one interval (at most a minute), so a restart does not run at once.
        initialDelay: { minutes: Math.min(1, settings.frequencyMinutes) },
        scope: 'global',
        fn: async () => {
          const run = await runner.runAndWait({ cluster, selection: { kind: 'all' }, trigger: 'schedule', actor: 'scheduler' });
          logger.info(`Scheduled diagnostics of ${cluster}: ${run.status}, ${JSON.stringify(run.totals)}`);
        },
      });
    }
  }

  await scheduler.scheduleTask({
    id: 'network-runs-housekeeping',
    frequency: { minutes: 5 },
    timeout: { minutes: 5 },
    scope: 'global',
    fn: async () => {
      const interrupted = await store.markInterrupted(new Date(Date.now() - settings.staleAfterMs));
      const deleted = await store.deleteFinishedBefore(new Date(Date.now() - settings.retentionDays * 86_400_000));
      await events.deleteRuns(deleted);
      for (const task of options.extraHousekeeping ?? []) await task();
      if (interrupted.length + deleted.length > 0) {
        logger.info(`Runs housekeeping: ${interrupted.length} marked interrupted, ${deleted.length} past retention deleted`);
      }
    },
  });
}
