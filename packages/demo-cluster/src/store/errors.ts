/**
 * The error a store operation throws. It carries what the API server needs to answer with
 * a Kubernetes Status: the reason, the HTTP code and the details naming the object.
 */
import type { StoreErrorReason } from './types.ts';
import { qualifiedResourceName } from './resources.ts';
import type { ResourceType } from './types.ts';

/** One `details.causes[]` entry of a Status. */
export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

/** HTTP codes the real API server uses for each reason. */
export const STATUS_CODE_BY_REASON: Record<StoreErrorReason, number> = {
  NotFound: 404,
  AlreadyExists: 409,
  Conflict: 409,
  Invalid: 422,
  BadRequest: 400,
  Gone: 410,
  MethodNotAllowed: 405,
};

/** A store failure with a Kubernetes reason. */
export class StoreError extends Error {
  readonly reason: StoreErrorReason;
  readonly code: number;
  readonly details: { name?: string; group?: string; kind?: string; causes?: StatusCause[] } | undefined;

  constructor(
    reason: StoreErrorReason,
    message: string,
    details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] },
  ) {
    super(message);
    this.name = 'StoreError';
    this.reason = reason;
    this.code = STATUS_CODE_BY_REASON[reason];
    this.details = details;
  }
}

function resourceDetails(resource: ResourceType, name: string): { name: string; group?: string; kind: string } {
  return resource.group === ''
    ? { name, kind: resource.plural }
    : { name, group: resource.group, kind: resource.plural };
}

/** `pods "x" not found`, as the API server words it. */
export function notFoundError(resource: ResourceType, name: string): StoreError {
  return new StoreError('NotFound', `${qualifiedResourceName(resource)} "${name}" not found`, resourceDetails(resource, name));
}

/** `pods "x" already exists`. */
export function alreadyExistsError(resource: ResourceType, name: string): StoreError {
  return new StoreError('AlreadyExists', `${qualifiedResourceName(resource)} "${name}" already exists`, resourceDetails(resource, name));
}

/** The optimistic-concurrency failure of an update with a stale resourceVersion. */
export function conflictError(resource: ResourceType, name: string): StoreError {
  return new StoreError(
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResourceName(resource)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    resourceDetails(resource, name),
  );
}

/** `Pod "x" is invalid: <field>: <problem>` with one cause per problem. */
export function invalidError(resource: ResourceType, name: string, causes: StatusCause[]): StoreError {
  const summary = causes.map((cause) => (cause.field ? `${cause.field}: ${cause.message}` : cause.message));
  const text = summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`;
  return new StoreError('Invalid', `${resource.kind} "${name}" is invalid: ${text}`, {
    name,
    ...(resource.group === '' ? {} : { group: resource.group }),
    kind: resource.kind,
    causes,
  });
}
