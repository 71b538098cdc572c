import { ObjectRef } from '@internal/plugin-network-common';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { podReadiness, PodReadiness } from './podReadiness';

/** The label Cilium's Helm chart puts on the agent DaemonSet and its pods. */
export const AGENT_LABEL = 'k8s-app=cilium';
/** The container `cilium-dbg` runs in. */
export const AGENT_CONTAINER = 'cilium-agent';

/** One Cilium agent pod and the node it serves. */
export interface CiliumAgent {
  namespace: string;
  pod: string;
  nodeName: string;
  readiness: PodReadiness;
  ref: ObjectRef;
}

/** The agent DaemonSets (normally kube-system/cilium). */
export function findAgentDaemonSets(cache: ClusterCache): any[] {
  return cache.byIndex('DaemonSet', 'label', AGENT_LABEL);
}

/** Every agent pod, sorted by node. */
export function findCiliumAgents(cache: ClusterCache): CiliumAgent[] {
  return cache
    .byIndex('Pod', 'label', AGENT_LABEL)
    .map(pod => ({
      namespace: pod.metadata.namespace,
      pod: pod.metadata.name,
      nodeName: pod.spec?.nodeName ?? '',
      readiness: podReadiness(pod),
      ref: { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name },
    }))
    .sort((a, b) => a.nodeName.localeCompare(b.nodeName) || a.pod.localeCompare(b.pod));
}

/** Why the Cilium checks cannot apply, or undefined when Cilium is installed. */
export function ciliumNotInstalledReason(cache: ClusterCache): string | undefined {
  if (findAgentDaemonSets(cache).length > 0 || findCiliumAgents(cache).length > 0) return undefined;
  return `Cilium is not installed: no DaemonSet or pods labelled ${AGENT_LABEL}`;
}

/** `kubectl exec` spelled out for evidence and manual commands. */
export function agentExecCommandText(agent: CiliumAgent, command: string[]): string {
  return `kubectl exec -n ${agent.namespace} ${agent.pod} -c ${AGENT_CONTAINER} -- ${command.join(' ')}`;
}

/** The Node ref of an agent. */
export function nodeRef(nodeName: string): ObjectRef {
  return { apiVersion: 'v1', kind: 'Node', name: nodeName };
}
