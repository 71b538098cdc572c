/**
 * The work queue of the controllers: de-duplicated keys per controller, drained either at
 * once (the initial reconcile) or on the next turn of the event loop (after store events).
 * Writes made while draining only add keys, so a controller never re-enters itself.
 */
import type { Controller, ControllerName } from './controller.ts';

/** Bound on drain passes, so a controller bug cannot spin forever. */
const MAX_PASSES = 10_000;

/** The queue with its drain loop. */
export interface ReconcileQueue {
  add(name: ControllerName, key: string): void;
  /** Reconciles until nothing is queued. */
  drainNow(): void;
  /** Resolves once the queue is empty and no drain is scheduled. */
  whenIdle(): Promise<void>;
  stop(): void;
}

/** Creates a queue over `controllers`. */
export function createReconcileQueue(controllers: ReadonlyMap<ControllerName, Controller>): ReconcileQueue {
  const pending = new Map<ControllerName, Set<string>>();
  let scheduled: NodeJS.Immediate | undefined;
  let draining = false;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  const hasWork = (): boolean => [...pending.values()].some((keys) => keys.size > 0);

  function drainNow(): void {
    if (draining || stopped) return;
    draining = true;
    try {
      let passes = 0;
      while (hasWork() && passes++ < MAX_PASSES) {
        for (const [name, keys] of pending) {
          if (keys.size === 0) continue;
          const batch = [...keys];
          keys.clear();
          const controller = controllers.get(name);
          if (!controller) continue;
          for (const key of batch) {
            try {
              controller.reconcile(key);
            } catch (error) {
              const reason = (error as { reason?: string }).reason;
              // A concurrent write won: look again with fresh data.
              if (reason === 'Conflict') keys.add(key);
              else if (reason !== 'NotFound' && reason !== 'AlreadyExists') {
                process.emitWarning(`demo-cluster controller ${name} failed on ${key}: ${(error as Error).message}`);
              }
            }
          }
        }
      }
    } finally {
      draining = false;
    }
    if (!hasWork()) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function schedule(): void {
    if (scheduled || stopped || draining) return;
    scheduled = setImmediate(() => {
      scheduled = undefined;
      drainNow();
      if (hasWork()) schedule();
    });
  }

  return {
    add(name, key) {
      if (stopped) return;
      let keys = pending.get(name);
      if (!keys) {
        keys = new Set();
        pending.set(name, keys);
      }
      keys.add(key);
      schedule();
    },
    drainNow,
    whenIdle() {
      if (!hasWork() && !scheduled && !draining) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    stop() {
      stopped = true;
      if (scheduled) clearImmediate(scheduled);
      scheduled = undefined;
      pending.clear();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    },
  };
}
