import {
  AuthenticationError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/** The pod an exec was aimed at, for error messages. */
export interface ExecTarget {
  namespace: string;
  pod: string;
  container?: string;
}

/**
 * The error for an exec the API server refused before upgrading (a Status body with a non-101
 * answer), as a `@backstage/errors` class so callers and the HTTP layer get the right status.
 */
export function execHandshakeError(statusCode: number, body: string, target: ExecTarget): Error {
  const podName = `${target.namespace}/${target.pod}`;
  let serverMessage = '';
  try {
    serverMessage = String(JSON.parse(body)?.message ?? '');
  } catch {
    serverMessage = body.trim().slice(0, 500);
  }
  const detail = serverMessage ? `: ${serverMessage}` : '';
  switch (statusCode) {
    case 404:
      return new NotFoundError(`exec: pod ${podName} not found${detail}`);
    case 403:
      // Exec over WebSocket needs `create` on pods/exec (a GET upgrade is authorized as create since Kubernetes 1.35).
      return new NotAllowedError(
        `exec into pod ${podName} is forbidden: the cluster credentials need the "create" verb on "pods/exec" in namespace ${target.namespace}${detail}`,
      );
    case 401:
      return new AuthenticationError(`exec into pod ${podName}: the API server did not accept the cluster token${detail}`);
    case 400:
      return new InputError(`exec into pod ${podName}${target.container ? ` (container ${target.container})` : ''} refused${detail}`);
    default:
      return new ServiceUnavailableError(`exec into pod ${podName}: HTTP ${statusCode}${detail}`);
  }
}
