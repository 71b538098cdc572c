import { ObjectRef } from '../types';
import { evaluateCiliumPolicy } from './ciliumPolicyEvaluation';
import { evaluateNetworkPolicy } from './kubernetesPolicyEvaluation';
import {
  isEntityEndpoint,
  isPodEndpoint,
  PodEndpoint,
  PolicyObject,
  TrafficPeer,
} from './policyObjects';
import { PolicyTraffic, PolicyVerdict } from './policyVerdict';

/** The outcome of checking one connection against every policy, with the policies that decided it. */
export interface PolicyDecision {
  allowed: boolean;
  /**
   * - `no-policy`: nothing isolates the pod for this direction, so all traffic passes;
   * - `allowed`: an allow rule admits it;
   * - `not-admitted`: policies isolate the pod and none of their rules admits it;
   * - `denied`: a Cilium deny rule matches (deny wins over every allow).
   */
  verdict: 'no-policy' | 'allowed' | 'not-admitted' | 'denied';
  /** Policies that select the pod for this direction. */
  selecting: ObjectRef[];
  allowedBy: ObjectRef[];
  deniedBy: ObjectRef[];
  /** One line for evidence, e.g. `allowed by allow-from-gateway`. */
  message: string;
}

/** A connection into a pod. Protocol defaults to TCP. */
export interface IngressQuery {
  from: TrafficPeer;
  to: PodEndpoint;
  port: number;
  protocol?: string;
}

/** A connection out of a pod. Protocol defaults to TCP; named ports resolve against `to` when it is a pod. */
export interface EgressQuery {
  from: PodEndpoint;
  to: TrafficPeer;
  port: number;
  protocol?: string;
}

/**
 * Whether policies let `from` reach pod `to` on a port, with Kubernetes and Cilium
 * semantics together: a pod no policy selects for ingress accepts everything; once
 * selected, the union of all selecting policies' allow rules decides; a Cilium
 * `ingressDeny` rule that matches wins over any allow.
 */
export function isIngressAllowed(
  query: IngressQuery,
  policies: PolicyObject[],
): PolicyDecision {
  return decide(
    {
      direction: 'ingress',
      subject: query.to,
      peer: query.from,
      destination: {
        port: query.port,
        protocol: (query.protocol ?? 'TCP').toUpperCase(),
        namedPorts: query.to.namedPorts,
      },
    },
    policies,
  );
}

/** Whether policies let pod `from` open a connection to `to` on a port (egress side only). */
export function isEgressAllowed(
  query: EgressQuery,
  policies: PolicyObject[],
): PolicyDecision {
  return decide(
    {
      direction: 'egress',
      subject: query.from,
      peer: query.to,
      destination: {
        port: query.port,
        protocol: (query.protocol ?? 'TCP').toUpperCase(),
        namedPorts: isPodEndpoint(query.to) ? query.to.namedPorts : undefined,
      },
    },
    policies,
  );
}

/** The cluster DNS pods as CoreDNS runs them on Talos and most distributions. */
export const DEFAULT_CLUSTER_DNS: PodEndpoint = {
  namespace: 'kube-system',
  podLabels: { 'k8s-app': 'kube-dns' },
  namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
};

/** Whether a pod may query cluster DNS, per protocol. */
export interface DnsEgressDecision {
  /** UDP/53 is allowed: lookups work. */
  allowed: boolean;
  udp: PolicyDecision;
  /** TCP/53 carries truncated (large) answers; blocked TCP alone is a warning. */
  tcp: PolicyDecision;
  message: string;
}

/**
 * Whether a pod's egress policies let it reach the cluster DNS pods on port 53.
 * Cilium `toFQDNs` rules do not count (they name destinations by DNS name, and
 * need DNS to work first); `toEndpoints` selecting kube-dns or `toEntities`
 * `cluster`/`all` do.
 */
export function isDnsEgressAllowed(
  pod: PodEndpoint,
  policies: PolicyObject[],
  dns: PodEndpoint = DEFAULT_CLUSTER_DNS,
): DnsEgressDecision {
  const udp = isEgressAllowed(
    { from: pod, to: dns, port: 53, protocol: 'UDP' },
    policies,
  );
  const tcp = isEgressAllowed(
    { from: pod, to: dns, port: 53, protocol: 'TCP' },
    policies,
  );
  let message: string;
  if (!udp.allowed) message = `DNS egress blocked: ${udp.message}`;
  else if (!tcp.allowed)
    message = `DNS over UDP allowed, TCP/53 blocked (large answers fail): ${tcp.message}`;
  else message = `DNS egress ${udp.message}`;
  return { allowed: udp.allowed, udp, tcp, message };
}

function decide(
  traffic: PolicyTraffic,
  policies: PolicyObject[],
): PolicyDecision {
  const verdicts: PolicyVerdict[] = [];
  for (const policy of policies) {
    const verdict =
      policy.kind === 'NetworkPolicy'
        ? evaluateNetworkPolicy(policy, traffic)
        : evaluateCiliumPolicy(policy, traffic);
    if (verdict) verdicts.push(verdict);
  }
  const selecting = verdicts.map(verdict => verdict.policy);
  const allowedBy = verdicts
    .filter(verdict => verdict.allows)
    .map(verdict => verdict.policy);
  const deniedBy = verdicts
    .filter(verdict => verdict.denies)
    .map(verdict => verdict.policy);
  const what = `${traffic.destination.protocol}/${traffic.destination.port} ${
    traffic.direction === 'ingress' ? 'from' : 'to'
  } ${describePeer(traffic.peer)}`;

  if (deniedBy.length > 0) {
    return {
      allowed: false,
      verdict: 'denied',
      selecting,
      allowedBy,
      deniedBy,
      message: `denied by ${names(deniedBy)} (deny rule matches ${what})`,
    };
  }
  if (!verdicts.some(verdict => verdict.enforces)) {
    return {
      allowed: true,
      verdict: 'no-policy',
      selecting,
      allowedBy,
      deniedBy,
      message: `allowed: no policy selects the pod for ${traffic.direction}`,
    };
  }
  if (allowedBy.length > 0) {
    return {
      allowed: true,
      verdict: 'allowed',
      selecting,
      allowedBy,
      deniedBy,
      message: `allowed by ${names(allowedBy)}`,
    };
  }
  return {
    allowed: false,
    verdict: 'not-admitted',
    selecting,
    allowedBy,
    deniedBy,
    message: `denied: ${names(selecting)} ${
      selecting.length === 1 ? 'selects' : 'select'
    } the pod and no rule admits ${what}`,
  };
}

function names(refs: ObjectRef[]): string {
  return refs.map(ref => ref.name).join(', ');
}

function describePeer(peer: TrafficPeer): string {
  if (isPodEndpoint(peer)) {
    const labels = Object.entries(peer.podLabels)
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    return `pods {${labels}} in ${peer.namespace}`;
  }
  if (isEntityEndpoint(peer)) return `entity ${peer.entity}`;
  return peer.ip;
}
