import {
  LabelSelector,
  LabelSelectorRequirement,
  matchesLabelSelector,
} from '../selectors';
import {
  ipBlockContains,
  NAMESPACE_NAME_LABEL,
} from './kubernetesPolicyEvaluation';
import {
  CiliumCidrRule,
  CiliumEgressRule,
  CiliumIngressRule,
  CiliumPolicyObject,
  CiliumPortRule,
  CiliumRule,
  isEntityEndpoint,
  isPodEndpoint,
  PodEndpoint,
  TrafficPeer,
} from './policyObjects';
import { ciliumPortsAdmit } from './policyPorts';
import { PolicyTraffic, PolicyVerdict, policyRef } from './policyVerdict';

/** The label Cilium gives every endpoint with its pod's namespace. */
export const CILIUM_POD_NAMESPACE_LABEL = 'io.kubernetes.pod.namespace';
/** The prefix under which Cilium exposes the namespace's labels on an endpoint. */
export const CILIUM_NAMESPACE_LABELS_PREFIX = 'io.cilium.k8s.namespace.labels.';

/** Reserved identities the `cluster` entity covers besides pods. */
const CLUSTER_ENTITIES = [
  'host',
  'remote-node',
  'kube-apiserver',
  'health',
  'init',
  'ingress',
  'unmanaged',
];
const WORLD_ENTITIES = ['world', 'world-ipv4', 'world-ipv6'];

/**
 * Whether a rule list guards its direction. Cilium: "If omitted or empty, this rule
 * does not apply" — so `ingress: []` does not isolate, while `ingress: [{}]` does.
 */
export function hasRules(rules: readonly unknown[] | undefined): boolean {
  return Array.isArray(rules) && rules.length > 0;
}

/** The rules of a Cilium policy: `spec` and every entry of `specs`. */
export function ciliumPolicyRules(policy: CiliumPolicyObject): CiliumRule[] {
  return [
    ...(policy.spec ? [policy.spec] : []),
    ...(Array.isArray(policy.specs) ? policy.specs : []),
  ];
}

/**
 * The labels Cilium matches selectors against for a pod: its own labels, its
 * namespace as `io.kubernetes.pod.namespace`, and the namespace's labels under
 * `io.cilium.k8s.namespace.labels.`.
 */
export function ciliumEndpointLabels(pod: PodEndpoint): Record<string, string> {
  const labels: Record<string, string> = {
    ...pod.podLabels,
    [CILIUM_POD_NAMESPACE_LABEL]: pod.namespace,
  };
  const namespaceLabels = pod.namespaceLabels ?? {
    [NAMESPACE_NAME_LABEL]: pod.namespace,
  };
  for (const [key, value] of Object.entries(namespaceLabels)) {
    labels[`${CILIUM_NAMESPACE_LABELS_PREFIX}${key}`] = value;
  }
  return labels;
}

/**
 * Whether a Cilium endpoint selector matches a pod. Keys may carry the `k8s:` or
 * `any:` source prefix. In a namespaced policy a selector that names no namespace
 * is limited to the policy's namespace, as Cilium does when it parses the policy;
 * `policyNamespace` undefined (a clusterwide policy) means no such limit.
 */
export function ciliumSelectorMatchesPod(
  selector: LabelSelector | undefined,
  pod: PodEndpoint,
  policyNamespace: string | undefined,
): boolean {
  if (!selector) return false;
  const normalised = stripCiliumSourcePrefixes(selector);
  if (
    policyNamespace !== undefined &&
    !namesNamespace(normalised) &&
    pod.namespace !== policyNamespace
  ) {
    return false;
  }
  return matchesLabelSelector(normalised, ciliumEndpointLabels(pod));
}

/**
 * What a Cilium policy says about a connection, or undefined when none of its rules
 * selects the subject for that direction. A rule guards a direction when it has
 * non-empty allow or deny rules for it; `enableDefaultDeny: false` lets it add allows without
 * isolating the pod. Deny rules win over allow rules (decided by the caller).
 */
export function evaluateCiliumPolicy(
  policy: CiliumPolicyObject,
  traffic: PolicyTraffic,
): PolicyVerdict | undefined {
  const policyNamespace =
    policy.kind === 'CiliumNetworkPolicy'
      ? policy.metadata.namespace ?? 'default'
      : undefined;
  let selected = false;
  let enforces = false;
  let allows = false;
  let denies = false;
  for (const rule of ciliumPolicyRules(policy)) {
    const allowRules =
      traffic.direction === 'ingress' ? rule.ingress : rule.egress;
    const denyRules =
      traffic.direction === 'ingress' ? rule.ingressDeny : rule.egressDeny;
    if (!hasRules(allowRules) && !hasRules(denyRules)) continue;
    if (
      !ciliumSelectorMatchesPod(
        rule.endpointSelector,
        traffic.subject,
        policyNamespace,
      )
    )
      continue;
    selected = true;
    if (rule.enableDefaultDeny?.[traffic.direction] !== false) enforces = true;
    if (
      (allowRules ?? []).some(entry =>
        ciliumRuleMatches(entry, traffic, policyNamespace),
      )
    )
      allows = true;
    if (
      (denyRules ?? []).some(entry =>
        ciliumRuleMatches(entry, traffic, policyNamespace),
      )
    )
      denies = true;
  }
  return selected
    ? { policy: policyRef(policy), enforces, allows, denies }
    : undefined;
}

