import { CheckEvidence, CheckFinding } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { CiliumAgent, ciliumNotInstalledReason, findCiliumAgents, nodeRef } from './ciliumAgents';
import { commandEvidence } from './commandEvidence';
import { agentsCarryingServices } from './agentsInScope';
import { AgentExec, forEachAgentExec, throwIfNoAgentAnswered } from './execInAgents';
import { ExpectedFrontend, formatFrontend, loadBalancerServicesInScope } from './loadBalancerServices';
import { BpfLbFrontend, parseBpfLbList } from './parseBpfLbList';

const BPF_LB_COMMAND = ['cilium-dbg', 'bpf', 'lb', 'list'];
/**
 * No new agent is asked after this long, so the check ends within the runner's timeout on
 * clusters with many nodes and large maps; the agents left are reported, not silently passed.
 */
export const LB_FRONTENDS_BUDGET_MS = 20_000;

function isProgrammed(map: Map<string, BpfLbFrontend[]>, expected: ExpectedFrontend): boolean {
  // Older agents print no protocol; then address and port decide.
  return (map.get(`${expected.ip}|${expected.port}`) ?? []).some(frontend => !frontend.protocol || frontend.protocol === expected.protocol);
}

/** The map's header and the rows about the service's addresses: what an operator would grep. */
function rowsAbout(output: string, ips: string[]): string {
  const lines = output.split('\n');
  const header = lines.find(line => line.startsWith('SERVICE ADDRESS'));
  const rows = lines.filter(line => ips.some(ip => line.includes(`${ip}:`) || line.includes(`[${ip}]:`)));
  const body = rows.length > 0 ? rows.join('\n') : `(no rows for ${ips.join(', ')} among ${lines.filter(Boolean).length - (header ? 1 : 0)} rows)`;
  return header ? `${header}\n${body}` : body;
}

/** Agents that are not Ready first: they are the likeliest to have a stale map. */
function suspectsFirst(agents: CiliumAgent[]): CiliumAgent[] {
  return [...agents].sort((a, b) => Number(a.readiness.ready) - Number(b.readiness.ready));
}

