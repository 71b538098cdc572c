import { DiagnosticsVerifier } from '../DiagnosticsVerifier';
import { StepContext, StepOutcome } from './StepOutcome';

/** Runs the diagnostics and fails the step when a check failed or errored (warnings pass). */
export async function verifyDiagnosticsStep(context: StepContext, verifier: DiagnosticsVerifier | undefined): Promise<StepOutcome> {
  if (!verifier) return { status: 'skipped', message: 'no diagnostics runner is wired to verify with' };
  await context.log('running the diagnostics');
  const { runId, totals } = await verifier.runAndWait(context.cluster, context.actor);
  const counts = (['fail', 'error', 'warn', 'pass', 'skipped'] as const)
    .filter(outcome => totals[outcome] > 0)
    .map(outcome => `${totals[outcome]} ${outcome}`)
    .join(', ');
  const message = `diagnostics run ${runId}: ${counts || 'no checks ran'}`;
  const failed = totals.fail + totals.error > 0;
  return { status: failed ? 'failed' : 'succeeded', message, diagnosticsRunId: runId };
}
