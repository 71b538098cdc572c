import { CheckFinding } from '@internal/plugin-network-common';
import { conditionOf, refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding, objectsInScope } from '../../scopedObjects';

/** Cilium policies the agent rejected (Valid=False): they are not enforced at all. */
export const ciliumPoliciesValidCheck: DiagnosticCheck = {
  id: 'policies.cilium-policies-valid',
  title: 'Cilium policies are valid',
  category: 'policies',
  scopes: ['cluster', 'namespace', 'entity'],
  description: 'Reads the Valid condition Cilium writes on every CiliumNetworkPolicy and CiliumClusterwideNetworkPolicy.',
  manualCommand: 'kubectl get cnp,ccnp -A; kubectl describe cnp <name> -n <namespace>',
  remediation: "Fix the policy the condition message names (often a selector or port syntax error): kubectl describe cnp <name> -n <namespace>, then edit its spec.",
  async run(context) {
    if (context.cache.isAbsent('CiliumNetworkPolicy')) {
      return { findings: [], summary: 'Cilium policies are not served', skippedBecause: 'the cluster does not serve cilium.io CiliumNetworkPolicy' };
    }
    const policies = [
      ...objectsInScope(context, 'CiliumNetworkPolicy').map(policy => ({ kind: 'CiliumNetworkPolicy', policy })),
      ...objectsInScope(context, 'CiliumClusterwideNetworkPolicy').map(policy => ({ kind: 'CiliumClusterwideNetworkPolicy', policy })),
    ];
    const findings: CheckFinding[] = policies.flatMap(({ kind, policy }) => {
      const valid = conditionOf(policy.status?.conditions, 'Valid');
      if (valid?.status !== 'False') return [];
      return [objectFinding('fail', refOf(kind, policy, 'cilium.io/v2'), `${valid.reason ?? 'Invalid'}: ${valid.message ?? 'the agent rejected the policy'}`, { 'status.conditions[Valid]': conditionText(valid) })];
    });
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(policies.length, 'Cilium policy', 'Cilium policies')} invalid` : `${countOf(policies.length, 'Cilium policy', 'Cilium policies')}, none rejected`,
    };
  },
};
