/**
 * Watch streams: newline-delimited JSON watch events over a chunked HTTP answer, starting with
 * the current state (no resourceVersion) or the events after a resourceVersion, with bookmarks,
 * `410` ERROR events for versions older than the history, and `timeoutSeconds`.
 */
import type { ServerResponse } from 'node:http';
import type { MemoryStore } from '../store/memory-store.ts';
import { StoreError } from '../store/errors.ts';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector } from '../store/selectors.ts';
import type { KubeObject, ResourceType, StoreEvent } from '../store/types.ts';
import { failureStatus } from './status.ts';

/** What a watch request asked for. */
export interface WatchRequest {
  resource: ResourceType;
  /** The apiVersion objects are shown in. */
  apiVersion: string;
  namespace: string | undefined;
  labelSelector: string | undefined;
  fieldSelector: string | undefined;
  /** undefined or '' / '0': start with the current objects as ADDED events. */
  resourceVersion: string | undefined;
  allowBookmarks: boolean;
  /** `sendInitialEvents=true`: streaming list, ends the initial events with a marked bookmark. */
  sendInitialEvents: boolean;
  timeoutSeconds: number | undefined;
  /** Turns an object into what the event carries (the object itself or a one-row Table). */
  present: (object: KubeObject) => unknown;
}

/** Options of the watch machinery. */
export interface WatchSettings {
  bookmarkIntervalMs: number;
}

/** Unsent watch output beyond which a watcher counts as stuck and is closed. */
const MAX_BUFFERED_BYTES = 256 * 1024 * 1024;

function inVersion(object: KubeObject, apiVersion: string): KubeObject {
  return object.apiVersion === apiVersion ? object : { ...object, apiVersion };
}

/**
 * Streams a watch on `response` until the client goes away, the timeout passes or `stop` is
 * called. Returns the stop function. Selector errors are thrown before anything is written.
 */
export function serveWatch(store: MemoryStore, request: WatchRequest, response: ServerResponse, settings: WatchSettings): () => void {
  const labels = request.labelSelector ? parseLabelSelector(request.labelSelector) : [];
  const fields = request.fieldSelector ? parseFieldSelector(request.fieldSelector) : [];
  const filtered = labels.length > 0 || fields.length > 0;
  const matches = (object: KubeObject) =>
    (!request.resource.namespaced || request.namespace === undefined || object.metadata.namespace === request.namespace) &&
    (labels.length === 0 || matchesLabels(labels, object.metadata.labels)) &&
    (fields.length === 0 || matchesFields(fields, object));
  const identity = (object: KubeObject) => `${object.metadata.namespace ?? ''}/${object.metadata.name}`;
  // Objects this watcher currently sees, to turn selector transitions into ADDED/DELETED.
  const visible = new Set<string>();

  response.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  // Clients wait for the headers before reading events; send them even when no event is due yet.
  response.flushHeaders();
  let stopped = false;
  const write = (type: string, object: unknown) => {
    if (stopped) return;
    response.write(`${JSON.stringify({ type, object })}\n`);
    // A client that stops reading would make the buffer grow without end; the real server
    // also drops watchers that cannot keep up. Clients then re-list and watch again.
    if (response.writableLength > MAX_BUFFERED_BYTES) stop();
  };
  const bookmark = (resourceVersion: number, initialEventsEnd = false) => {
    const metadata: Record<string, unknown> = { resourceVersion: String(resourceVersion) };
    if (initialEventsEnd) metadata.annotations = { 'k8s.io/initial-events-end': 'true' };
    write('BOOKMARK', { kind: request.resource.kind, apiVersion: request.apiVersion, metadata });
  };

  const deliver = (event: StoreEvent) => {
    if (event.resource !== request.resource && (event.resource.group !== request.resource.group || event.resource.plural !== request.resource.plural)) {
      return;
    }
    const object = inVersion(event.object, request.apiVersion);
    if (!filtered) {
      if (!matches(object)) return;
      write(event.type, request.present(object));
      return;
    }
    const id = identity(object);
    const wasVisible = visible.has(id);
    const isMatch = event.type !== 'DELETED' && matches(object);
    if (event.type === 'DELETED') {
      if (wasVisible || matches(object)) write('DELETED', request.present(object));
      visible.delete(id);
    } else if (isMatch) {
      visible.add(id);
      write(wasVisible ? event.type : 'ADDED', request.present(object));
    } else if (wasVisible) {
      visible.delete(id);
      write('DELETED', request.present(object));
    }
  };

  const timers: NodeJS.Timeout[] = [];
  let unsubscribe = () => {};
  function stop(): void {
    if (stopped) return;
    stopped = true;
    unsubscribe();
    for (const timer of timers) clearTimeout(timer);
    response.end();
  }

  const startVersion = request.resourceVersion;
  // No version, or "0" (any version): the watch starts with the current objects as ADDED events.
  const fromScratch = startVersion === undefined || startVersion === '' || startVersion === '0';
  if (fromScratch || request.sendInitialEvents) {
    for (const object of store.listReadOnly(
      { group: request.resource.group, plural: request.resource.plural },
      { namespace: request.namespace, labelSelector: request.labelSelector, fieldSelector: request.fieldSelector },
    )) {
      if (filtered) visible.add(identity(object));
      write('ADDED', request.present(inVersion(object, request.apiVersion)));
    }
    if (request.sendInitialEvents) bookmark(store.currentResourceVersion(), true);
  } else {
    const since = Number(startVersion);
    if (!Number.isInteger(since) || since < 0) {
      write('ERROR', failureStatus(400, 'BadRequest', `invalid resource version: "${startVersion}"`));
      stop();
      return stop;
    }
    try {
      if (filtered) {
        for (const object of store.listReadOnly(
          { group: request.resource.group, plural: request.resource.plural },
          { namespace: request.namespace, labelSelector: request.labelSelector, fieldSelector: request.fieldSelector },
        )) {
          visible.add(identity(object));
        }
      }
      for (const event of store.eventsSince(since)) deliver(event);
    } catch (error) {
      if (error instanceof StoreError && error.reason === 'Gone') {
        // The real server reports an expired watch as an ERROR event with code 410.
        write('ERROR', failureStatus(410, 'Expired', error.message));
        stop();
        return stop;
      }
      throw error;
    }
  }
  // Everything above ran synchronously, so no committed event can fall between replay and subscription.
  unsubscribe = store.subscribe(deliver);

  if (request.allowBookmarks) {
    const tick = () => {
      bookmark(store.currentResourceVersion());
      timers[0] = setTimeout(tick, settings.bookmarkIntervalMs);
    };
    timers[0] = setTimeout(tick, settings.bookmarkIntervalMs);
  }
  if (request.timeoutSeconds !== undefined && request.timeoutSeconds > 0) {
    timers.push(setTimeout(stop, request.timeoutSeconds * 1000));
  }
  response.on('close', stop);
  return stop;
}
