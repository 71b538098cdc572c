/** Whether a NetworkPolicy denies all ingress to every pod of its namespace. */
function isDefaultDenyNetworkPolicy(policy: any): boolean {
  const selector = policy.spec?.podSelector ?? {};
  const selectsAll = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  const types: string[] = policy.spec?.policyTypes ?? ['Ingress'];
  return selectsAll && types.includes('Ingress') && (policy.spec?.ingress ?? []).length === 0;
}

/** Whether a Cilium rule selects every endpoint and allows no ingress (`ingress: [{}]` or a deny of all). */
function isDefaultDenyCiliumRule(rule: any): boolean {
  const selector = rule.endpointSelector;
  if (!selector) return false;
  const selectsAll = Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
  if (!selectsAll) return false;
  const emptyAllow = Array.isArray(rule.ingress) && rule.ingress.every((entry: any) => Object.keys(entry ?? {}).length === 0);
  const denyAll = Array.isArray(rule.ingressDeny) && rule.ingressDeny.some((entry: any) => (entry.fromEntities ?? []).includes('all'));
  return emptyAllow || denyAll;
}

/**
 * Namespaces with no default-deny ingress policy (NetworkPolicy with an empty podSelector and no
 * ingress rules, or a CiliumNetworkPolicy selecting every endpoint with `ingress: [{}]`), unless a
 * clusterwide Cilium policy denies by default everywhere. The kube-* namespaces are left out.
 */
export function namespacesWithoutDefaultDeny(namespaces: any[], networkPolicies: any[], ciliumPolicies: any[], clusterwidePolicies: any[]): string[] {
  const rulesOf = (policy: any): any[] => policy.specs ?? (policy.spec ? [policy.spec] : []);
  if (clusterwidePolicies.some(policy => rulesOf(policy).some(isDefaultDenyCiliumRule))) return [];
  const covered = new Set<string>();
  for (const policy of networkPolicies) if (isDefaultDenyNetworkPolicy(policy)) covered.add(policy.metadata.namespace);
  for (const policy of ciliumPolicies) if (rulesOf(policy).some(isDefaultDenyCiliumRule)) covered.add(policy.metadata.namespace);
  return namespaces
    .map(namespace => namespace.metadata.name as string)
    .filter(name => !name.startsWith('kube-') && !covered.has(name))
    .sort();
}
