/**
 * The shape every simulated controller has, and what the runtime hands it: a cache to read,
 * the store to write, a way to reconcile later (issuance delays), and an event recorder.
 */
import type { KubeObject, ObjectStore, ResourceKey, StoreEvent } from '../store/types.ts';
import type { InformerCache } from './informer-cache.ts';

/** Tuning of the controllers; every field optional. */
export interface ControllerOptions {
  /** Which controllers to run (default: all). */
  controllers?: readonly ControllerName[];
  /** Delay between a Certificate's Issuing and Ready conditions, in ms (default 1500). */
  certificateIssuanceDelayMs?: number;
  /** How often L2 announcement leases are renewed, in ms (default 10000; 0 disables renewal). */
  leaseRenewIntervalMs?: number;
  /** Clock, for tests. */
  now?: () => Date;
}

/** Names of the simulated controllers. */
export type ControllerName = 'workloads' | 'endpoints' | 'lb-ipam' | 'l2-announcements' | 'gateway' | 'cert-manager' | 'ingress-status' | 'service-accounts';

/** What the runtime gives each controller. */
export interface ControllerContext {
  store: ObjectStore;
  cache: InformerCache;
  options: Required<Omit<ControllerOptions, 'controllers'>>;
  /** Asks for `key` of controller `name` to be reconciled soon (after the current work). */
  enqueue(name: ControllerName, key: string): void;
  /** Runs `callback` after `delayMs` unless the controllers were stopped. */
  later(delayMs: number, callback: () => void): void;
  /** Records a core/v1 Event about `object`. */
  recordEvent(object: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string): void;
}

/** A controller: maps changes to keys, and reconciles one key at a time. */
export interface Controller {
  readonly name: ControllerName;
  /** Kinds it reads; the runtime caches them and routes their changes here. */
  readonly watches: readonly ResourceKey[];
  /** The keys a change concerns. */
  keysFor(event: StoreEvent): string[];
  /** Every key, reconciled once at start. */
  allKeys(): string[];
  reconcile(key: string): void;
  /** Releases timers; optional. */
  stop?(): void;
}
