import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express from 'express';

const gzip = promisify(zlib.gzip);

/**
 * A JSON answer serialized once and sent to every caller who asks while it is current: large
 * answers (a cluster overview is megabytes at scale) are then not stringified and compressed
 * again per request.
 */
export class SerializedJson {
  readonly body: Buffer;
  private gzipped?: Promise<Buffer>;

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value));
  }

  /** The body gzip-compressed, computed on first use. */
  gzip(): Promise<Buffer> {
    this.gzipped ??= gzip(this.body, { level: 6 });
    return this.gzipped;
  }
}

const COMPRESS_ABOVE_BYTES = 1024;

/** Sends a serialized answer, pre-compressed when the client accepts gzip (the compression middleware leaves it alone then). */
export async function sendSerializedJson(req: express.Request, res: express.Response, answer: SerializedJson): Promise<void> {
  res.type('application/json');
  res.vary('Accept-Encoding');
  if (answer.body.length > COMPRESS_ABOVE_BYTES && req.acceptsEncodings('gzip') === 'gzip') {
    res.set('Content-Encoding', 'gzip');
    res.send(await answer.gzip());
    return;
  }
  res.send(answer.body);
}
