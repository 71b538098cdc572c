import { CheckFinding, CheckOutcome } from '@internal/plugin-network-common';
import {
  TalosClientError,
  TalosErrorKind,
} from '../../../TalosClient/TalosClientError';

// Errors that say our access is wrong, not that the node is: the check cannot decide (error).
const ACCESS_ERRORS: TalosErrorKind[] = [
  'bad-config',
  'wrong-ca',
  'certificate-expired',
  'certificate-missing',
  'permission-denied',
];

/** The outcome a Talos error gives: `error` when our access is at fault, `fail` when the node is. */
export function talosErrorOutcome(error: TalosClientError): CheckOutcome {
  // unreachable, timeout and api-error: the node (or its apid) does not answer as it should.
  return ACCESS_ERRORS.includes(error.kind) ? 'error' : 'fail';
}

/** A finding about a node whose Talos call failed, with the error's kind and fields as evidence. */
export function talosErrorFinding(
  subject: string,
  error: TalosClientError,
  command: string,
): CheckFinding {
  const fields: Record<string, string> = { kind: error.kind };
  if (error.context.endpoint) fields.endpoint = error.context.endpoint;
  if (error.context.field) fields.field = error.context.field;
  if (error.context.grpcCode) fields.grpcCode = error.context.grpcCode;
  return {
    outcome: talosErrorOutcome(error),
    subject,
    message: error.message,
    evidence: {
      command: { text: command, output: error.message, exitCode: 1 },
      fields,
    },
  };
}
