import { ObjectRef } from '../types';
import {
  LabelSelector,
  labelSelectorRequirements,
  matchesLabelSelector,
} from '../selectors';
import {
  CILIUM_NAMESPACE_LABELS_PREFIX,
  CILIUM_POD_NAMESPACE_LABEL,
  ciliumEndpointLabels,
  ciliumPolicyRules,
  hasRules,
  stripCiliumSourcePrefixes,
} from './ciliumPolicyEvaluation';
import {
  NAMESPACE_NAME_LABEL,
  networkPolicyDirections,
} from './kubernetesPolicyEvaluation';
import { PolicyObject } from './policyObjects';
import { policyRef, TrafficDirection } from './policyVerdict';

/**
 * The policies that put every pod of a namespace into default deny for a direction:
 * they select all pods there (an empty pod/endpoint selector, or for a clusterwide
 * Cilium policy a selector that only constrains the namespace and matches this one)
 * and none of their rules admits all traffic (`ingress: [{}]` in a NetworkPolicy,
 * or `fromEntities: [all]` without ports in Cilium).
 */
export function defaultDenyPolicies(
  namespace: string,
  policies: PolicyObject[],
  direction: TrafficDirection = 'ingress',
  namespaceLabels: Record<string, string> = {
    [NAMESPACE_NAME_LABEL]: namespace,
  },
): ObjectRef[] {
  return policies
    .filter(policy =>
      isDefaultDeny(policy, namespace, direction, namespaceLabels),
    )
    .map(policyRef);
}

/** Whether some policy puts the whole namespace into default deny for a direction (ingress by default). */
export function hasDefaultDeny(
  namespace: string,
  policies: PolicyObject[],
  direction: TrafficDirection = 'ingress',
  namespaceLabels?: Record<string, string>,
): boolean {
  return (
    defaultDenyPolicies(namespace, policies, direction, namespaceLabels)
      .length > 0
  );
}

function isDefaultDeny(
  policy: PolicyObject,
  namespace: string,
  direction: TrafficDirection,
  namespaceLabels: Record<string, string>,
): boolean {
  if (policy.kind === 'NetworkPolicy') {
    if ((policy.metadata.namespace ?? 'default') !== namespace) return false;
    if (!networkPolicyDirections(policy).includes(direction)) return false;
    if (!selectsEverything(policy.spec.podSelector ?? {})) return false;
    const rules =
      direction === 'ingress'
        ? (policy.spec.ingress ?? []).map(rule => [rule.from, rule.ports])
        : (policy.spec.egress ?? []).map(rule => [rule.to, rule.ports]);
    return !rules.some(
      ([peers, ports]) =>
        (peers ?? []).length === 0 && (ports ?? []).length === 0,
    );
  }
  if (
    policy.kind === 'CiliumNetworkPolicy' &&
    (policy.metadata.namespace ?? 'default') !== namespace
  ) {
    return false;
  }
  return ciliumPolicyRules(policy).some(rule => {
    const allowRules = direction === 'ingress' ? rule.ingress : rule.egress;
    const denyRules =
      direction === 'ingress' ? rule.ingressDeny : rule.egressDeny;
    if (!hasRules(allowRules) && !hasRules(denyRules)) return false;
    if (rule.enableDefaultDeny?.[direction] === false) return false;
    if (!rule.endpointSelector) return false;
    const coversNamespace =
      policy.kind === 'CiliumNetworkPolicy'
        ? selectsEverything(rule.endpointSelector)
        : onlyConstrainsNamespace(
            rule.endpointSelector,
            namespace,
            namespaceLabels,
          );
    if (!coversNamespace) return false;
    return !(allowRules ?? []).some(entry => {
      const entities =
        (direction === 'ingress'
          ? (entry as { fromEntities?: string[] }).fromEntities
          : (entry as { toEntities?: string[] }).toEntities) ?? [];
      return entities.includes('all') && (entry.toPorts ?? []).length === 0;
    });
  });
}

function selectsEverything(selector: LabelSelector): boolean {
  const converted = labelSelectorRequirements(selector);
  return 'requirements' in converted && converted.requirements.length === 0;
}

function onlyConstrainsNamespace(
  selector: LabelSelector,
  namespace: string,
  namespaceLabels: Record<string, string>,
): boolean {
  const stripped = stripCiliumSourcePrefixes(selector);
  const requirements = labelSelectorRequirements(stripped);
  if (!('requirements' in requirements)) return false;
  const namespaceOnly = requirements.requirements.every(
    requirement =>
      requirement.key === CILIUM_POD_NAMESPACE_LABEL ||
      requirement.key.startsWith(CILIUM_NAMESPACE_LABELS_PREFIX),
  );
  if (!namespaceOnly) return false;
  const labels = ciliumEndpointLabels({
    namespace,
    podLabels: {},
    namespaceLabels,
  });
  return matchesLabelSelector(stripped, labels);
}
