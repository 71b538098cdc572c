import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  TalosClientError,
  TalosErrorKind,
  TalosRetryableError,
} from './TalosClientError';
import { TalosconfigField } from './resolveTalosCredentials';

/** A gRPC error as grpc-js reports it. */
export interface GrpcErrorLike {
  code?: number;
  details?: string;
  message?: string;
}

/** Where the failed call went and what to name in the message. */
export interface FailedCall {
  /** e.g. `machine.MachineService/Version`. */
  method: string;
  /** `host:port` of the endpoint. */
  endpoint: string;
  /** The `node` metadata value; undefined when the call ran on the endpoint node. */
  node?: string;
  timeoutMs: number;
  /** Where the talosconfig fields came from (see TalosCredentials.origin). */
  origin: Record<TalosconfigField, string>;
  /** The client certificate's roles, for permission messages. */
  roles: string[];
}

// Texts of OpenSSL / Node TLS errors when the server's certificate does not chain to our CA.
const SERVER_NOT_TRUSTED =
  /self[- ]signed certificate|unable to verify the first certificate|unable to get (local )?issuer certificate|certificate signature failure|UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT|CERT_SIGNATURE_FAILURE/i;
// TLS alerts the server sends when it refuses our client certificate.
const CLIENT_CERT_UNKNOWN_CA =
  /alert unknown ca|alert bad certificate|alert number 48|alert number 42|refused the client certificate/i;
const CLIENT_CERT_EXPIRED = /alert certificate expired|alert number 45/i;
const CLIENT_CERT_REQUIRED = /certificate required|alert number 116/i;
const HOSTNAME_MISMATCH =
  /does not match certificate's altnames|ERR_TLS_CERT_ALTNAME_INVALID/i;
// grpc-js failing to connect to the endpoint itself (Node's error codes, not Go's texts).
const CONNECTION_FAILED =
  /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|No connection established|Failed to connect/;
// apid proxying to a node it cannot dial: `transport: Error while dialing: dial tcp <node>:50000: ...`.
// The apid port tells it apart from a node's own dial failures (e.g. etcd on :2379).
const NODE_DIAL_FAILED = /dial tcp \S+:50000\b/;

/** The Go name of a gRPC code, as Talos prints it. */
export function grpcCodeName(code: number | undefined): string {
  const name = Object.entries(GrpcStatus).find(
    ([, value]) => value === code,
  )?.[0];
  if (!name) return `Code(${code})`;
  return name
    .toLowerCase()
    .split('_')
    .map(word => word[0].toUpperCase() + word.slice(1))
    .join('');
}

/**
 * Turns a grpc-js error into a TalosClientError whose kind says what to fix and whose message
 * names the endpoint, the node and the talosconfig field involved. FailedPrecondition becomes
 * a TalosRetryableError.
 */
export function grpcErrorToTalosError(
  error: GrpcErrorLike,
  call: FailedCall,
): TalosClientError {
  const details = error.details || error.message || String(error);
  const where = call.node
    ? `node ${call.node} via endpoint ${call.endpoint}`
    : `endpoint ${call.endpoint}`;
  const context = {
    endpoint: call.endpoint,
    node: call.node,
    method: call.method,
    grpcCode: grpcCodeName(error.code),
  };
  const make = (
    kind: TalosErrorKind,
    message: string,
    field?: TalosconfigField,
  ) =>
    new TalosClientError(kind, message, {
      ...context,
      field: field ? call.origin[field] : undefined,
    });

  switch (error.code) {
    case GrpcStatus.DEADLINE_EXCEEDED:
      return make(
        'timeout',
        `${call.method} on ${where} timed out after ${call.timeoutMs} ms (${details})`,
      );
    case GrpcStatus.PERMISSION_DENIED:
    case GrpcStatus.UNAUTHENTICATED:
      return make(
        'permission-denied',
        `${
          call.method
        } on ${where} was refused: ${details}; the client certificate in ${
          call.origin.crt
        } has roles [${call.roles.join(', ')}]`,
        'crt',
      );
    case GrpcStatus.FAILED_PRECONDITION:
      return new TalosRetryableError(
        `${call.method} on ${where} is not possible yet: ${details}`,
        context,
      );
    case GrpcStatus.UNAVAILABLE:
    case GrpcStatus.UNKNOWN:
    case GrpcStatus.INTERNAL:
      break;
    default:
      return make(
        'api-error',
        `${call.method} on ${where} failed: ${grpcCodeName(
          error.code,
        )}: ${details}`,
      );
  }

  if (SERVER_NOT_TRUSTED.test(details)) {
    return make(
      'wrong-ca',
      `endpoint ${call.endpoint} presented a certificate that is not signed by the CA in ${call.origin.ca} (${details}); ` +
        'the talosconfig belongs to another cluster or the CA was rotated',
      'ca',
    );
  }
  if (CLIENT_CERT_EXPIRED.test(details)) {
    return make(
      'certificate-expired',
      `endpoint ${call.endpoint} refused the client certificate in ${call.origin.crt} as expired (${details})`,
      'crt',
    );
  }
  if (CLIENT_CERT_UNKNOWN_CA.test(details)) {
    return make(
      'wrong-ca',
      `endpoint ${call.endpoint} does not trust the client certificate in ${call.origin.crt} (${details}); it is not signed by this cluster's Talos CA`,
      'crt',
    );
  }
  if (CLIENT_CERT_REQUIRED.test(details)) {
    return make(
      'certificate-missing',
      `endpoint ${call.endpoint} requires a client certificate (${call.origin.crt}): ${details}`,
      'crt',
    );
  }
  if (HOSTNAME_MISMATCH.test(details)) {
    return make(
      'bad-config',
      `endpoint ${call.endpoint}'s certificate does not name that address (${details}); check ${call.origin.endpoints}`,
      'endpoints',
    );
  }
  if (
    error.code === GrpcStatus.UNAVAILABLE &&
    NODE_DIAL_FAILED.test(details) &&
    call.node
  ) {
    return make(
      'unreachable',
      `apid at endpoint ${call.endpoint} cannot reach node ${call.node}: ${details}; check ${call.origin.nodes}`,
      'nodes',
    );
  }
  if (
    error.code === GrpcStatus.UNAVAILABLE &&
    CONNECTION_FAILED.test(details)
  ) {
    return make(
      'unreachable',
      `Talos endpoint ${call.endpoint} is unreachable (${details}); check ${call.origin.endpoints}`,
      'endpoints',
    );
  }
  return make(
    'api-error',
    `${call.method} on ${where} failed: ${grpcCodeName(
      error.code,
    )}: ${details}`,
  );
}
