/**
 * Reading and decoding request bodies (JSON or YAML), with the API server's 400/413/415 answers
 * for bodies that cannot be decoded.
 */
import type { IncomingMessage } from 'node:http';
import { parse as parseYaml } from 'yaml';
import { decodeProtobufObject } from './protobuf-body.ts';
import { ApiError, badRequest } from './status.ts';

const MAX_BODY_BYTES = 3 * 1024 * 1024;

/** Reads the whole body (up to 3 MiB, the real server's limit for most requests). */
export async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The media type of a Content-Type header, without parameters. */
export function mediaTypeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * Decodes a body as JSON, as YAML for YAML media types, or as Kubernetes protobuf for the kinds
 * kubectl's generators send that way. Throws 400 on malformed input, 415 on other encodings.
 */
export function decodeBody(body: Buffer, mediaType: string): unknown {
  if (mediaType === 'application/vnd.kubernetes.protobuf') return decodeProtobufObject(body);
  if (mediaType !== '' && !mediaType.includes('json') && !mediaType.includes('yaml')) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`,
    );
  }
  const text = body.toString('utf8');
  if (text.trim() === '') throw badRequest('the body of the request was empty');
  const yaml = mediaType.includes('yaml');
  // Clients usually send apply patches as JSON (valid YAML); JSON.parse is much faster than the YAML parser.
  if (yaml && /^\s*[{[]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      // Flow-style YAML that is not JSON: fall through to the YAML parser.
    }
  }
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw badRequest(
      yaml
        ? `error converting YAML to JSON: ${detail}`
        : `couldn't get version/kind; json parse error: ${detail}`,
    );
  }
}