/** `cilium.lb-frontends`: every LoadBalancer IP Kubernetes assigned is in each agent's BPF LB map. */
export const lbFrontendsCheck: DiagnosticCheck = {
  id: 'cilium.lb-frontends',
  title: 'LoadBalancer frontends programmed in every agent',
  category: 'cilium',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Compares the LoadBalancer addresses Kubernetes shows (status.loadBalancer.ingress x service ports) with each agent's BPF service map (`cilium-dbg bpf lb list`). An address missing from a node's map is dropped there even though the Service looks fine. A cluster run asks every agent; an entity or namespace run asks the agents on the L2 lease holders of its services and on its pods' nodes.",
  manualCommand: 'kubectl exec -n kube-system ds/cilium -c cilium-agent -- cilium-dbg bpf lb list',
  remediation:
    "Check the agent on the named node: `cilium-dbg status --verbose` there usually shows the failing `sync-lb-maps-with-k8s-services` controller. Restarting that agent pod makes it rebuild its maps from Kubernetes; if it persists, look for a full BPF map (bpf-lb-map-max) or an agent that cannot reach the API server.",
  async run(context) {
    const skippedBecause = ciliumNotInstalledReason(context.cache);
    if (skippedBecause) return { findings: [], summary: skippedBecause, skippedBecause };

    const services = loadBalancerServicesInScope(context);
    if (services.length === 0) return { findings: [], summary: 'No LoadBalancer service with an address in scope' };
    const agents = suspectsFirst(agentsCarryingServices(context, findCiliumAgents(context.cache), services));
    if (agents.length === 0) return { findings: [], summary: 'No Cilium agent pods to ask' };

    // Each answer is compared as it arrives and its output dropped: a large map is megabytes.
    const problemFindings: CheckFinding[] = [];
    const missingFindings: CheckFinding[] = [];
    const failedServices = new Set<string>();
    const answered: AgentExec[] = [];
    let readableCount = 0;
    let checkEvidence: CheckEvidence | undefined;
    const digest = (exec: AgentExec) => {
      const { agent, commandText, result } = exec;
      answered.push({ agent, commandText, error: exec.error, result: result && { ...result, stdout: '' } });
      const problem = !result ? exec.error?.message ?? 'no answer' : result.exitCode !== 0 && `exit code ${result.exitCode}: ${result.stderr.trim()}`;
      if (problem || !result) {
        problemFindings.push({
          outcome: agent.readiness.ready ? 'error' : 'fail',
          subject: `node ${agent.nodeName}`,
          message: `The BPF LB map of agent ${agent.namespace}/${agent.pod} could not be read${agent.readiness.ready ? '' : ' (agent not Ready)'}: ${problem}`,
          object: agent.ref,
          evidence: {
            objects: [agent.ref, nodeRef(agent.nodeName)],
            command: result ? commandEvidence(commandText, result) : { text: commandText, output: String(problem) },
          },
        });
        return;
      }
      readableCount += 1;
      const missingBefore = missingFindings.length;
      const map = new Map<string, BpfLbFrontend[]>();
      for (const frontend of parseBpfLbList(result.stdout)) {
        const key = `${frontend.ip}|${frontend.port}`;
        const list = map.get(key);
        if (list) list.push(frontend);
        else map.set(key, [frontend]);
      }
      for (const entry of services) {
        const missing = entry.frontends.filter(frontend => !isProgrammed(map, frontend));
        if (missing.length === 0) continue;
        const serviceName = `${entry.ref.namespace}/${entry.ref.name}`;
        failedServices.add(serviceName);
        missingFindings.push({
          outcome: 'fail',
          subject: `Service ${serviceName}`,
          message: `FrontendNotProgrammed: ${missing.map(formatFrontend).join(', ')} missing from the BPF LB map of the agent on node ${agent.nodeName} (${agent.namespace}/${agent.pod})`,
          object: entry.ref,
          evidence: {
            objects: [entry.ref, agent.ref, nodeRef(agent.nodeName)],
            command: commandEvidence(commandText, result, rowsAbout(result.stdout, entry.ips)),
            fields: { 'status.loadBalancer.ingress': entry.ips.join(', '), node: agent.nodeName },
          },
        });
        checkEvidence ??= { command: commandEvidence(commandText, result) };
      }
      // Progress for the run's stream: on large clusters each map takes a while.
      context.log(`${agent.nodeName}: ${map.size} frontends, ${missingFindings.length - missingBefore} services missing`);
    };
    const { notAsked } = await forEachAgentExec(context, agents, BPF_LB_COMMAND, digest, { startBy: Date.now() + LB_FRONTENDS_BUDGET_MS });
    throwIfNoAgentAnswered(answered);

    const findings: CheckFinding[] = [...problemFindings, ...missingFindings];
    if (notAsked.length > 0) {
      findings.push({
        outcome: 'warn',
        subject: `${notAsked.length} agents`,
        message: `Not asked within ${LB_FRONTENDS_BUDGET_MS / 1000} s (large maps): nodes ${notAsked.map(agent => agent.nodeName).join(', ')}`,
      });
    }
    for (const entry of services) {
      const serviceName = `${entry.ref.namespace}/${entry.ref.name}`;
      if (failedServices.has(serviceName)) continue;
      findings.push({
        outcome: 'pass',
        subject: `Service ${serviceName}`,
        message: `${entry.frontends.map(formatFrontend).join(', ')} programmed on ${readableCount} of ${readableCount} agents`,
        object: entry.ref,
      });
    }
    const summary =
      missingFindings.length === 0
        ? `${services.length} LoadBalancer services programmed on ${readableCount} agents`
        : `${missingFindings.length} service/agent pairs with LoadBalancer frontends missing from the BPF map`;
    return { findings, summary, evidence: checkEvidence };
  },
};
