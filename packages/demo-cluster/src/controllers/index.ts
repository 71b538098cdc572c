/**
 * Starts the simulated controllers over a store: Cilium LB-IPAM and L2 announcements, the
 * Cilium gateway controller, cert-manager, endpoints, the workload controllers, the
 * ingress-nginx status publisher and the default ServiceAccounts. They do one
 * full reconcile before startControllers returns, then follow store events.
 */
import { parseApiVersion } from '../store/resources.ts';
import type { KubeObject, ObjectStore, StoreEvent } from '../store/types.ts';
import { createCertManagerController } from './cert-manager.ts';
import type { Controller, ControllerContext, ControllerName, ControllerOptions } from './controller.ts';
import { createEndpointsController } from './endpoints.ts';
import { createEventRecorder } from './event-recorder.ts';
import { createGatewayController } from './gateway.ts';
import { createInformerCache, resourceId } from './informer-cache.ts';
import { createIngressStatusController } from './ingress-status.ts';
import { createL2AnnouncementsController } from './l2-announcements.ts';
import { createLbIpamController } from './lb-ipam.ts';
import { createReconcileQueue } from './reconcile-queue.ts';
import { createServiceAccountsController } from './service-accounts.ts';
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
  'ingress-status': createIngressStatusController,
  'service-accounts': createServiceAccountsController,
};

/** All controller names, in the order they first reconcile. */
export const ALL_CONTROLLERS: readonly ControllerName[] = ['workloads', 'endpoints', 'gateway', 'lb-ipam', 'l2-announcements', 'cert-manager', 'ingress-status', 'service-accounts'];

/** A store whose writes also report their results to `onWrite`, used when nothing subscribes. */
function writeThrough(store: ObjectStore, onWrite: (event: StoreEvent) => void): ObjectStore {
  const report = (type: StoreEvent['type'], object: KubeObject, dryRun?: boolean): KubeObject => {
    const resource = store.resources.byKind(object.kind, parseApiVersion(object.apiVersion).group);
    if (resource && !dryRun) onWrite({ type, resource, object, resourceVersion: Number(object.metadata.resourceVersion) });
    return object;
  };
  return {
    resources: store.resources,
    get: (key, namespace, name) => store.get(key, namespace, name),
    list: (key, options) => store.list(key, options),
    create: (object, options) => report('ADDED', store.create(object, options), options?.dryRun),
    update: (object, options) => report('MODIFIED', store.update(object, options), options?.dryRun),
    updateStatus: (object, options) => report('MODIFIED', store.updateStatus(object, options), options?.dryRun),
    delete: (key, namespace, name, options) => report('DELETED', store.delete(key, namespace, name, options), options?.dryRun),
    subscribe: (listener) => store.subscribe(listener),
    currentResourceVersion: () => store.currentResourceVersion(),
  };
}

/**
 * Runs the named controllers once to completion without subscribing to the store (so the
 * store does not copy every event for a listener). Timers are not started. For seeding.
 */
export function reconcileOnce(store: ObjectStore, names: readonly ControllerName[], options: ControllerOptions = {}): void {
  const running = buildControllers(store, { ...options, controllers: names, leaseRenewIntervalMs: 0 }, 'write-through');
  running.stop();
}

/** Starts the controllers (all, or `options.controllers`) and reconciles everything once. */
export function startControllers(store: ObjectStore, options: ControllerOptions = {}): RunningControllers {
  return buildControllers(store, options, 'subscribe');
}

function buildControllers(store: ObjectStore, options: ControllerOptions, mode: 'subscribe' | 'write-through'): RunningControllers {
  const names = options.controllers ?? ALL_CONTROLLERS;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const settings = {
    certificateIssuanceDelayMs: options.certificateIssuanceDelayMs ?? 1500,
    leaseRenewIntervalMs: options.leaseRenewIntervalMs ?? 10_000,
    now: options.now ?? (() => new Date()),
  };
  let route: (event: StoreEvent) => void = () => {};
  const writer = mode === 'write-through' ? writeThrough(store, (event) => route(event)) : store;
  const recorder = createEventRecorder(writer, settings.now);
  const controllers = new Map<ControllerName, Controller>();
  const queue = createReconcileQueue(controllers);

  const cache = createInformerCache(store);
  const context: ControllerContext = {
    store: writer,
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

  route = (event: StoreEvent): void => {
    if (stopped) return;
    const interested = routes.get(resourceId(event.resource));
    if (!interested) return;
    cache.apply(event);
    for (const controller of interested) {
      for (const key of controller.keysFor(event)) queue.add(controller.name, key);
    }
  };
  const unsubscribe = mode === 'subscribe' ? store.subscribe(route) : () => {};

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
