import { CheckEvidence } from '@internal/plugin-network-common';
import { ExecResult } from '../../DiagnosticCheck';

/** Outputs longer than this are cut in evidence (results are stored and streamed). */
export const MAX_EVIDENCE_OUTPUT_CHARS = 32_000;

/** The evidence of one exec: the command, its output (stdout, then stderr) and the exit code. */
export function commandEvidence(text: string, result: ExecResult, output?: string): NonNullable<CheckEvidence['command']> {
  const full = output ?? [result.stdout, result.stderr].filter(part => part.length > 0).join('\n');
  const cut =
    full.length > MAX_EVIDENCE_OUTPUT_CHARS
      ? `${full.slice(0, MAX_EVIDENCE_OUTPUT_CHARS)}\n… (${full.length - MAX_EVIDENCE_OUTPUT_CHARS} more characters)`
      : full;
  return { text, output: cut, exitCode: result.exitCode };
}
