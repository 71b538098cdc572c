import { CheckContext } from '../../DiagnosticCheck';
import { CiliumAgent } from './ciliumAgents';

/**
 * The agents that matter for the run's scope: all of them for a cluster; for a namespace or
 * an entity, the agents on the nodes its pods run on (those agents carry its traffic).
 */
export function agentsInScope(context: CheckContext, agents: CiliumAgent[]): CiliumAgent[] {
  const nodes = nodesOfScope(context);
  return nodes ? agents.filter(agent => nodes.has(agent.nodeName)) : agents;
}

/** Node names of the scope's pods; undefined for a cluster scope (every node). */
export function nodesOfScope(context: CheckContext): Set<string> | undefined {
  const { scope, cache } = context;
  if (scope.kind === 'cluster') return undefined;
  const pods =
    scope.kind === 'namespace'
      ? cache.list('Pod', scope.namespace)
      : scope.objects.filter(ref => ref.kind === 'Pod').map(ref => cache.get('Pod', ref.namespace, ref.name)).filter(Boolean);
  return new Set(pods.map(pod => pod.spec?.nodeName).filter((name): name is string => Boolean(name)));
}

/** Cilium's lease per L2-announced service: `cilium-l2announce-<namespace>-<service>` in kube-system. */
export function l2LeaseHolder(context: CheckContext, service: { namespace?: string; name: string }): string | undefined {
  return context.cache.get('Lease', 'kube-system', `cilium-l2announce-${service.namespace}-${service.name}`)?.spec?.holderIdentity;
}

/**
 * The agents whose BPF maps carry a narrowed run's LoadBalancer traffic: the nodes holding the
 * services' L2 leases (they answer ARP, so traffic for the IP enters there), the nodes of the
 * scope's pods, and agents that are not Ready (the likeliest to hold a stale map, and where the
 * traffic lands if a lease fails over). A cluster run asks every agent.
 */
export function agentsCarryingServices(context: CheckContext, agents: CiliumAgent[], services: Array<{ ref: { namespace?: string; name: string } }>): CiliumAgent[] {
  const podNodes = nodesOfScope(context);
  if (!podNodes) return agents;
  const nodes = new Set(podNodes);
  for (const service of services) {
    const holder = l2LeaseHolder(context, service.ref);
    if (holder) nodes.add(holder);
  }
  return agents.filter(agent => nodes.has(agent.nodeName) || !agent.readiness.ready);
}
