import { SignalsService } from '@backstage/plugin-signals-node';
import { LoggerService } from '@backstage/backend-plugin-api';

/** The signal channel the UI subscribes to. */
export const CLUSTER_CHANGED_CHANNEL = 'network:cluster-changed';

/** Options of {@link ClusterChangeNotifier}. */
export interface ClusterChangeNotifierOptions {
  signals?: SignalsService;
  logger: LoggerService;
  /** Quiet time before a batch of changes is published. */
  debounceMs?: number;
}

/**
 * Collects cache changes per cluster and publishes at most one `network:cluster-changed` signal
 * `{cluster, kinds}` per period (500 ms), so a burst of watch events becomes one UI refresh.
 */
export class ClusterChangeNotifier {
  private readonly options: ClusterChangeNotifierOptions;
  private readonly pending = new Map<string, Set<string>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly debounceMs: number;

  constructor(options: ClusterChangeNotifierOptions) {
    this.options = options;
    this.debounceMs = options.debounceMs ?? 500;
  }

  /**
   * Records that `kind` changed in `cluster`. The first change of a quiet period schedules the
   * signal; later ones join it, so a steady stream of events still produces one signal per
   * period instead of postponing it forever.
   */
  changed(cluster: string, kind: string): void {
    let kinds = this.pending.get(cluster);
    if (!kinds) {
      kinds = new Set();
      this.pending.set(cluster, kinds);
    }
    kinds.add(kind);
    if (this.timers.has(cluster)) return;
    const timer = setTimeout(() => this.flush(cluster), this.debounceMs);
    timer.unref?.();
    this.timers.set(cluster, timer);
  }

  /** Drops pending notifications (shutdown). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }

  private flush(cluster: string): void {
    const kinds = this.pending.get(cluster);
    this.pending.delete(cluster);
    this.timers.delete(cluster);
    if (!kinds || !this.options.signals) return;
    this.options.signals
      .publish({
        recipients: { type: 'broadcast' },
        channel: CLUSTER_CHANGED_CHANNEL,
        message: { cluster, kinds: [...kinds].sort() },
      })
      .catch(error => this.options.logger.warn(`Publishing ${CLUSTER_CHANGED_CHANNEL} failed: ${error}`));
  }
}
