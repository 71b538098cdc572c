/**
 * What went wrong talking to Talos, as an operator would fix it:
 * - `bad-config`: the talosconfig or the config values cannot be used (field named);
 * - `wrong-ca`: the endpoint's certificate is not signed by the CA we trust, or the node does
 *   not trust our client certificate;
 * - `certificate-expired` / `certificate-missing`: the client certificate (or CA) in the talosconfig;
 * - `unreachable`: the endpoint does not accept connections, or apid cannot reach the node;
 * - `timeout`: no answer before the deadline;
 * - `permission-denied`: the client certificate's role does not allow the call;
 * - `api-error`: the node answered with another gRPC error.
 */
export type TalosErrorKind =
  | 'bad-config'
  | 'wrong-ca'
  | 'certificate-expired'
  | 'certificate-missing'
  | 'unreachable'
  | 'timeout'
  | 'permission-denied'
  | 'api-error';

/** Where an error happened, so the message and callers can name it. */
export interface TalosErrorContext {
  /** The talosconfig field or config key at fault, e.g. `talosconfig /etc/talos/config (context prod) field "ca"`. */
  field?: string;
  /** `host:port` of the apid endpoint the call went through. */
  endpoint?: string;
  /** The `node` metadata value the call targeted. */
  node?: string;
  /** The gRPC method, e.g. `machine.MachineService/Version`. */
  method?: string;
  /** The gRPC status code name, e.g. `Unavailable`, when the error came from a gRPC status. */
  grpcCode?: string;
}

/** An error of the Talos client; `kind` says what to fix, the message names where. */
export class TalosClientError extends Error {
  readonly kind: TalosErrorKind;
  readonly context: TalosErrorContext;

  constructor(
    kind: TalosErrorKind,
    message: string,
    context: TalosErrorContext = {},
  ) {
    super(message);
    this.name = 'TalosClientError';
    this.kind = kind;
    this.context = context;
  }
}

/**
 * A call the node refused for now but that may succeed later (gRPC FailedPrecondition, e.g.
 * Bootstrap's "bootstrap is not available yet" or "time is not in sync yet"): retry it.
 */
export class TalosRetryableError extends TalosClientError {
  readonly retryable = true;

  constructor(message: string, context: TalosErrorContext = {}) {
    super('api-error', message, context);
    this.name = 'TalosRetryableError';
  }
}
