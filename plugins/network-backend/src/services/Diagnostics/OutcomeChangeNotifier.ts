import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { DiagnosticRunDetail } from '@internal/plugin-network-common';
import { DiagnosticsStore } from './DiagnosticsStore';

/** Who hears about checks that turned from pass to fail. */
export type NotificationRecipientsConfig = { type: 'broadcast' } | { type: 'entity'; entityRef: string[] };

/**
 * After each run, compares every check's outcome with its outcome in the cluster's previous
 * run and sends one notification listing the checks that went from pass to fail.
 */
export class OutcomeChangeNotifier {
  constructor(
    private readonly options: {
      store: DiagnosticsStore;
      notifications: NotificationService;
      recipients: NotificationRecipientsConfig;
      logger: LoggerService;
    },
  ) {}

  async runFinished(run: DiagnosticRunDetail): Promise<string[]> {
    if (run.status !== 'succeeded') return [];
    const previous = await this.options.store.previousOutcomes(
      run.cluster,
      run.results.map(result => result.checkId),
      run.startedAt,
    );
    const turned = run.results.filter(result => result.outcome === 'fail' && previous.get(result.checkId) === 'pass');
    if (turned.length === 0) return [];
    const titles = turned.map(result => `${result.title}: ${result.summary}`);
    await this.options.notifications.send({
      recipients: this.options.recipients,
      payload: {
        title: `${turned.length} network check${turned.length > 1 ? 's' : ''} started failing on ${run.cluster}`,
        description: titles.join('\n'),
        link: `/network/diagnostics?cluster=${encodeURIComponent(run.cluster)}&run=${run.id}`,
        severity: 'high',
        topic: `network-diagnostics:${run.cluster}`,
      },
    });
    this.options.logger.info(`Notified: ${turned.map(result => result.checkId).join(', ')} turned from pass to fail on ${run.cluster}`);
    return turned.map(result => result.checkId);
  }
}
