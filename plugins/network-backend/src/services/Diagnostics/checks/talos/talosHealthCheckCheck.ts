import { TalosClientError } from '../../../TalosClient/TalosClientError';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { talosAccessSkip } from './talosAccessSkip';
import { talosErrorFinding, talosErrorOutcome } from './talosErrorFinding';
import { talosTargetNodes } from './talosTargetNodes';

/** How long the node waits for every stage (below the runner's 30 s check timeout, so a stuck stage is named). */
export const HEALTH_CHECK_WAIT_MS = 20_000;

/** Options of {@link createTalosHealthCheckCheck}. */
export interface TalosHealthCheckOptions {
  /** The node's wait for every stage to pass; default HEALTH_CHECK_WAIT_MS. */
  waitTimeoutMs?: number;
}

const WAITING = /^waiting for (.+?): (.*)$/s;

/** The stage the stream stopped in: the last `waiting for <stage>: <state>` whose state is not OK/SKIP. */
function stuckStage(
  lines: string[],
): { stage: string; state: string } | undefined {
  const stages = new Map<string, string>();
  for (const line of lines) {
    const match = line.match(WAITING);
    if (match) stages.set(match[1], match[2]);
  }
  const pending = [...stages.entries()].filter(
    ([, state]) => state !== 'OK' && state !== 'SKIP',
  );
  const last = pending[pending.length - 1];
  return last ? { stage: last[0], state: last[1] } : undefined;
}

/**
 * The staged health check `talosctl health` runs on a node (cluster.ClusterService/HealthCheck):
 * etcd, apid, kubelet, boot sequence, Kubernetes nodes and control-plane components, CoreDNS.
 * Each progress line is streamed into the run as it arrives; the stage that does not pass is
 * the finding.
 */
export function createTalosHealthCheckCheck(
  options: TalosHealthCheckOptions = {},
): DiagnosticCheck {
  const waitTimeoutMs = options.waitTimeoutMs ?? HEALTH_CHECK_WAIT_MS;
  const waitSeconds = waitTimeoutMs / 1000;
  return {
    id: 'talos.health-check',
    title: 'Talos cluster health check passes',
    category: 'talos',
    scopes: ['cluster'],
    description: `Runs the server-side staged health check of talosctl health on a control-plane node with the Kubernetes nodes as the expected members, streaming its progress; a stage still failing after ${waitSeconds} s fails the check.`,
    manualCommand:
      'talosctl -n <control-plane node> health --control-plane-nodes <ips> --worker-nodes <ips>',
    remediation:
      'Look at the stage that did not pass: etcd stages: talosctl -n <node> service etcd and etcd members (bootstrap if never done); kubelet: talosctl -n <node> logs kubelet; Kubernetes nodes not ready or missing: kubectl describe node <node> (CNI, kubelet); CoreDNS: kubectl -n kube-system get pods -l k8s-app=kube-dns.',
    async run(context) {
      const skipped = talosAccessSkip(context);
      if (skipped) return skipped;
      const nodes = talosTargetNodes(context).filter(
        node => node.controlPlane !== undefined,
      );
      const controlPlanes = nodes
        .filter(node => node.controlPlane)
        .map(node => node.address);
      const workers = nodes
        .filter(node => !node.controlPlane)
        .map(node => node.address);
      const runner = controlPlanes[0];
      const command = `talosctl -n ${
        runner ?? '<endpoint>'
      } health --wait-timeout ${waitSeconds}s${
        controlPlanes.length > 0
          ? ` --control-plane-nodes ${controlPlanes.join(',')}`
          : ''
      }${workers.length > 0 ? ` --worker-nodes ${workers.join(',')}` : ''}`;

      const lines: string[] = [];
      try {
        const result = await context.talos!.healthCheck(
          {
            controlPlaneNodes: controlPlanes,
            workerNodes: workers,
            waitTimeoutMs,
            node: runner,
          },
          message => {
            lines.push(message);
            context.log(message);
          },
          { signal: context.signal },
        );
        const stages = result.lines.filter(
          line => WAITING.test(line) && /: (OK|SKIP)$/.test(line),
        ).length;
        return {
          findings: [
            {
              outcome: 'pass',
              subject: `health check on ${result.hostname || runner}`,
              message: `${stages} stages passed`,
            },
          ],
          summary: `all ${stages} stages passed`,
          evidence: {
            command: {
              text: command,
              output: result.lines.join('\n'),
              exitCode: 0,
            },
          },
        };
      } catch (error) {
        if (!(error instanceof TalosClientError)) throw error;
        const stuck = stuckStage(lines);
        const evidence = {
          command: {
            text: command,
            output: [...lines, error.message].join('\n'),
            exitCode: 1,
          },
        };
        // No stage started: the stream never ran (access or connection problem).
        if (!stuck || talosErrorOutcome(error) === 'error') {
          const finding = talosErrorFinding(
            `health check on ${runner ?? 'the endpoint node'}`,
            error,
            command,
          );
          return {
            findings: [finding],
            summary: `the health check could not run: ${error.kind}`,
            evidence,
          };
        }
        return {
          findings: [
            {
              outcome: 'fail',
              subject: `stage ${stuck.stage}`,
              message:
                error.kind === 'timeout'
                  ? `did not pass within ${waitSeconds} s: ${stuck.state}`
                  : `failed: ${stuck.state} (${error.message})`,
              evidence: {
                fields: {
                  stage: stuck.stage,
                  state: stuck.state,
                  error: error.message,
                },
              },
            },
          ],
          summary: `stage "${stuck.stage}" did not pass`,
          evidence,
        };
      }
    },
  };
}

/** The health check with the default wait. */
export const talosHealthCheckCheck: DiagnosticCheck =
  createTalosHealthCheckCheck();
