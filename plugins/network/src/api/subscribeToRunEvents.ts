import type { FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { EventStreamParser } from './EventStreamParser';

/** What every run event of the network backend's streams carries. */
export interface SequencedEvent {
  seq: number;
  type: string;
}

/** Options of {@link subscribeToRunEvents}. */
export interface RunEventSubscription<T extends SequencedEvent> {
  fetchApi: FetchApi;
  /** The stream's URL without `after`, e.g. `.../diagnostics/runs/<id>/events`. */
  url: string;
  /** Receive only events after this seq (those before were already seen). */
  after?: number;
  onEvent: (event: T) => void;
  /**
   * A connection failed. `retrying` is false for answers that retrying cannot fix (4xx:
   * unknown run, permission missing); the subscription has then ended.
   */
  onError?: (error: Error, retrying: boolean) => void;
  /** First reconnect delay; doubles per failure up to 10 s. */
  retryDelayMs?: number;
}

const MAX_RETRY_DELAY_MS = 10_000;

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

/**
 * Follows a run's server-sent event stream through `fetchApi` (so the Backstage token is
 * sent, which EventSource cannot do), reading the body incrementally. When the connection
 * drops before `run-finished`, it reconnects with `?after=<last seq>` so no event is lost
 * or repeated. Returns the unsubscribe function.
 */
export function subscribeToRunEvents<T extends SequencedEvent>(
  options: RunEventSubscription<T>,
): () => void {
  const { fetchApi, url, onEvent, onError } = options;
  const firstDelay = options.retryDelayMs ?? 1000;
  const controller = new AbortController();
  let lastSeq = options.after;
  let finished = false;
  let delay = firstDelay;

  const connectOnce = async (): Promise<void> => {
    const query = lastSeq === undefined ? '' : `?after=${lastSeq}`;
    const response = await fetchApi.fetch(`${url}${query}`, {
      headers: { accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    if (!response.body) throw new Error('The event stream has no body');
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new EventStreamParser();
    for (;;) {
      const { done, value } = await reader.read();
      const text = done
        ? decoder.decode()
        : decoder.decode(value, { stream: true });
      for (const message of parser.push(text)) {
        const event = JSON.parse(message.data) as T;
        // A replay after a reconnect may overlap what was seen: skip it.
        if (lastSeq !== undefined && event.seq <= lastSeq) continue;
        lastSeq = event.seq;
        delay = firstDelay;
        if (controller.signal.aborted) return;
        onEvent(event);
        if (event.type === 'run-finished') {
          finished = true;
          controller.abort();
          return;
        }
      }
      if (done) return;
    }
  };

  const run = async () => {
    while (!finished && !controller.signal.aborted) {
      try {
        await connectOnce();
        // Ended without run-finished: the server or a proxy closed it; reconnect.
      } catch (error) {
        if (controller.signal.aborted) return;
        const status = (error as { statusCode?: number }).statusCode;
        const retrying = !(status && status >= 400 && status < 500);
        onError?.(error as Error, retrying);
        if (!retrying) return;
      }
      if (finished || controller.signal.aborted) return;
      await sleep(delay);
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
  };
  run();

  return () => controller.abort();
}
