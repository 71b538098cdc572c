import { CheckFinding } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { agentsInScope, nodesOfScope } from './agentsInScope';
import { ciliumNotInstalledReason, findAgentDaemonSets, findCiliumAgents, nodeRef } from './ciliumAgents';

/** `cilium.agents-ready`: one Ready agent pod per node, from the watch cache. */
export const agentsReadyCheck: DiagnosticCheck = {
  id: 'cilium.agents-ready',
  title: 'Cilium agents ready on every node',
  category: 'cilium',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Each node needs a Ready Cilium agent (DaemonSet cilium): without one, pods there get no networking and its LoadBalancer and L2 duties fail. Narrowed runs look at the nodes their pods run on.',
  manualCommand: 'kubectl get pods -n kube-system -l k8s-app=cilium -o wide',
  remediation:
    'Look at the agent pod on the named node: `kubectl -n kube-system describe pod <pod>` and `kubectl -n kube-system logs <pod> -c cilium-agent --previous` for why it crashes or is not Ready; check the node itself (Talos `talosctl -n <node> dmesg`, kernel modules, BPF filesystem).',
  async run(context) {
    const skippedBecause = ciliumNotInstalledReason(context.cache);
    if (skippedBecause) return { findings: [], summary: skippedBecause, skippedBecause };

    const daemonSets = findAgentDaemonSets(context.cache);
    const agents = agentsInScope(context, findCiliumAgents(context.cache));
    const scopeNodes = nodesOfScope(context);
    const nodeNames = context.cache
      .list('Node')
      .map(node => node.metadata.name as string)
      .filter(name => !scopeNodes || scopeNodes.has(name))
      .sort();
    const daemonSetRef = daemonSets[0]
      ? { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: daemonSets[0].metadata.namespace, name: daemonSets[0].metadata.name }
      : undefined;

    if (nodeNames.length === 0) return { findings: [], summary: 'No pods of this scope run on any node' };

    const findings: CheckFinding[] = [];
    const notReadyNodes: string[] = [];
    for (const nodeName of nodeNames) {
      const onNode = agents.filter(agent => agent.nodeName === nodeName);
      if (onNode.length === 0) {
        notReadyNodes.push(nodeName);
        findings.push({
          outcome: 'fail',
          subject: `node ${nodeName}`,
          message: `No Cilium agent pod is scheduled on node ${nodeName}`,
          object: nodeRef(nodeName),
          evidence: { objects: [nodeRef(nodeName), ...(daemonSetRef ? [daemonSetRef] : [])] },
        });
        continue;
      }
      for (const agent of onNode) {
        const { readiness } = agent;
        if (!readiness.ready) notReadyNodes.push(nodeName);
        const details = readiness.containerDetails.length > 0 ? `; ${readiness.containerDetails.join('; ')}` : '';
        findings.push({
          outcome: readiness.ready ? 'pass' : 'fail',
          subject: `node ${nodeName}`,
          message: readiness.ready
            ? `Cilium agent ${agent.namespace}/${agent.pod} is Ready`
            : `Cilium agent ${agent.namespace}/${agent.pod} on node ${nodeName} is not Ready: Ready=${readiness.readyCondition}${details}`,
          object: agent.ref,
          evidence: {
            objects: [agent.ref, nodeRef(nodeName), ...(daemonSetRef ? [daemonSetRef] : [])],
            fields: { 'status.conditions[Ready]': readiness.readyCondition, restarts: String(readiness.restarts) },
          },
        });
      }
    }

    const daemonSetStatus = daemonSets[0]?.status ?? {};
    const total = nodeNames.length;
    const summary =
      notReadyNodes.length === 0
        ? `${total} of ${total} nodes have a Ready Cilium agent`
        : `${notReadyNodes.length} of ${total} nodes without a Ready Cilium agent (${notReadyNodes.join(', ')})`;
    return {
      findings,
      summary,
      evidence: {
        objects: daemonSetRef ? [daemonSetRef] : [],
        fields: daemonSetRef
          ? {
              'status.desiredNumberScheduled': String(daemonSetStatus.desiredNumberScheduled ?? '?'),
              'status.numberReady': String(daemonSetStatus.numberReady ?? '?'),
              'status.numberAvailable': String(daemonSetStatus.numberAvailable ?? '?'),
            }
          : undefined,
      },
    };
  },
};
