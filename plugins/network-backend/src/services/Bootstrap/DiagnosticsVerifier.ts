import { OutcomeTotals } from '@internal/plugin-network-common';

/**
 * Runs the diagnostics as a bootstrap's last step and waits for the result. Implemented by the
 * diagnostics runner (trigger `bootstrap`); the bootstrap only reads the totals.
 */
export interface DiagnosticsVerifier {
  runAndWait(cluster: string, actor: string): Promise<{ runId: string; totals: OutcomeTotals }>;
}
