import { matchesLabelSelector } from '@internal/plugin-network-common';

/** Who sends the traffic: a pod (labels and namespace) and the Cilium entities it counts as. */
export interface TrafficPeer {
  namespace: string;
  namespaceLabels: Record<string, string>;
  podLabels: Record<string, string>;
  /** Cilium entities this peer belongs to, e.g. `ingress` for Cilium's gateway Envoy. */
  entities: string[];
}

/** The verdict of the policies on one direction of traffic for one pod. */
export interface PolicyVerdict {
  allowed: boolean;
  /** False when no policy selects the pod for this direction (everything is allowed). */
  isolated: boolean;
  /** The policies that decided, as `Kind namespace/name`. */
  decidingPolicies: string[];
  /** Every policy that selects the pod for this direction. */
  selectingPolicies: string[];
}

/** The objects the evaluation reads. */
export interface PolicySet {
  networkPolicies: any[];
  ciliumNetworkPolicies: any[];
  ciliumClusterwideNetworkPolicies: any[];
}

type Direction = 'ingress' | 'egress';

/**
 * Whether traffic between a pod and a peer on a port is allowed by NetworkPolicy and
 * Cilium(Clusterwide)NetworkPolicy together: each policy system that isolates the pod must
 * allow it, and a Cilium deny rule wins. (Written here until network-common has it.)
 */
export function evaluatePolicies(
  policies: PolicySet,
  direction: Direction,
  pod: { namespace: string; labels: Record<string, string> },
  peer: TrafficPeer,
  port: number,
  protocol: string = 'TCP',
): PolicyVerdict {
  const kubernetes = evaluateNetworkPolicies(policies.networkPolicies, direction, pod, peer, port, protocol);
  const cilium = evaluateCiliumPolicies(
    [
      ...policies.ciliumNetworkPolicies.map(policy => ({ policy, kind: 'CiliumNetworkPolicy', namespace: policy.metadata.namespace })),
      ...policies.ciliumClusterwideNetworkPolicies.map(policy => ({ policy, kind: 'CiliumClusterwideNetworkPolicy', namespace: undefined })),
    ],
    direction,
    pod,
    peer,
    port,
    protocol,
  );
  const denying = [kubernetes, cilium].filter(verdict => !verdict.allowed);
  return {
    allowed: denying.length === 0,
    isolated: kubernetes.isolated || cilium.isolated,
    decidingPolicies: denying.length > 0 ? denying.flatMap(verdict => verdict.decidingPolicies) : [...kubernetes.decidingPolicies, ...cilium.decidingPolicies],
    selectingPolicies: [...kubernetes.selectingPolicies, ...cilium.selectingPolicies],
  };
}

function portMatches(entries: any[] | undefined, port: number, protocol: string): boolean {
  if (!entries || entries.length === 0) return true;
  return entries.some(entry => {
    const entryProtocol = String(entry.protocol ?? 'TCP').toUpperCase();
    if (entryProtocol !== 'ANY' && entryProtocol !== protocol.toUpperCase()) return false;
    if (entry.port === undefined || entry.port === null || entry.port === '' || entry.port === '0' || entry.port === 0) return true;
    const first = Number(entry.port);
    if (!Number.isFinite(first)) return false; // named ports are not resolved here
    const last = entry.endPort !== undefined ? Number(entry.endPort) : first;
    return port >= first && port <= last;
  });
}

function evaluateNetworkPolicies(
  all: any[],
  direction: Direction,
  pod: { namespace: string; labels: Record<string, string> },
  peer: TrafficPeer,
  port: number,
  protocol: string,
): PolicyVerdict {
  const selecting = all.filter(policy => {
    if (policy.metadata.namespace !== pod.namespace) return false;
    if (!matchesLabelSelector(policy.spec?.podSelector ?? {}, pod.labels)) return false;
    const types: string[] = policy.spec?.policyTypes ?? (policy.spec?.egress ? ['Ingress', 'Egress'] : ['Ingress']);
    return types.includes(direction === 'ingress' ? 'Ingress' : 'Egress');
  });
  const name = (policy: any) => `NetworkPolicy ${policy.metadata.namespace}/${policy.metadata.name}`;
  if (selecting.length === 0) return { allowed: true, isolated: false, decidingPolicies: [], selectingPolicies: [] };
  const peerField = direction === 'ingress' ? 'from' : 'to';
  const allowing = selecting.filter(policy =>
    (policy.spec?.[direction] ?? []).some(
      (rule: any) =>
        portMatches(rule.ports, port, protocol) &&
        (!rule[peerField] || rule[peerField].length === 0 || rule[peerField].some((entry: any) => networkPolicyPeerMatches(entry, pod.namespace, peer))),
    ),
  );
  return {
    allowed: allowing.length > 0,
    isolated: true,
    decidingPolicies: (allowing.length > 0 ? allowing : selecting).map(name),
    selectingPolicies: selecting.map(name),
  };
}

