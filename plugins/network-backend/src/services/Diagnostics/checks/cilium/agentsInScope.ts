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
