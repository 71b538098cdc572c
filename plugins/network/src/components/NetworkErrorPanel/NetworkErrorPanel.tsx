import { Button } from '@material-ui/core';
import { Alert, AlertTitle } from '@material-ui/lab';

/** What a failed request means for the user: a title and what to do about it. */
export interface ErrorExplanation {
  severity: 'warning' | 'error';
  title: string;
  advice: string;
}

function statusOf(error: Error): number | undefined {
  const status = (error as { statusCode?: unknown }).statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The message the backend gave, when the error carries its response body (a ResponseError's
 * `cause`); otherwise the error's own message.
 */
export function backendMessage(error: Error): string {
  const cause = (error as { cause?: { message?: unknown } }).cause;
  return typeof cause?.message === 'string' && cause.message
    ? cause.message
    : error.message;
}

/** Turns an error from the network backend into a title and advice, by HTTP status. */
export function explainNetworkError(
  error: Error,
  /** The permission the failed request needs, named in the 403 advice. */
  permission: { name: string; purpose: string } = {
    name: 'network.read',
    purpose: 'read the network model',
  },
): ErrorExplanation {
  const status = statusOf(error);
  if (status === 401 || status === 403) {
    return {
      severity: 'warning',
      title: 'Permission missing',
      advice: `You are not allowed to ${permission.purpose} (permission ${permission.name}). Ask a portal administrator to grant it (accessPolicy in app-config.yaml).`,
    };
  }
  if (status === 404) {
    return {
      severity: 'warning',
      title: 'Not found',
      advice: `${backendMessage(
        error,
      )}. Check the cluster in kubernetes.clusterLocatorMethods and the entity's Kubernetes annotations.`,
    };
  }
  if (status === 400) {
    return {
      severity: 'error',
      title: 'The request was refused',
      advice: backendMessage(error),
    };
  }
  return {
    severity: 'error',
    title: 'The network backend is unreachable',
    advice: `${backendMessage(
      error,
    )}. Check that the backend is running with the network plugin installed, then retry.`,
  };
}

/** An error from the network backend, explained, with a retry button. */
export const NetworkErrorPanel = (props: {
  error: Error;
  onRetry?: () => void;
  /** The permission the request needs, when it is not network.read. */
  permission?: { name: string; purpose: string };
}) => {
  const { error, onRetry, permission } = props;
  const explanation = explainNetworkError(error, permission);
  return (
    <Alert
      severity={explanation.severity}
      action={
        onRetry ? (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        ) : undefined
      }
    >
      <AlertTitle>{explanation.title}</AlertTitle>
      {explanation.advice}
    </Alert>
  );
};