function networkPolicyPeerMatches(entry: any, policyNamespace: string, peer: TrafficPeer): boolean {
  if (entry.ipBlock) return false; // cluster-internal peers are not matched by address here
  if (entry.namespaceSelector) {
    if (!matchesLabelSelector(entry.namespaceSelector, peer.namespaceLabels)) return false;
  } else if (peer.namespace !== policyNamespace) {
    return false;
  }
  return entry.podSelector ? matchesLabelSelector(entry.podSelector, peer.podLabels) : true;
}

/** Cilium selectors may prefix keys with a source (`k8s:`); the namespace is a pseudo-label. */
function ciliumLabels(namespace: string, labels: Record<string, string>): Record<string, string> {
  const result: Record<string, string> = { 'io.kubernetes.pod.namespace': namespace };
  for (const [key, value] of Object.entries(labels)) result[key] = value;
  return result;
}

function stripSource(selector: any): any {
  if (!selector) return selector;
  const strip = (key: string) => key.replace(/^(k8s|any):/, '');
  return {
    matchLabels: selector.matchLabels
      ? Object.fromEntries(Object.entries(selector.matchLabels).map(([key, value]) => [strip(key), value]))
      : undefined,
    matchExpressions: selector.matchExpressions?.map((expression: any) => ({ ...expression, key: strip(expression.key) })),
  };
}

function ciliumRuleMatchesPeer(rule: any, direction: Direction, peer: TrafficPeer, ruleNamespace: string | undefined): boolean {
  const entities: string[] = rule[direction === 'ingress' ? 'fromEntities' : 'toEntities'] ?? [];
  const endpoints: any[] | undefined = rule[direction === 'ingress' ? 'fromEndpoints' : 'toEndpoints'];
  if (entities.some(entity => entity === 'all' || peer.entities.includes(entity))) return true;
  if (endpoints) {
    const peerLabels = ciliumLabels(peer.namespace, peer.podLabels);
    return endpoints.some(selector => {
      const stripped = stripSource(selector);
      // A namespaced policy's endpoint selectors stay in its namespace unless they name one.
      const namesNamespace = Object.keys(stripped.matchLabels ?? {}).includes('io.kubernetes.pod.namespace');
      if (ruleNamespace && !namesNamespace && peer.namespace !== ruleNamespace) return false;
      return matchesLabelSelector(stripped, peerLabels);
    });
  }
  return false;
}

function evaluateCiliumPolicies(
  all: { policy: any; kind: string; namespace?: string }[],
  direction: Direction,
  pod: { namespace: string; labels: Record<string, string> },
  peer: TrafficPeer,
  port: number,
  protocol: string,
): PolicyVerdict {
  const podLabels = ciliumLabels(pod.namespace, pod.labels);
  const selectingPolicies: string[] = [];
  const allowingPolicies: string[] = [];
  const denyingPolicies: string[] = [];
  for (const { policy, kind, namespace } of all) {
    if (namespace && namespace !== pod.namespace) continue;
    const rules: any[] = policy.specs ?? (policy.spec ? [policy.spec] : []);
    const name = `${kind} ${namespace ? `${namespace}/` : ''}${policy.metadata.name}`;
    for (const rule of rules) {
      if (!rule.endpointSelector || !matchesLabelSelector(stripSource(rule.endpointSelector), podLabels)) continue;
      const allowRules: any[] | undefined = rule[direction];
      const denyRules: any[] | undefined = rule[direction === 'ingress' ? 'ingressDeny' : 'egressDeny'];
      if (!allowRules && !denyRules) continue;
      if (!selectingPolicies.includes(name)) selectingPolicies.push(name);
      const ruleApplies = (entry: any) =>
        ciliumRuleMatchesPeer(entry, direction, peer, namespace) &&
        (!entry.toPorts || entry.toPorts.some((toPort: any) => portMatches(toPort.ports, port, protocol)));
      if ((denyRules ?? []).some(ruleApplies)) denyingPolicies.push(name);
      if ((allowRules ?? []).some(ruleApplies)) allowingPolicies.push(name);
    }
  }
  if (selectingPolicies.length === 0) return { allowed: true, isolated: false, decidingPolicies: [], selectingPolicies };
  if (denyingPolicies.length > 0) return { allowed: false, isolated: true, decidingPolicies: denyingPolicies, selectingPolicies };
  return {
    allowed: allowingPolicies.length > 0,
    isolated: true,
    decidingPolicies: allowingPolicies.length > 0 ? allowingPolicies : selectingPolicies,
    selectingPolicies,
  };
}
