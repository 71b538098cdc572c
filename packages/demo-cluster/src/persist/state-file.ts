/**
 * `--persist`: the cluster's state in `DIR/state.json` — every stored object, the store's
 * resourceVersion and the Talos machine state — written (atomically, debounced) after changes
 * and read back at the next start instead of seeding.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { MemoryStore, StoreSnapshot } from '../store/memory-store.ts';
import type { TalosClusterState } from '../talos/types.ts';

/** The content of state.json. */
export interface PersistedState {
  format: 'demo-cluster-state/v1';
  savedAt: string;
  store: StoreSnapshot;
  talos: TalosClusterState;
}

/** Reads a state file; undefined when there is none. Throws on a corrupt file. */
export function readStateFile(path: string): PersistedState | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as PersistedState;
  if (parsed.format !== 'demo-cluster-state/v1' || !parsed.store || !Array.isArray(parsed.store.objects) || !parsed.talos) {
    throw new Error(`${path} is not a demo-cluster state file`);
  }
  return parsed;
}

/** Writes the state file atomically (temp file, then rename). */
export function writeStateFile(path: string, store: MemoryStore, talos: TalosClusterState): void {
  const state: PersistedState = {
    format: 'demo-cluster-state/v1',
    savedAt: new Date().toISOString(),
    store: store.snapshot(),
    talos,
  };
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}

/** A running writer; `stop` writes a last time. */
export interface StateWriter {
  /** Writes now if anything changed since the last write. */
  flush(): void;
  stop(): void;
}

/**
 * Keeps the state file current: writes `debounceMs` after the first unsaved store change, and also when
 * the Talos state changes (it changes outside the store, so it is compared on a slow timer).
 */
export function startStateWriter(path: string, store: MemoryStore, talos: TalosClusterState, debounceMs = 500): StateWriter {
  let timer: NodeJS.Timeout | undefined;
  let dirty = true;
  let lastTalos = JSON.stringify(talos);
  // A large cluster takes a while to write; wait at least ten times that between writes so
  // steady controller traffic (lease renewals) does not keep the process busy writing.
  let lastWriteMs = 0;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const talosNow = JSON.stringify(talos);
    if (!dirty && talosNow === lastTalos) return;
    const started = performance.now();
    writeStateFile(path, store, talos);
    lastWriteMs = performance.now() - started;
    dirty = false;
    lastTalos = talosNow;
  };
  const unsubscribe = store.subscribe(() => {
    dirty = true;
    // The first change after a write schedules the next one; later changes ride along, so a
    // steady stream of changes cannot postpone the write forever.
    timer ??= setTimeout(flush, Math.max(debounceMs, lastWriteMs * 10));
  });
  const talosWatch = setInterval(flush, 2000);
  talosWatch.unref();
  flush();
  return {
    flush,
    stop: () => {
      unsubscribe();
      clearInterval(talosWatch);
      flush();
    },
  };
}
