import { subscribeToRunEvents } from './subscribeToRunEvents';

type Event = { seq: number; type: string };

function sse(events: Event[]): string {
  return events
    .map(e => `id: ${e.seq}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`)
    .join('');
}

/** A streamed body delivered in the given chunks. */
function streamResponse(chunks: string[]): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream' },
  });
}

function waitFor(check: () => boolean) {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (check()) resolve();
      else if (Date.now() - started > 2000) reject(new Error('timed out'));
      else setTimeout(tick, 5);
    };
    tick();
  });
}

describe('subscribeToRunEvents', () => {
  it('delivers events across chunk boundaries and stops after run-finished', async () => {
    const text = sse([
      { seq: 1, type: 'check-started' },
      { seq: 2, type: 'run-finished' },
    ]);
    const fetch = jest.fn(async () =>
      streamResponse([text.slice(0, 17), text.slice(17, 40), text.slice(40)]),
    );
    const received: Event[] = [];
    subscribeToRunEvents<Event>({
      fetchApi: { fetch },
      url: 'http://x/events',
      onEvent: e => received.push(e),
    });
    await waitFor(() => received.length === 2);
    expect(received.map(e => e.seq)).toEqual([1, 2]);
    await new Promise(r => setTimeout(r, 30));
    expect(fetch).toHaveBeenCalledTimes(1);
    expect((fetch.mock.calls[0] as unknown[])[0]).toBe('http://x/events');
  });

  it('reconnects with ?after=<last seq> when the stream drops, skipping repeats', async () => {
    const fetch = jest
      .fn()
      .mockResolvedValueOnce(
        streamResponse([sse([{ seq: 4, type: 'check-started' }])]),
      )
      .mockResolvedValueOnce(
        streamResponse([
          sse([
            { seq: 4, type: 'check-started' },
            { seq: 5, type: 'run-finished' },
          ]),
        ]),
      );
    const received: Event[] = [];
    subscribeToRunEvents<Event>({
      fetchApi: { fetch },
      url: 'http://x/events',
      after: 3,
      onEvent: e => received.push(e),
      retryDelayMs: 1,
    });
    await waitFor(() => received.length === 2);
    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      'http://x/events?after=3',
      'http://x/events?after=4',
    ]);
    expect(received.map(e => e.seq)).toEqual([4, 5]);
  });

  it('gives up on a 404 and reports it as not retrying', async () => {
    const fetch = jest.fn(
      async () =>
        new Response(
          JSON.stringify({
            error: { name: 'NotFoundError', message: 'no run' },
          }),
          { status: 404, headers: { 'content-type': 'application/json' } },
        ),
    );
    const errors: Array<[number | undefined, boolean]> = [];
    subscribeToRunEvents<Event>({
      fetchApi: { fetch },
      url: 'http://x/events',
      onEvent: () => {},
      onError: (error, retrying) =>
        errors.push([(error as any).statusCode, retrying]),
      retryDelayMs: 1,
    });
    await waitFor(() => errors.length === 1);
    await new Promise(r => setTimeout(r, 30));
    expect(errors).toEqual([[404, false]]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('stops delivering after unsubscribe', async () => {
    let push: (text: string) => void = () => {};
    const encoder = new TextEncoder();
    const fetch = jest.fn(
      async () =>
        new Response(
          new ReadableStream<Uint8Array>({
            start(controller) {
              push = text => controller.enqueue(encoder.encode(text));
            },
          }),
          { status: 200 },
        ),
    );
    const received: Event[] = [];
    const unsubscribe = subscribeToRunEvents<Event>({
      fetchApi: { fetch },
      url: 'http://x/events',
      onEvent: e => received.push(e),
    });
    await waitFor(() => fetch.mock.calls.length === 1);
    await new Promise(r => setTimeout(r, 10));
    push(sse([{ seq: 1, type: 'check-started' }]));
    await waitFor(() => received.length === 1);
    unsubscribe();
    push(sse([{ seq: 2, type: 'check-started' }]));
    await new Promise(r => setTimeout(r, 30));
    expect(received.map(e => e.seq)).toEqual([1]);
  });
});
