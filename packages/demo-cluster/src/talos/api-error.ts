/**
 * An error a Talos API handler returns to the client as a gRPC status (code and message
 * as real apid/machined would send them).
 */
import { status as GrpcStatus } from '@grpc/grpc-js';

/** A gRPC status error; `code` is a grpc-js `status` value. */
export class TalosApiError extends Error {
  readonly code: GrpcStatus;

  constructor(code: GrpcStatus, message: string) {
    super(message);
    this.name = 'TalosApiError';
    this.code = code;
  }
}

/** Converts any thrown value into the `{ code, details }` shape grpc-js callbacks accept. */
export function toServiceError(error: unknown): { code: GrpcStatus; details: string; message: string } {
  if (error instanceof TalosApiError) return { code: error.code, details: error.message, message: error.message };
  const text = error instanceof Error ? error.message : String(error);
  return { code: GrpcStatus.INTERNAL, details: text, message: text };
}

/** Go's names of the gRPC codes, as `status.Error(...).Error()` prints them. */
const GO_CODE_NAMES: Record<number, string> = {
  0: 'OK',
  1: 'Canceled',
  2: 'Unknown',
  3: 'InvalidArgument',
  4: 'DeadlineExceeded',
  5: 'NotFound',
  6: 'AlreadyExists',
  7: 'PermissionDenied',
  8: 'ResourceExhausted',
  9: 'FailedPrecondition',
  10: 'Aborted',
  11: 'OutOfRange',
  12: 'Unimplemented',
  13: 'Internal',
  14: 'Unavailable',
  15: 'DataLoss',
  16: 'Unauthenticated',
};

/** The text a Go client prints for a gRPC error: `rpc error: code = X desc = message`. */
export function goErrorText(code: GrpcStatus, message: string): string {
  return `rpc error: code = ${GO_CODE_NAMES[code] ?? `Code(${code})`} desc = ${message}`;
}
