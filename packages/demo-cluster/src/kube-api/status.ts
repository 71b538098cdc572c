/**
 * Kubernetes `Status` objects: the body of every error answer (and of some deletes), shaped
 * like the real API server's so kubectl and client libraries print the familiar messages.
 */
import { StoreError } from '../store/errors.ts';
import type { StatusCause } from '../store/errors.ts';

/** A metav1.Status. */
export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, unknown>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { name?: string; group?: string; kind?: string; uid?: string; causes?: StatusCause[] };
  code: number;
}

/** An error the API server answers with a Status (thrown anywhere in request handling). */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: Status['details'];

  constructor(code: number, reason: string, message: string, details?: Status['details']) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

/** A failure Status. */
export function failureStatus(code: number, reason: string, message: string, details?: Status['details']): Status {
  const status: Status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
  if (details && Object.keys(details).length > 0) status.details = details;
  return status;
}

/** A success Status, as a delete of a plain built-in object returns. */
export function successStatus(details: Status['details']): Status {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details, code: 200 };
}

/** Turns anything thrown while handling a request into the Status to answer with. */
export function statusFromError(error: unknown): Status {
  if (error instanceof ApiError) return failureStatus(error.code, error.reason, error.message, error.details);
  if (error instanceof StoreError) return failureStatus(error.code, error.reason, error.message, error.details);
  const message = error instanceof Error ? error.message : String(error);
  return failureStatus(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** 400 BadRequest. */
export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message);
}

/** 404 for a path or resource type the server does not serve. */
export function resourceNotServed(): ApiError {
  return new ApiError(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 405 for a verb a resource does not support. */
export function methodNotAllowed(method: string, what: string): ApiError {
  return new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource (${method} ${what})`);
}
