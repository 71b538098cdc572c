import { CheckFinding } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { talosAccessSkip } from './talosAccessSkip';
import { talosErrorFinding } from './talosErrorFinding';
import { nodeLabel, talosTargetNodes } from './talosTargetNodes';

/**
 * Every machine answers Version through apid, and all run the same Talos release. A machine
 * that does not answer cannot be managed; mixed releases outside an upgrade are drift.
 */
export const talosVersionCheck: DiagnosticCheck = {
  id: 'talos.version',
  title: 'Talos nodes answer and run one version',
  category: 'talos',
  scopes: ['cluster'],
  description:
    'Calls the Talos API Version on every node (the Kubernetes nodes and the talosconfig nodes). A node that does not answer fails; nodes on another release than the others warn.',
  manualCommand: 'talosctl -n <node>,<node>... version',
  remediation:
    'A node that does not answer: check it is up and that apid is reachable on port 50000 from the backend (talosctl -n <node> version). Mixed versions: finish the upgrade (talosctl upgrade -n <node> --image ghcr.io/siderolabs/installer:<version>).',
  async run(context) {
    const skipped = talosAccessSkip(context);
    if (skipped) return skipped;
    const nodes = talosTargetNodes(context);
    const results = await context.talos!.version(
      nodes.map(node => node.address),
      { signal: context.signal },
    );

    const findings: CheckFinding[] = [];
    const answered = results.flatMap(result =>
      result.ok ? [{ result, tag: result.value.tag }] : [],
    );
    const counts = new Map<string, number>();
    for (const { tag } of answered) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    // The release most nodes run is the reference; ties go to the newest-sorting tag.
    const reference = [...counts.entries()].sort(
      (a, b) => b[1] - a[1] || b[0].localeCompare(a[0]),
    )[0]?.[0];

    const outputLines = ['NODE\tHOSTNAME\tTAG\tSHA\tPLATFORM'];
    results.forEach((result, index) => {
      const node = nodes[index] ?? { name: result.node, address: result.node };
      const subject = `node ${nodeLabel(node)}`;
      if (!result.ok) {
        findings.push(
          talosErrorFinding(
            subject,
            result.error,
            `talosctl -n ${node.address} version`,
          ),
        );
        outputLines.push(
          `${node.address}\t-\terror: ${result.error.kind}\t-\t-`,
        );
        return;
      }
      const { tag, sha, platform, arch } = result.value;
      outputLines.push(
        `${node.address}\t${result.hostname}\t${tag}\t${sha}\t${platform}/${arch}`,
      );
      const fields = { tag, sha, platform, arch, hostname: result.hostname };
      if (tag !== reference) {
        findings.push({
          outcome: 'warn',
          subject,
          message: `runs Talos ${tag} while ${counts.get(
            reference!,
          )} node(s) run ${reference}`,
          evidence: { fields },
        });
      } else {
        findings.push({
          outcome: 'pass',
          subject,
          message: `Talos ${tag} (${platform}, ${arch})`,
          evidence: { fields },
        });
      }
    });

    const failed = results.length - answered.length;
    const versions = [...counts.entries()]
      .map(([tag, count]) => `${tag} (${count})`)
      .join(', ');
    let summary = `${results.length} nodes answer, all on ${reference}`;
    if (failed > 0) {
      summary = `${failed} of ${results.length} nodes did not answer${
        versions ? `; versions: ${versions}` : ''
      }`;
    } else if (counts.size > 1) {
      summary = `${results.length} nodes answer on ${counts.size} versions: ${versions}`;
    }
    return {
      findings,
      summary,
      evidence: {
        command: {
          text: `talosctl -n ${nodes
            .map(node => node.address)
            .join(',')} version`,
          output: outputLines.join('\n'),
          exitCode: failed > 0 ? 1 : 0,
        },
      },
    };
  },
};
