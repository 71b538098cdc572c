import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import express from 'express';

const gzip = promisify(zlib.gzip);

/**
 * A JSON answer serialized once and sent to every caller who asks while it is current: large
 * answers (a cluster overview is megabytes at scale) are then not stringified, hashed for their
 * ETag and compressed again per request.
 */
export class SerializedJson {
  readonly body: Buffer;
  /** A weak validator (the same JSON whatever the content encoding), computed once. */
  readonly etag: string;
  private gzipped?: Promise<Buffer>;

  constructor(value: unknown) {
    this.body = Buffer.from(JSON.stringify(value));
    this.etag = `W/"${this.body.length.toString(16)}-${createHash('sha1').update(this.body).digest('base64url').slice(0, 27)}"`;
  }

  /** The body gzip-compressed, computed on first use. */
  gzip(): Promise<Buffer> {
    this.gzipped ??= gzip(this.body, { level: 6 });
    return this.gzipped;
  }
}

const serializedAnswers = new WeakMap<object, SerializedJson>();

/**
 * The serialized form of an answer object that services hand out again while it is current
 * (request paths are reused for a while): serialized on first send, forgotten with the object.
 */
export function serializedOnce(value: object): SerializedJson {
  let answer = serializedAnswers.get(value);
  if (!answer) {
    answer = new SerializedJson(value);
    serializedAnswers.set(value, answer);
  }
  return answer;
}

const COMPRESS_ABOVE_BYTES = 1024;

/**
 * Sends a serialized answer: `304 Not Modified` when the client holds it already, else the
 * body, pre-compressed when the client accepts gzip (the compression middleware leaves it alone
 * then). Setting the ETag here also spares Express hashing the body on every send.
 */
export async function sendSerializedJson(req: express.Request, res: express.Response, answer: SerializedJson): Promise<void> {
  res.type('application/json');
  res.vary('Accept-Encoding');
  res.set('ETag', answer.etag);
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  if (answer.body.length > COMPRESS_ABOVE_BYTES && req.acceptsEncodings('gzip') === 'gzip') {
    res.set('Content-Encoding', 'gzip');
    res.send(await answer.gzip());
    return;
  }
  res.send(answer.body);
}
