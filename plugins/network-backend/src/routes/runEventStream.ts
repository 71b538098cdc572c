import express from 'express';
import { InputError } from '@backstage/errors';

/** How an event stream reads a run's events. */
export interface RunEventSource<T extends { seq: number; type: string }> {
  /** Events after a sequence number, in order (read from the database, so any replica's run streams). */
  after(afterSeq: number): Promise<T[]>;
  /** The event that ends the stream. */
  isLast(event: T): boolean;
}

const POLL_MS = 250;
const KEEP_ALIVE_MS = 15_000;

/** Where a client resumes: `?after=<seq>`, else the `Last-Event-ID` header a reconnecting EventSource sends. */
export function resumeSeq(req: express.Request): number {
  const raw = typeof req.query.after === 'string' ? req.query.after : req.header('last-event-id');
  if (raw === undefined || raw === '') return 0;
  if (!/^\d{1,9}$/.test(raw)) throw new InputError(`after: '${raw}' is not an event sequence number`);
  return Number(raw);
}

/**
 * Serves a run's progress as server-sent events: replays what is stored after the resume
 * point, then polls for new events until the run's last event or the client goes away.
 */
export async function streamRunEvents<T extends { seq: number; type: string }>(
  req: express.Request,
  res: express.Response,
  source: RunEventSource<T>,
): Promise<void> {
  let lastSeq = resumeSeq(req);
  let closed = false;
  req.on('close', () => {
    closed = true;
  });
  res.status(200);
  // no-transform keeps compression middleware from buffering the stream.
  res.set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();

  let lastWrite = Date.now();
  while (!closed) {
    const events = await source.after(lastSeq);
    for (const event of events) {
      res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      lastSeq = event.seq;
      lastWrite = Date.now();
      if (source.isLast(event)) {
        res.end();
        return;
      }
    }
    if (Date.now() - lastWrite > KEEP_ALIVE_MS) {
      res.write(': keep-alive\n\n');
      lastWrite = Date.now();
    }
    (res as unknown as { flush?: () => void }).flush?.();
    if (events.length === 0) await new Promise(resolve => setTimeout(resolve, POLL_MS));
  }
  res.end();
}
