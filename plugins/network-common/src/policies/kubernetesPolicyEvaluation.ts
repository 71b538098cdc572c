import { parseIp } from '../ip/ipAddress';
import { ipRangeContains, parseCidrRange } from '../ip/ipRange';
import { matchesLabelSelector } from '../selectors';
import {
  isEntityEndpoint,
  isPodEndpoint,
  NetworkPolicyObject,
  NetworkPolicyPeer,
  TrafficPeer,
} from './policyObjects';
import { networkPolicyPortsAdmit } from './policyPorts';
import {
  PolicyTraffic,
  PolicyVerdict,
  policyRef,
  TrafficDirection,
} from './policyVerdict';

/** The label Kubernetes puts on every namespace, so selectors can name one. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/**
 * The directions a NetworkPolicy guards: `policyTypes` when set, otherwise Ingress
 * always and Egress when it has egress rules (the API server's defaulting).
 */
export function networkPolicyDirections(
  policy: NetworkPolicyObject,
): TrafficDirection[] {
  const types = policy.spec.policyTypes;
  if (Array.isArray(types) && types.length > 0) {
    return types.map(type => type.toLowerCase()).filter(isDirection);
  }
  return (policy.spec.egress ?? []).length > 0
    ? ['ingress', 'egress']
    : ['ingress'];
}

/** Whether a NetworkPolicy selects a pod (same namespace, podSelector matches; `{}` selects all). */
export function networkPolicySelectsPod(
  policy: NetworkPolicyObject,
  pod: { namespace: string; podLabels: Record<string, string> },
): boolean {
  return (
    (policy.metadata.namespace ?? 'default') === pod.namespace &&
    matchesLabelSelector(policy.spec.podSelector ?? {}, pod.podLabels)
  );
}

/**
 * What a NetworkPolicy says about a connection, or undefined when it does not select
 * the subject pod for that direction. Rules are ORed; an absent or empty `from`/`to`
 * admits every peer and absent or empty `ports` every port.
 */
export function evaluateNetworkPolicy(
  policy: NetworkPolicyObject,
  traffic: PolicyTraffic,
): PolicyVerdict | undefined {
  if (!networkPolicyDirections(policy).includes(traffic.direction))
    return undefined;
  if (!networkPolicySelectsPod(policy, traffic.subject)) return undefined;
  const policyNamespace = policy.metadata.namespace ?? 'default';
  const rules =
    traffic.direction === 'ingress'
      ? (policy.spec.ingress ?? []).map(rule => ({
          peers: rule.from,
          ports: rule.ports,
        }))
      : (policy.spec.egress ?? []).map(rule => ({
          peers: rule.to,
          ports: rule.ports,
        }));
  const allows = rules.some(
    rule =>
      (!rule.peers ||
        rule.peers.length === 0 ||
        rule.peers.some(peer =>
          networkPolicyPeerMatches(peer, policyNamespace, traffic.peer),
        )) &&
      networkPolicyPortsAdmit(rule.ports, traffic.destination),
  );
  return { policy: policyRef(policy), enforces: true, allows, denies: false };
}

/**
 * Whether a NetworkPolicyPeer matches the other end of a connection.
 * podSelector alone means pods of the policy's namespace; namespaceSelector alone
 * all pods of matching namespaces; both together, matching pods in matching
 * namespaces. ipBlock is matched against external addresses only: Kubernetes leaves
 * pod IPs under ipBlock to the implementation and Cilium does not match them.
 */
export function networkPolicyPeerMatches(
  peer: NetworkPolicyPeer,
  policyNamespace: string,
  other: TrafficPeer,
): boolean {
  if (peer.ipBlock) {
    if (isPodEndpoint(other) || isEntityEndpoint(other)) return false;
    return ipBlockContains(peer.ipBlock, other.ip);
  }
  if (!isPodEndpoint(other)) return false;
  if (!peer.podSelector && !peer.namespaceSelector) return false;
  const namespaceOk = peer.namespaceSelector
    ? matchesLabelSelector(
        peer.namespaceSelector,
        other.namespaceLabels ?? { [NAMESPACE_NAME_LABEL]: other.namespace },
      )
    : other.namespace === policyNamespace;
  const podOk = peer.podSelector
    ? matchesLabelSelector(peer.podSelector, other.podLabels)
    : true;
  return namespaceOk && podOk;
}

/** Whether an address lies in an ipBlock's CIDR and outside all of its `except` CIDRs. */
export function ipBlockContains(
  block: { cidr: string; except?: string[] },
  ip: string,
): boolean {
  const address = parseIp(ip);
  const range = parseCidrRange(block.cidr);
  if (!address || !range || !ipRangeContains(range, address)) return false;
  return !(block.except ?? []).some(except => {
    const excluded = parseCidrRange(except);
    return excluded !== undefined && ipRangeContains(excluded, address);
  });
}

function isDirection(value: string): value is TrafficDirection {
  return value === 'ingress' || value === 'egress';
}
