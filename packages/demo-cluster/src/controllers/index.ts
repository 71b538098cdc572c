/**
 * Starts the simulated controllers over a store: Cilium LB-IPAM and L2 announcements, the
 * Cilium gateway controller, cert-manager, endpoints, and the workload controllers. They do one
 * full reconcile before startControllers returns, then follow store events.
 */
import type { ObjectStore } from '../store/types.ts';
import { createCertManagerController } from './cert-manager.ts';
import type { Controller, ControllerContext, ControllerName, ControllerOptions } from './controller.ts';
import { createEndpointsController } from './endpoints.ts';
import { createEventRecorder } from './event-recorder.ts';
import { createGatewayController } from './gateway.ts';
import { createInformerCache, resourceId } from './informer-cache.ts';
import { createL2AnnouncementsController } from './l2-announcements.ts';
import { createLbIpamController } from './lb-ipam.ts';
import { createReconcileQueue } from './reconcile-queue.ts';
import { createWorkloadsController } from './workloads.ts';

export type { ControllerName, ControllerOptions } from './controller.ts';
export { NOT_READY_DAEMONSETS_ANNOTATION } from './workload-pods.ts';

/** Running controllers. */
export interface RunningControllers {
  /** Unsubscribes from the store and cancels timers. */
  stop(): void;
  /** Resolves when every queued reconcile has run (timers such as issuance delays excepted). */
  whenIdle(): Promise<void>;
}

const FACTORIES: Record<ControllerName, (context: ControllerContext) => Controller> = {
  workloads: createWorkloadsController,
  endpoints: createEndpointsController,
  'lb-ipam': createLbIpamController,
  'l2-announcements': createL2AnnouncementsController,
  gateway: createGatewayController,
  'cert-manager': createCertManagerController,
};

/** All controller names, in the order they first reconcile. */
export const ALL_CONTROLLERS: readonly ControllerName[] = ['workloads', 'endpoints', 'gateway', 'lb-ipam', 'l2-announcements', 'cert-manager'];

/** Starts the controllers (all, or `options.controllers`) and reconciles everything once. */
export function startControllers(store: ObjectStore, options: ControllerOptions = {}): RunningControllers {
  const names = options.controllers ?? ALL_CONTROLLERS;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const settings = {
    certificateIssuanceDelayMs: options.certificateIssuanceDelayMs ?? 1500,
    leaseRenewIntervalMs: options.leaseRenewIntervalMs ?? 10_000,
    now: options.now ?? (() => new Date()),
  };
  const recorder = createEventRecorder(store, settings.now);
  const controllers = new Map<ControllerName, Controller>();
  const queue = createReconcileQueue(controllers);

  const cache = createInformerCache(store);
  const context: ControllerContext = {
    store,
    cache,
    options: settings,
    enqueue: (name, key) => queue.add(name, key),
    later(delayMs, callback) {
      if (stopped) return;
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!stopped) callback();
      }, delayMs);
      timer.unref?.();
      timers.add(timer);
    },
    recordEvent: (object, type, reason, message, component) => recorder.record(object, type, reason, message, component),
  };

  const routes = new Map<string, Controller[]>();
  for (const name of names) {
    const controller = FACTORIES[name](context);
    controllers.set(name, controller);
    for (const key of controller.watches) {
      const id = resourceId(key);
      routes.set(id, [...(routes.get(id) ?? []), controller]);
    }
  }

  const unsubscribe = store.subscribe((event) => {
    if (stopped) return;
    const interested = routes.get(resourceId(event.resource));
    if (!interested) return;
    cache.apply(event);
    for (const controller of interested) {
      for (const key of controller.keysFor(event)) queue.add(controller.name, key);
    }
  });

  for (const controller of controllers.values()) {
    for (const key of controller.allKeys()) queue.add(controller.name, key);
    queue.drainNow();
  }

  return {
    stop() {
      if (stopped) return;
      stopped = true;
      unsubscribe();
      queue.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of controllers.values()) controller.stop?.();
    },
    whenIdle: () => queue.whenIdle(),
  };
}
