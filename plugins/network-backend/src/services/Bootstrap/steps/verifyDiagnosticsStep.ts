import { OutcomeTotals } from '@internal/plugin-network-common';
import { DiagnosticsVerifier } from '../DiagnosticsVerifier';
import { StepContext, StepOutcome } from './StepOutcome';

function describeTotals(runId: string, totals: OutcomeTotals): string {
  const counts = (['fail', 'error', 'warn', 'pass', 'skipped'] as const)
    .filter(outcome => totals[outcome] > 0)
    .map(outcome => `${totals[outcome]} ${outcome}`)
    .join(', ');
  return `diagnostics run ${runId}: ${counts || 'no checks ran'}`;
}

/**
 * Runs the diagnostics and fails the step when a check failed or errored (warnings pass).
 * Controllers converge after the apply (cert-manager issues certificates, gateways then become
 * Programmed), so failing runs are repeated until `verifySettleMs` has passed.
 */
export async function verifyDiagnosticsStep(
  context: StepContext,
  verifier: DiagnosticsVerifier | undefined,
  timings: { verifySettleMs: number; verifyRetryMs: number },
): Promise<StepOutcome> {
  if (!verifier) return { status: 'skipped', message: 'no diagnostics runner is wired to verify with' };
  const deadline = Date.now() + timings.verifySettleMs;
  for (let attempt = 1; ; attempt += 1) {
    await context.log(attempt === 1 ? 'running the diagnostics' : `running the diagnostics again (attempt ${attempt})`);
    const { runId, totals } = await verifier.runAndWait(context.cluster, context.actor);
    const message = describeTotals(runId, totals);
    const failed = totals.fail + totals.error > 0;
    if (!failed) return { status: 'succeeded', message, diagnosticsRunId: runId };
    if (Date.now() + timings.verifyRetryMs > deadline) return { status: 'failed', message, diagnosticsRunId: runId };
    await context.log(`${message}; controllers may still be converging, retrying in ${Math.round(timings.verifyRetryMs / 1000)} s`);
    await new Promise(resolve => setTimeout(resolve, timings.verifyRetryMs));
  }
}
