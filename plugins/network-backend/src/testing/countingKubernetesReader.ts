import { KubernetesReader } from '../services/KubernetesClient/KubernetesClient';

/** What a {@link CountingKubernetesReader} saw. */
export interface KubernetesReaderCounts {
  /** List calls per collection path. */
  lists: Map<string, number>;
  /** Watch streams opened. */
  watches: number;
  /** Watch ERROR events with code 410 (the server said the resourceVersion is gone). */
  expiredWatches: number;
}

/**
 * Wraps a reader and counts lists, watches and 410 ERROR events, so fault tests can show
 * that the cache re-listed for the reason they provoked.
 */
export function countingKubernetesReader(inner: KubernetesReader): { reader: KubernetesReader; counts: KubernetesReaderCounts } {
  const counts: KubernetesReaderCounts = { lists: new Map(), watches: 0, expiredWatches: 0 };
  const reader: KubernetesReader = {
    getJson: path => inner.getJson(path),
    list: (path, mapItem) => {
      counts.lists.set(path, (counts.lists.get(path) ?? 0) + 1);
      return inner.list(path, mapItem);
    },
    watch: (path, resourceVersion, handlers) => {
      counts.watches += 1;
      return inner.watch(path, resourceVersion, {
        onOpen: () => handlers.onOpen?.(),
        onEvent: event => {
          if (event.type === 'ERROR' && event.object?.code === 410) counts.expiredWatches += 1;
          handlers.onEvent(event);
        },
        onClose: error => handlers.onClose(error),
      });
    },
    close: () => inner.close(),
  };
  return { reader, counts };
}
