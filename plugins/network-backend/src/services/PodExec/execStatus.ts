/**
 * The status the API server sends on channel 3 when an exec ends (protocols v4 and v5): a
 * `metav1.Status` without kind or code. `Success`, or `Failure` with reason `NonZeroExitCode`
 * and the exit code in `details.causes[reason=ExitCode].message`; any other failure means the
 * command could not run at all.
 */
export type ExecStatus =
  | { kind: 'exited'; exitCode: number }
  | { kind: 'failed'; message: string };

/** Reads the status frame's JSON text. */
export function parseExecStatus(text: string): ExecStatus {
  let status: any;
  try {
    status = JSON.parse(text);
  } catch {
    // Protocols before v4 send the failure as plain text; keep it as the message.
    return { kind: 'failed', message: text.trim() || 'exec failed without a message' };
  }
  if (status?.status === 'Success') return { kind: 'exited', exitCode: 0 };
  if (status?.reason === 'NonZeroExitCode') {
    const causes: any[] = Array.isArray(status.details?.causes) ? status.details.causes : [];
    const exitCode = Number.parseInt(causes.find(cause => cause?.reason === 'ExitCode')?.message ?? '', 10);
    // A NonZeroExitCode without a readable code is still a failure of the command.
    return { kind: 'exited', exitCode: Number.isFinite(exitCode) ? exitCode : 1 };
  }
  return { kind: 'failed', message: String(status?.message ?? text) };
}
