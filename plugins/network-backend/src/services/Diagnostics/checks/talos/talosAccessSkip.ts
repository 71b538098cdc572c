import { CheckContext, CheckReport } from '../../DiagnosticCheck';

/** The report of a Talos check on a cluster without Talos access configured. */
export function talosAccessSkip(
  context: CheckContext,
): CheckReport | undefined {
  if (context.talos) return undefined;
  const name = context.cluster.name;
  return {
    findings: [],
    summary: 'No Talos access configured',
    skippedBecause: `no talosconfig is configured for cluster ${name} (network.clusters.${name}.talos)`,
  };
}
