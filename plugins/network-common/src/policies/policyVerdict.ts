import { ObjectRef } from '../types';
import { DestinationPort } from './policyPorts';
import { PodEndpoint, TrafficPeer } from './policyObjects';

/** Which side of the pod a policy rule guards. */
export type TrafficDirection = 'ingress' | 'egress';

/**
 * One connection seen from the pod whose policies apply (the subject): for ingress
 * the destination pod, for egress the source pod. `peer` is the other end.
 */
export interface PolicyTraffic {
  direction: TrafficDirection;
  subject: PodEndpoint;
  peer: TrafficPeer;
  destination: DestinationPort;
}

/** What one policy that selects the subject says about a connection. */
export interface PolicyVerdict {
  policy: ObjectRef;
  /** The policy isolates the pod for this direction (default deny). */
  enforces: boolean;
  /** An allow rule admits the connection. */
  allows: boolean;
  /** A deny rule (Cilium `ingressDeny` / `egressDeny`) matches the connection. */
  denies: boolean;
}

/** A policy's reference as evidence. */
export function policyRef(policy: {
  kind: string;
  metadata: { namespace?: string; name: string };
}): ObjectRef {
  const apiVersion =
    policy.kind === 'NetworkPolicy' ? 'networking.k8s.io/v1' : 'cilium.io/v2';
  return policy.metadata.namespace === undefined
    ? { apiVersion, kind: policy.kind, name: policy.metadata.name }
    : {
        apiVersion,
        kind: policy.kind,
        namespace: policy.metadata.namespace,
        name: policy.metadata.name,
      };
}
