/**
 * Tolerance for what other parts of the cluster may do: reads of list fields that survive
 * malformed objects (the simulated API server validates less than a real one, so a Service with
 * `ports: "x"` can reach the store; controllers skip what they cannot read instead of failing a
 * whole pass), per-object isolation of a pass, and deletes that find the object already gone.
 */
import type { ResourceKey } from '../store/types.ts';

/** The object entries of an array field; anything else reads as empty. */
export function listOf<T extends object>(value: unknown): T[] {
  return Array.isArray(value) ? (value.filter((item) => item !== null && typeof item === 'object') as T[]) : [];
}

/** The string entries of an array field. */
export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** An object field, or an empty object. */
export function recordOf<T extends object>(value: unknown): Partial<T> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<T>) : {};
}

/** Runs `action` for each item; one that throws is reported and skipped. */
export function forEachIsolated<T>(items: Iterable<T>, what: string, action: (item: T) => void): void {
  for (const item of items) {
    try {
      action(item);
    } catch (error) {
      const reason = (error as { reason?: string }).reason;
      // A write that lost a race is retried by the next event; not worth a warning.
      if (reason === 'Conflict' || reason === 'NotFound' || reason === 'AlreadyExists') continue;
      process.emitWarning(`demo-cluster ${what}: ${(error as Error).message}`);
    }
  }
}

/**
 * Deletes an object that may already be gone: the API server's garbage collector and the
 * controllers both clean up dependents, whichever comes first.
 */
export function deleteIfPresent(store: { delete(key: ResourceKey, namespace: string | undefined, name: string): unknown }, key: ResourceKey, namespace: string | undefined, name: string): void {
  try {
    store.delete(key, namespace, name);
  } catch (error) {
    if ((error as { reason?: string }).reason !== 'NotFound') throw error;
  }
}