/**
 * Whether one ingress/egress rule matches the connection's peer and port.
 * A rule with no L3 part (no endpoints, entities, CIDRs, FQDNs, ...) but with
 * `toPorts` applies to every peer; with neither it matches nothing, which is how
 * `ingress: [{}]` expresses default deny (Cilium's own example). An explicitly
 * empty peer list (`fromEndpoints: []`) selects no peer. `toFQDNs` never matches a pod.
 */
export function ciliumRuleMatches(
  rule: CiliumIngressRule | CiliumEgressRule,
  traffic: Pick<PolicyTraffic, 'direction' | 'peer' | 'destination'>,
  policyNamespace: string | undefined,
): boolean {
  const l3 = l3Part(rule, traffic.direction);
  if (
    !ciliumPortsAdmit(
      rule.toPorts as CiliumPortRule[] | undefined,
      traffic.destination,
    )
  )
    return false;
  if (l3.explicitlyEmpty) return false;
  if (!l3.present) return (rule.toPorts ?? []).length > 0;
  return (
    l3.endpoints.some(
      selector =>
        isPodEndpoint(traffic.peer) &&
        ciliumSelectorMatchesPod(selector, traffic.peer, policyNamespace),
    ) ||
    l3.entities.some(entity => entityMatches(entity, traffic.peer)) ||
    l3.cidrs.some(cidr => cidrMatches(cidr, traffic.peer))
  );
}

function l3Part(
  rule: CiliumIngressRule | CiliumEgressRule,
  direction: 'ingress' | 'egress',
) {
  const ingress = rule as CiliumIngressRule;
  const egress = rule as CiliumEgressRule;
  const endpoints =
    (direction === 'ingress' ? ingress.fromEndpoints : egress.toEndpoints) ??
    [];
  const entities =
    (direction === 'ingress' ? ingress.fromEntities : egress.toEntities) ?? [];
  const cidrs: CiliumCidrRule[] = [
    ...((direction === 'ingress' ? ingress.fromCIDR : egress.toCIDR) ?? []).map(
      cidr => ({ cidr }),
    ),
    ...((direction === 'ingress' ? ingress.fromCIDRSet : egress.toCIDRSet) ??
      []),
  ];
  const others =
    direction === 'ingress'
      ? [ingress.fromNodes, ingress.fromGroups]
      : [egress.toFQDNs, egress.toServices, egress.toNodes, egress.toGroups];
  const peerLists: unknown[] = [
    direction === 'ingress' ? ingress.fromEndpoints : egress.toEndpoints,
    direction === 'ingress' ? ingress.fromEntities : egress.toEntities,
    direction === 'ingress' ? ingress.fromCIDR : egress.toCIDR,
    direction === 'ingress' ? ingress.fromCIDRSet : egress.toCIDRSet,
    ...others,
  ];
  const present = peerLists.some(list => Array.isArray(list));
  // Cilium: an explicitly empty peer list (`fromEndpoints: []`) selects no peer at all.
  const explicitlyEmpty = peerLists.some(
    list => Array.isArray(list) && list.length === 0,
  );
  return { present, explicitlyEmpty, endpoints, entities, cidrs };
}

function entityMatches(entity: string, peer: TrafficPeer): boolean {
  if (entity === 'all') return true;
  if (isPodEndpoint(peer)) return entity === 'cluster';
  if (isEntityEndpoint(peer)) {
    return (
      entity === peer.entity ||
      (entity === 'cluster' && CLUSTER_ENTITIES.includes(peer.entity))
    );
  }
  return WORLD_ENTITIES.includes(entity);
}

function cidrMatches(rule: CiliumCidrRule, peer: TrafficPeer): boolean {
  if (isPodEndpoint(peer) || isEntityEndpoint(peer) || !rule.cidr) return false;
  return ipBlockContains({ cidr: rule.cidr, except: rule.except }, peer.ip);
}

/** A selector with the `k8s:` / `any:` source prefixes removed from its keys. */
export function stripCiliumSourcePrefixes(
  selector: LabelSelector,
): LabelSelector {
  const strip = (key: string) => key.replace(/^(k8s|any):/, '');
  return {
    matchLabels: selector.matchLabels
      ? Object.fromEntries(
          Object.entries(selector.matchLabels).map(([key, value]) => [
            strip(key),
            value,
          ]),
        )
      : undefined,
    matchExpressions: selector.matchExpressions?.map(
      (expression): LabelSelectorRequirement => ({
        ...expression,
        key: strip(expression.key),
      }),
    ),
  };
}

function namesNamespace(selector: LabelSelector): boolean {
  const keys = [
    ...Object.keys(selector.matchLabels ?? {}),
    ...(selector.matchExpressions ?? []).map(expression => expression.key),
  ];
  return keys.some(
    key =>
      key === CILIUM_POD_NAMESPACE_LABEL ||
      key.startsWith(CILIUM_NAMESPACE_LABELS_PREFIX),
  );
}
