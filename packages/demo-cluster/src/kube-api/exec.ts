/**
 * `pods/exec` over WebSocket with the Kubernetes channel protocols (`v5.channel.k8s.io`,
 * `v4.channel.k8s.io`, `channel.k8s.io`): every binary frame starts with a channel byte
 * (0 stdin, 1 stdout, 2 stderr, 3 error/status, 4 resize, 255 close in v5).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { ExecHandler, KubeObject, ObjectStore } from '../store/types.ts';
import { ApiError, statusFromError } from './status.ts';

/** Subprotocols in the order the server prefers them. */
export const EXEC_SUBPROTOCOLS = ['v5.channel.k8s.io', 'v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

const STDOUT = 1;
const STDERR = 2;
const ERROR = 3;

/** What an exec request asks for, parsed from the query string. */
export interface ExecQuery {
  namespace: string;
  pod: string;
  container: string | undefined;
  command: string[];
}

/** Creates the WebSocket server used for exec upgrades (no own listener). */
export function createExecSocketServer(): WebSocketServer {
  return new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => {
      for (const preferred of EXEC_SUBPROTOCOLS) if (protocols.has(preferred)) return preferred;
      return false;
    },
  });
}

/** Writes an HTTP error answer with a Status body on a socket that was not upgraded. */
export function rejectUpgrade(socket: Duplex, error: unknown): void {
  const status = statusFromError(error);
  const body = JSON.stringify(status);
  const reasonPhrase = { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found' }[status.code] ?? 'Error';
  socket.end(
    `HTTP/1.1 ${status.code} ${reasonPhrase}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * Resolves the container an exec targets, with the API server's errors for a missing
 * pod (404), an ambiguous container (400) and a container the pod does not have (400).
 */
export function resolveExecContainer(store: ObjectStore, query: ExecQuery): string {
  const pod = store.get({ group: '', plural: 'pods' }, query.namespace, query.pod) as KubeObject | undefined;
  if (!pod) {
    throw new ApiError(404, 'NotFound', `pods "${query.pod}" not found`, { name: query.pod, kind: 'pods' });
  }
  const spec = (pod.spec ?? {}) as { containers?: Array<{ name: string }>; initContainers?: Array<{ name: string }> };
  const names = (spec.containers ?? []).map((container) => container.name);
  if (query.container === undefined || query.container === '') {
    if (names.length === 1) return names[0]!;
    const defaultContainer = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    if (defaultContainer && names.includes(defaultContainer)) return defaultContainer;
    throw new ApiError(400, 'BadRequest', `a container name must be specified for pod ${query.pod}, choose one of: [${names.join(' ')}]`);
  }
  const all = [...names, ...(spec.initContainers ?? []).map((container) => container.name)];
  if (!all.includes(query.container)) {
    throw new ApiError(400, 'BadRequest', `container ${query.container} is not valid for pod ${query.pod}`);
  }
  return query.container;
}

function frame(channel: number, data: string | Buffer): Buffer {
  const payload = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return Buffer.concat([Buffer.from([channel]), payload]);
}

/**
 * Runs the exec on an upgraded socket: answers with stdout/stderr frames, then the status
 * frame on channel 3, then closes normally.
 */
export function runExec(
  socket: WebSocket,
  query: ExecQuery & { container: string },
  store: ObjectStore,
  execHandler: ExecHandler | undefined,
): void {
  // Clients may send stdin, resize and (v5) close frames; nothing here reads stdin.
  socket.on('message', () => {});
  socket.on('error', () => {});
  let stdout = '';
  let stderr = '';
  let exitCode = 0;
  try {
    const result = execHandler?.(
      { namespace: query.namespace, pod: query.pod, container: query.container, command: query.command },
      store,
    );
    if (result === undefined) {
      stderr = `exec: "${query.command[0] ?? ''}": executable file not found in $PATH\n`;
      exitCode = 127;
    } else {
      stdout = result.stdout;
      stderr = result.stderr;
      exitCode = result.exitCode;
    }
  } catch (error) {
    stderr = `${error instanceof Error ? error.message : String(error)}\n`;
    exitCode = 1;
  }
  if (stdout.length > 0) socket.send(frame(STDOUT, stdout));
  if (stderr.length > 0) socket.send(frame(STDERR, stderr));
  const failureMessage = `command terminated with non-zero exit code: error executing command [${query.command.join(' ')}], exit code ${exitCode}`;
  // The kubelet's status has no kind, apiVersion or code.
  const status =
    exitCode === 0
      ? { metadata: {}, status: 'Success' }
      : {
          metadata: {},
          status: 'Failure',
          message: failureMessage,
          reason: 'NonZeroExitCode',
          details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
        };
  // v4 and v5 carry a JSON Status on the error channel; the older protocols carry plain text,
  // and nothing at all on success.
  const structured = socket.protocol === 'v4.channel.k8s.io' || socket.protocol === 'v5.channel.k8s.io';
  if (structured) socket.send(frame(ERROR, JSON.stringify(status)), () => socket.close(1000));
  else if (exitCode !== 0) socket.send(frame(ERROR, failureMessage), () => socket.close(1000));
  else socket.close(1000);
}

/** Upgrades an exec request (already authenticated and resolved) and runs it. */
export function handleExecUpgrade(
  wss: WebSocketServer,
  request: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  query: ExecQuery & { container: string },
  store: ObjectStore,
  execHandler: ExecHandler | undefined,
): void {
  wss.handleUpgrade(request, socket, head, (ws) => runExec(ws, query, store, execHandler));
}
