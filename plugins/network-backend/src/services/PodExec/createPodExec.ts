import WebSocket from 'ws';
import type { ClientRequest, IncomingMessage } from 'node:http';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { KubernetesConnection } from '../KubernetesClient/KubernetesClient';
import { ExecResult, PodExec } from '../Diagnostics/DiagnosticCheck';
import { EXEC_CHANNEL, EXEC_SUBPROTOCOLS, splitChannelFrame } from './execChannels';
import { execHandshakeError, ExecTarget } from './execHandshakeError';
import { execRequestUrl } from './execRequestUrl';
import { parseExecStatus } from './execStatus';

/** Limits of a {@link createPodExec} exec. */
export interface PodExecOptions {
  /** Used when a call gives no `timeoutMs`. */
  defaultTimeoutMs?: number;
  /** stdout and stderr together; a command printing more is stopped and reported. */
  maxOutputBytes?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_OUTPUT_BYTES = 8 * 1024 * 1024;
// A refused upgrade answers with a small Status; more than this is not worth reading.
const MAX_REFUSAL_BODY_BYTES = 64 * 1024;

/** An exec that did not finish in time or was cancelled; the socket is closed. */
export class PodExecTimeoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PodExecTimeoutError';
  }
}

function decodeCa(caData: string | undefined): string | undefined {
  if (!caData) return undefined;
  if (caData.includes('-----BEGIN')) return caData;
  return Buffer.from(caData, 'base64').toString('utf8');
}

function describe(target: ExecTarget): string {
  return `pod ${target.namespace}/${target.pod}${target.container ? ` (container ${target.container})` : ''}`;
}

function toBuffer(data: WebSocket.RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * `kubectl exec` through the API server of one cluster: a WebSocket upgrade of the pod's
 * `exec` subresource with the cluster's token and CA, stdout and stderr collected from their
 * channels and the exit code read from the status channel. Nothing is sent on stdin.
 */
export function createPodExec(connection: KubernetesConnection, options: PodExecOptions = {}): PodExec {
  const ca = decodeCa(connection.caData);
  const maxOutputBytes = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;

  return (target, command, callOptions = {}) =>
    new Promise<ExecResult>((resolve, reject) => {
      if (command.length === 0) {
        reject(new InputError(`exec into ${describe(target)}: the command is empty`));
        return;
      }
      const timeoutMs = callOptions.timeoutMs ?? options.defaultTimeoutMs ?? DEFAULT_TIMEOUT_MS;
      const signal = callOptions.signal;
      const commandText = command.join(' ');
      if (signal?.aborted) {
        reject(new PodExecTimeoutError(`exec into ${describe(target)} cancelled before it started: ${reasonOf(signal)}`));
        return;
      }

      const headers: Record<string, string> = {};
      if (connection.token) headers.Authorization = `Bearer ${connection.token}`;
      const socket = new WebSocket(execRequestUrl(connection.url, target, command), EXEC_SUBPROTOCOLS, {
        headers,
        ca,
        rejectUnauthorized: !connection.skipTLSVerify,
        perMessageDeflate: false,
      });

      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      let outputBytes = 0;
      let settled = false;
      let timer: NodeJS.Timeout | undefined = undefined;
      let onAbort: (() => void) | undefined = undefined;

      const finish = (outcome: { error: Error } | { result: ExecResult }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        if ('error' in outcome) {
          // Tear the connection down at once: the command may still be running in the pod.
          socket.terminate();
          reject(outcome.error);
        } else {
          socket.close(1000);
          resolve(outcome.result);
        }
      };

      timer = setTimeout(
        () => finish({ error: new PodExecTimeoutError(`exec into ${describe(target)} timed out after ${timeoutMs} ms: ${commandText}`) }),
        timeoutMs,
      );
      onAbort = () => finish({ error: new PodExecTimeoutError(`exec into ${describe(target)} stopped: ${reasonOf(signal!)}`) });
      signal?.addEventListener('abort', onAbort, { once: true });

      socket.on('unexpected-response', (request: ClientRequest, response: IncomingMessage) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          if (size < MAX_REFUSAL_BODY_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        response.on('end', () => {
          finish({ error: execHandshakeError(response.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), target) });
          request.destroy();
        });
        response.on('error', () => finish({ error: execHandshakeError(response.statusCode ?? 0, '', target) }));
      });

      socket.on('message', (data: WebSocket.RawData) => {
        const frame = splitChannelFrame(toBuffer(data));
        // The server opens each channel with an empty message; nothing to keep.
        if (!frame || frame.payload.length === 0) return;
        if (frame.channel === EXEC_CHANNEL.stdout || frame.channel === EXEC_CHANNEL.stderr) {
          outputBytes += frame.payload.length;
          if (outputBytes > maxOutputBytes) {
            finish({ error: new Error(`exec into ${describe(target)}: output exceeded ${maxOutputBytes} bytes; stopped: ${commandText}`) });
            return;
          }
          (frame.channel === EXEC_CHANNEL.stdout ? stdout : stderr).push(frame.payload);
          return;
        }
        if (frame.channel === EXEC_CHANNEL.error) {
          const status = parseExecStatus(frame.payload.toString('utf8'));
          if (status.kind === 'failed') {
            finish({ error: new Error(`exec into ${describe(target)} could not run ${commandText}: ${status.message}`) });
            return;
          }
          finish({
            result: {
              stdout: Buffer.concat(stdout).toString('utf8'),
              stderr: Buffer.concat(stderr).toString('utf8'),
              exitCode: status.exitCode,
            },
          });
        }
      });

      socket.on('close', (code: number) => {
        finish({ error: new ServiceUnavailableError(`exec into ${describe(target)}: the connection closed (code ${code}) before the exit status arrived`) });
      });
      socket.on('error', (error: Error) => {
        finish({ error: new ServiceUnavailableError(`exec into ${describe(target)}: ${error.message}`) });
      });
    });
}

function reasonOf(signal: AbortSignal): string {
  const reason = signal.reason;
  if (reason instanceof Error) return reason.message;
  return reason === undefined ? 'aborted' : String(reason);
}
