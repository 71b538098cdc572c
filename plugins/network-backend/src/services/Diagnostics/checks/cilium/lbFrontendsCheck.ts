import { CheckEvidence, CheckFinding } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { ciliumNotInstalledReason, findCiliumAgents, nodeRef } from './ciliumAgents';
import { commandEvidence } from './commandEvidence';
import { AgentExec, execInAgents, throwIfNoAgentAnswered } from './execInAgents';
import { ExpectedFrontend, formatFrontend, loadBalancerServicesInScope } from './loadBalancerServices';
import { BpfLbFrontend, parseBpfLbList } from './parseBpfLbList';

const BPF_LB_COMMAND = ['cilium-dbg', 'bpf', 'lb', 'list'];

/** One agent's BPF service map, indexed for lookups, or why it could not be read. */
interface AgentMap {
  exec: AgentExec;
  frontends?: Map<string, BpfLbFrontend[]>;
  problem?: string;
}

function readMap(exec: AgentExec): AgentMap {
  if (!exec.result) return { exec, problem: exec.error?.message ?? 'no answer' };
  if (exec.result.exitCode !== 0) return { exec, problem: `exit code ${exec.result.exitCode}: ${exec.result.stderr.trim()}` };
  const frontends = new Map<string, BpfLbFrontend[]>();
  for (const frontend of parseBpfLbList(exec.result.stdout)) {
    const key = `${frontend.ip}|${frontend.port}`;
    frontends.set(key, [...(frontends.get(key) ?? []), frontend]);
  }
  return { exec, frontends };
}

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

/** `cilium.lb-frontends`: every LoadBalancer IP Kubernetes assigned is in each agent's BPF LB map. */
export const lbFrontendsCheck: DiagnosticCheck = {
  id: 'cilium.lb-frontends',
  title: 'LoadBalancer frontends programmed in every agent',
  category: 'cilium',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Compares the LoadBalancer addresses Kubernetes shows (status.loadBalancer.ingress x service ports) with each agent's BPF service map (`cilium-dbg bpf lb list`). An address missing from a node's map is dropped there even though the Service looks fine.",
  manualCommand: 'kubectl exec -n kube-system ds/cilium -c cilium-agent -- cilium-dbg bpf lb list',
  remediation:
    "Check the agent on the named node: `cilium-dbg status --verbose` there usually shows the failing `sync-lb-maps-with-k8s-services` controller. Restarting that agent pod makes it rebuild its maps from Kubernetes; if it persists, look for a full BPF map (bpf-lb-map-max) or an agent that cannot reach the API server.",
  async run(context) {
    const skippedBecause = ciliumNotInstalledReason(context.cache);
    if (skippedBecause) return { findings: [], summary: skippedBecause, skippedBecause };

    const services = loadBalancerServicesInScope(context);
    if (services.length === 0) return { findings: [], summary: 'No LoadBalancer service with an address in scope' };
    const agents = findCiliumAgents(context.cache);
    if (agents.length === 0) return { findings: [], summary: 'No Cilium agent pods to ask' };

    const execs = await execInAgents(context, agents, BPF_LB_COMMAND);
    throwIfNoAgentAnswered(execs);
    const maps = execs.map(readMap);

    const findings: CheckFinding[] = [];
    for (const map of maps.filter(entry => entry.problem)) {
      const { agent, commandText } = map.exec;
      findings.push({
        outcome: agent.readiness.ready ? 'error' : 'fail',
        subject: `node ${agent.nodeName}`,
        message: `The BPF LB map of agent ${agent.namespace}/${agent.pod} could not be read${agent.readiness.ready ? '' : ' (agent not Ready)'}: ${map.problem}`,
        object: agent.ref,
        evidence: {
          objects: [agent.ref, nodeRef(agent.nodeName)],
          command: map.exec.result ? commandEvidence(commandText, map.exec.result) : { text: commandText, output: map.problem ?? '' },
        },
      });
    }

    let missingCount = 0;
    let checkEvidence: CheckEvidence | undefined;
    const readable = maps.filter(entry => entry.frontends);
    for (const entry of services) {
      const serviceName = `${entry.ref.namespace}/${entry.ref.name}`;
      let programmedEverywhere = true;
      for (const map of readable) {
        const missing = entry.frontends.filter(frontend => !isProgrammed(map.frontends!, frontend));
        if (missing.length === 0) continue;
        programmedEverywhere = false;
        missingCount += 1;
        const { agent, commandText, result } = map.exec;
        findings.push({
          outcome: 'fail',
          subject: `Service ${serviceName}`,
          message: `FrontendNotProgrammed: ${missing.map(formatFrontend).join(', ')} missing from the BPF LB map of the agent on node ${agent.nodeName} (${agent.namespace}/${agent.pod})`,
          object: entry.ref,
          evidence: {
            objects: [entry.ref, agent.ref, nodeRef(agent.nodeName)],
            command: commandEvidence(commandText, result!, rowsAbout(result!.stdout, entry.ips)),
            fields: { 'status.loadBalancer.ingress': entry.ips.join(', '), node: agent.nodeName },
          },
        });
        checkEvidence ??= { command: commandEvidence(commandText, result!) };
      }
      if (programmedEverywhere) {
        findings.push({
          outcome: 'pass',
          subject: `Service ${serviceName}`,
          message: `${entry.frontends.map(formatFrontend).join(', ')} programmed on ${readable.length} of ${readable.length} agents`,
          object: entry.ref,
        });
      }
    }
    const summary =
      missingCount === 0
        ? `${services.length} LoadBalancer services programmed on ${readable.length} agents`
        : `${missingCount} service/agent pairs with LoadBalancer frontends missing from the BPF map`;
    return { findings, summary, evidence: checkEvidence };
  },
};
