import { defaultDenyPolicies } from '@internal/plugin-network-common';
import { namespacesWithoutDefaultDeny } from '../../../ClusterOverviewBuilder/policyCoverage';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { namespaceLabels } from '../../../RequestPathResolver/policyHops';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, namespacesInScope, objectFinding } from '../../scopedObjects';
import { PoliciesByNamespace } from './policiesByNamespace';

/**
 * The namespaces whose coverage a run asks about. An entity's request path also reaches the
 * gateway's namespace; its default-deny is the platform's concern (a cluster run names it), so
 * an entity run looks at the namespaces of its own pods.
 */
function workloadNamespaces(context: CheckContext): string[] | undefined {
  if (context.scope.kind !== 'entity') return namespacesInScope(context);
  const own = context.scope.objects.filter(ref => ref.kind === 'Pod' && ref.namespace).map(ref => ref.namespace!);
  // Without pods, the first namespace is the workload's own (scopeOfRequestPath puts it first).
  return own.length > 0 ? [...new Set(own)] : context.scope.namespaces.slice(0, 1);
}

/**
 * Namespaces no policy puts into ingress default-deny (kube-* left out): any pod there accepts
 * traffic from everywhere in the cluster, whatever its own allow policies say about others.
 */
export const defaultDenyCheck: DiagnosticCheck = {
  id: 'policies.default-deny',
  title: 'Namespaces have a default-deny policy',
  category: 'policies',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Looks for a NetworkPolicy (podSelector {} with policyTypes Ingress and no rule admitting all) or a CiliumNetworkPolicy / clusterwide policy that selects every pod of the namespace and admits nothing by itself.',
  manualCommand: 'kubectl get networkpolicies,ciliumnetworkpolicies -A',
  remediation:
    'Add a default-deny policy to the namespace, e.g. kubectl apply -n <namespace> -f - with a NetworkPolicy named default-deny: spec.podSelector {} and spec.policyTypes [Ingress, Egress]; then allow the gateway and DNS egress explicitly.',
  async run(context) {
    const { cache } = context;
    if (PoliciesByNamespace.noPolicyApi(cache)) {
      return { findings: [], summary: 'No policy API is served', skippedBecause: 'the cluster serves neither NetworkPolicy nor CiliumNetworkPolicy' };
    }
    const scoped = workloadNamespaces(context);
    const namespaces = scoped
      ? scoped.map(name => cache.get('Namespace', undefined, name) ?? { metadata: { name } })
      : cache.list('Namespace');
    const policies = new PoliciesByNamespace(cache);
    const findings = namespaces.flatMap(namespace => {
      const name: string = namespace.metadata.name;
      const applicable = policies.for(name);
      if (namespacesWithoutDefaultDeny([namespace], applicable).length === 0) return [];
      const egressDeny = defaultDenyPolicies(name, applicable, 'egress', namespaceLabels(cache, name));
      const inNamespace = applicable.filter(policy => policy.metadata.namespace === name);
      return [
        objectFinding('warn', refOf('Namespace', namespace, 'v1'), `NoDefaultDenyPolicy: no policy puts the pods of ${name} into ingress default-deny`, {
          policies: inNamespace.map(policy => `${policy.kind}/${policy.metadata.name}`).join(', ') || 'none',
          pods: String(cache.list('Pod', name).length),
          egressDefaultDeny: egressDeny.map(ref => `${ref.kind}/${ref.name}`).join(', ') || 'none',
        }),
      ];
    });
    const considered = namespaces.filter(namespace => !namespace.metadata.name.startsWith('kube-')).length;
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(considered, 'namespace')} without default-deny` : `${countOf(considered, 'namespace')}, all with default-deny`,
    };
  },
};
