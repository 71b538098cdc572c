import { CheckFinding, CheckOutcome } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { worstOutcome } from '../../checkOutcome';
import { agentsInScope } from './agentsInScope';
import { ciliumNotInstalledReason, findCiliumAgents, nodeRef } from './ciliumAgents';
import { commandEvidence } from './commandEvidence';
import { execInAgents, throwIfNoAgentAnswered } from './execInAgents';
import { CiliumStatusSummary, parseCiliumStatus } from './parseCiliumStatus';

const STATUS_COMMAND = ['cilium-dbg', 'status', '-o', 'json'];

/** Whether a kube-proxy replacement setting means "on" (`true`/`True`, older `strict`). */
function replacesKubeProxy(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  return ['true', 'strict'].includes(value.toLowerCase());
}

function stateOutcome(state: string | undefined): CheckOutcome {
  if (state === undefined || state === 'Ok' || state === 'Disabled') return 'pass';
  return state === 'Warning' ? 'warn' : 'fail';
}

/** The problems one agent's status shows, each with its outcome. */
function statusProblems(status: CiliumStatusSummary, configuredKubeProxyReplacement: string | undefined): Array<[CheckOutcome, string]> {
  const problems: Array<[CheckOutcome, string]> = [];
  if (stateOutcome(status.ciliumState) !== 'pass') {
    problems.push([stateOutcome(status.ciliumState), `Cilium ${status.ciliumState}: ${status.ciliumMessage ?? ''}`.trim()]);
  }
  if (stateOutcome(status.kubernetesState) !== 'pass') {
    problems.push(['fail', `Kubernetes ${status.kubernetesState}: ${status.kubernetesMessage ?? ''}`.trim()]);
  }
  if (stateOutcome(status.clusterHealthState) !== 'pass') {
    problems.push([stateOutcome(status.clusterHealthState), `cluster health ${status.clusterHealthState}: ${status.clusterHealthMessage ?? ''}`.trim()]);
  }
  for (const controller of status.failingControllers) {
    problems.push(['fail', `controller ${controller.name} failing (${controller.consecutiveFailures} in a row): ${controller.lastFailureMessage}`]);
  }
  const configured = replacesKubeProxy(configuredKubeProxyReplacement);
  const running = replacesKubeProxy(status.kubeProxyReplacement);
  if (configured !== undefined && running !== undefined && configured !== running) {
    problems.push([
      'fail',
      `kube-proxy replacement is ${status.kubeProxyReplacement} in the agent but cilium-config sets kube-proxy-replacement=${configuredKubeProxyReplacement}`,
    ]);
  }
  return problems;
}

/** `cilium.agent-status`: `cilium-dbg status -o json` in each agent pod. */
export const agentStatusCheck: DiagnosticCheck = {
  id: 'cilium.agent-status',
  title: 'Cilium agent status (cilium-dbg status)',
  category: 'cilium',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Runs `cilium-dbg status -o json` in every agent pod: the agent's own state, its view of cluster health (node-to-node connectivity), controllers that keep failing, and whether kube-proxy replacement runs as cilium-config asks.",
  manualCommand: 'kubectl exec -n kube-system ds/cilium -c cilium-agent -- cilium-dbg status --verbose',
  remediation:
    'Read the failing controller messages in the evidence; `cilium-dbg status --verbose` in that agent lists every controller and unreachable node. Restarting the agent pod (`kubectl -n kube-system delete pod <pod>`) clears stuck controllers; persistent health failures point at node-to-node connectivity (firewall, MTU, routing mode).',
  async run(context) {
    const skippedBecause = ciliumNotInstalledReason(context.cache);
    if (skippedBecause) return { findings: [], summary: skippedBecause, skippedBecause };

    const agents = agentsInScope(context, findCiliumAgents(context.cache));
    if (agents.length === 0) return { findings: [], summary: 'No Cilium agent serves the pods of this scope' };
    const configured = context.cache.get('ConfigMap', 'kube-system', 'cilium-config')?.data?.['kube-proxy-replacement'];
    const execs = await execInAgents(context, agents, STATUS_COMMAND);
    throwIfNoAgentAnswered(execs);

    const findings: CheckFinding[] = [];
    const withProblems: string[] = [];
    for (const { agent, commandText, result, error } of execs) {
      const subject = `node ${agent.nodeName}`;
      const objects = [agent.ref, nodeRef(agent.nodeName)];
      const notReady = agent.readiness.ready ? [] : [`agent pod ${agent.pod} is not Ready (${agent.readiness.readyCondition})`];
      if (!result) {
        withProblems.push(agent.nodeName);
        findings.push({
          outcome: agent.readiness.ready ? 'error' : 'fail',
          subject,
          message: [...notReady, `status could not be read: ${error?.message}`].join('; '),
          object: agent.ref,
          evidence: { objects, command: { text: commandText, output: error?.message ?? '' } },
        });
        continue;
      }
      let status: CiliumStatusSummary;
      try {
        status = parseCiliumStatus(result.stdout);
      } catch (parseError) {
        withProblems.push(agent.nodeName);
        findings.push({
          outcome: agent.readiness.ready ? 'error' : 'fail',
          subject,
          message: [...notReady, `exit code ${result.exitCode}: ${(parseError as Error).message}`].join('; '),
          object: agent.ref,
          evidence: { objects, command: commandEvidence(commandText, result) },
        });
        continue;
      }
      const problems = statusProblems(status, configured);
      const outcome = worstOutcome([...problems.map(([problemOutcome]) => problemOutcome), agent.readiness.ready ? 'pass' : 'fail']);
      const fields: Record<string, string> = {
        'cilium.state': status.ciliumState ?? 'unknown',
        'cluster.ciliumHealth.state': status.clusterHealthState ?? 'unknown',
        'kube-proxy-replacement.mode': status.kubeProxyReplacement ?? 'unknown',
        'controllers failing': `${status.failingControllers.length} of ${status.controllerCount}`,
      };
      if (outcome === 'pass') {
        findings.push({
          outcome,
          subject,
          message: `Cilium Ok, cluster health Ok, ${status.controllerCount} controllers healthy, kube-proxy replacement ${status.kubeProxyReplacement ?? 'unknown'}`,
          object: agent.ref,
          evidence: { objects, fields },
        });
        continue;
      }
      withProblems.push(agent.nodeName);
      findings.push({
        outcome,
        subject,
        message: [...notReady, ...problems.map(([, text]) => text)].join('; '),
        object: agent.ref,
        evidence: { objects, fields, command: commandEvidence(commandText, result) },
      });
    }
    const summary =
      withProblems.length === 0
        ? `${agents.length} of ${agents.length} agents report a healthy status`
        : `${withProblems.length} of ${agents.length} agents report problems (${withProblems.join(', ')})`;
    return { findings, summary };
  },
};
