import { status } from '@grpc/grpc-js';
import { FailedCall, grpcErrorToTalosError } from './grpcErrorToTalosError';
import { TalosRetryableError } from './TalosClientError';

const call: FailedCall = {
  method: 'machine.MachineService/Version',
  endpoint: '10.0.0.1:50000',
  node: '10.0.0.5',
  timeoutMs: 10_000,
  origin: { endpoints: 'E', nodes: 'N', ca: 'CA', crt: 'CRT', key: 'KEY' },
  roles: ['os:reader'],
};

describe('grpcErrorToTalosError', () => {
  it.each([
    [
      status.DEADLINE_EXCEEDED,
      'Deadline exceeded after 10.001s',
      'timeout',
      undefined,
    ],
    [status.PERMISSION_DENIED, 'not authorized', 'permission-denied', 'CRT'],
    [
      status.UNAVAILABLE,
      'No connection established. Last error: Error: self-signed certificate in certificate chain',
      'wrong-ca',
      'CA',
    ],
    [
      status.UNAVAILABLE,
      'unable to verify the first certificate',
      'wrong-ca',
      'CA',
    ],
    [
      status.UNAVAILABLE,
      'write EPROTO ... tlsv13 alert unknown ca',
      'wrong-ca',
      'CRT',
    ],
    [
      status.UNAVAILABLE,
      'the endpoint closed the connection right after the TLS handshake: it refused the client certificate',
      'wrong-ca',
      'CRT',
    ],
    [
      status.UNAVAILABLE,
      'sslv3 alert certificate expired',
      'certificate-expired',
      'CRT',
    ],
    [
      status.UNAVAILABLE,
      'tlsv13 alert certificate required',
      'certificate-missing',
      'CRT',
    ],
    [
      status.UNAVAILABLE,
      "Hostname/IP does not match certificate's altnames: IP: 10.0.0.1 is not in the cert's list",
      'bad-config',
      'E',
    ],
    [
      status.UNAVAILABLE,
      'connect ECONNREFUSED 10.0.0.1:50000',
      'unreachable',
      'E',
    ],
    [
      status.UNAVAILABLE,
      'connection error: desc = "transport: Error while dialing: dial tcp 10.0.0.5:50000: connect: no route to host"',
      'unreachable',
      'N',
    ],
    // machined's own etcd client failing is the node's answer, not a network problem of ours.
    [
      status.UNAVAILABLE,
      'connection error: desc = "transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused"',
      'api-error',
      undefined,
    ],
    [
      status.UNIMPLEMENTED,
      'member list is only available on control plane nodes',
      'api-error',
      undefined,
    ],
  ])('code %s "%s" is %s', (code, details, kind, field) => {
    const error = grpcErrorToTalosError({ code, details }, call);
    expect(error.kind).toBe(kind);
    expect(error.context.field).toBe(field);
    expect(error.context.endpoint).toBe('10.0.0.1:50000');
    expect(error.message).toContain(details);
  });

  it('names the node, the endpoint and the roles when a call is refused', () => {
    expect(
      grpcErrorToTalosError(
        { code: status.PERMISSION_DENIED, details: 'not authorized' },
        call,
      ).message,
    ).toBe(
      'machine.MachineService/Version on node 10.0.0.5 via endpoint 10.0.0.1:50000 was refused: not authorized; the client certificate in CRT has roles [os:reader]',
    );
  });

  it('makes FailedPrecondition a retryable error and keeps the gRPC code name', () => {
    const error = grpcErrorToTalosError(
      { code: status.FAILED_PRECONDITION, details: 'time is not in sync yet' },
      { ...call, method: 'machine.MachineService/Bootstrap' },
    );
    expect(error).toBeInstanceOf(TalosRetryableError);
    expect(error.context.grpcCode).toBe('FailedPrecondition');
    expect(error.message).toBe(
      'machine.MachineService/Bootstrap on node 10.0.0.5 via endpoint 10.0.0.1:50000 is not possible yet: time is not in sync yet',
    );
  });
});
