import { parseExecStatus } from './execStatus';

describe('parseExecStatus', () => {
  it.each([
    ['success', '{"metadata":{},"status":"Success"}', { kind: 'exited', exitCode: 0 }],
    [
      'a non-zero exit code from the causes',
      JSON.stringify({
        metadata: {},
        status: 'Failure',
        message: 'command terminated with non-zero exit code: error executing command [sh -c exit 3], exit code 3',
        reason: 'NonZeroExitCode',
        details: { causes: [{ reason: 'ExitCode', message: '3' }] },
      }),
      { kind: 'exited', exitCode: 3 },
    ],
    [
      'NonZeroExitCode without a code',
      '{"status":"Failure","reason":"NonZeroExitCode","details":{"causes":[]}}',
      { kind: 'exited', exitCode: 1 },
    ],
    [
      'a command that could not start',
      '{"status":"Failure","message":"OCI runtime exec failed: exec failed: unable to start container process: exec: \\"cilium-dbg\\": executable file not found in $PATH: unknown"}',
      {
        kind: 'failed',
        message: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "cilium-dbg": executable file not found in $PATH: unknown',
      },
    ],
    ['plain text (old protocols)', 'command terminated with non-zero exit code\n', { kind: 'failed', message: 'command terminated with non-zero exit code' }],
  ])('reads %s', (_name, text, expected) => {
    expect(parseExecStatus(text)).toEqual(expected);
  });
});
