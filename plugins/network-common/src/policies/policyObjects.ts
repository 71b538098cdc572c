import { LabelSelector } from '../selectors';

/** A networking.k8s.io/v1 NetworkPolicyPort. */
export interface NetworkPolicyPort {
  protocol?: string;
  /** A number, or the name of a container port on the destination pod. */
  port?: number | string;
  endPort?: number;
}

/** A networking.k8s.io/v1 NetworkPolicyPeer. */
export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except?: string[] };
}

/** A Kubernetes NetworkPolicy (networking.k8s.io/v1). */
export interface NetworkPolicyObject {
  kind: 'NetworkPolicy';
  metadata: { namespace?: string; name: string };
  spec: {
    podSelector?: LabelSelector;
    policyTypes?: string[];
    ingress?: { from?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
    egress?: { to?: NetworkPolicyPeer[]; ports?: NetworkPolicyPort[] }[];
  };
}

/** A Cilium PortProtocol (`toPorts[].ports[]`); `port` is a string in the CRD. */
export interface CiliumPortProtocol {
  port?: string | number;
  endPort?: number;
  protocol?: string;
}

/** A Cilium PortRule (`toPorts[]`); L7 `rules` do not change whether L4 traffic passes. */
export interface CiliumPortRule {
  ports?: CiliumPortProtocol[];
  rules?: unknown;
}

/** A Cilium CIDRRule (`fromCIDRSet[]` / `toCIDRSet[]`). */
export interface CiliumCidrRule {
  cidr?: string;
  except?: string[];
  cidrGroupRef?: string;
}

/** A Cilium ingress rule (`ingress[]` or `ingressDeny[]`). */
export interface CiliumIngressRule {
  fromEndpoints?: LabelSelector[];
  fromEntities?: string[];
  fromCIDR?: string[];
  fromCIDRSet?: CiliumCidrRule[];
  fromRequires?: LabelSelector[];
  fromNodes?: LabelSelector[];
  fromGroups?: unknown[];
  toPorts?: CiliumPortRule[];
}

/** A Cilium egress rule (`egress[]` or `egressDeny[]`). */
export interface CiliumEgressRule {
  toEndpoints?: LabelSelector[];
  toEntities?: string[];
  toCIDR?: string[];
  toCIDRSet?: CiliumCidrRule[];
  toFQDNs?: unknown[];
  toServices?: unknown[];
  toRequires?: LabelSelector[];
  toNodes?: LabelSelector[];
  toGroups?: unknown[];
  toPorts?: CiliumPortRule[];
}

/** One Cilium policy Rule (`spec` or an entry of `specs`). */
export interface CiliumRule {
  endpointSelector?: LabelSelector;
  ingress?: CiliumIngressRule[];
  ingressDeny?: CiliumIngressRule[];
  egress?: CiliumEgressRule[];
  egressDeny?: CiliumEgressRule[];
  enableDefaultDeny?: { ingress?: boolean; egress?: boolean };
}

/** A CiliumNetworkPolicy (namespaced) or CiliumClusterwideNetworkPolicy (cilium.io/v2). */
export interface CiliumPolicyObject {
  kind: 'CiliumNetworkPolicy' | 'CiliumClusterwideNetworkPolicy';
  metadata: { namespace?: string; name: string };
  spec?: CiliumRule;
  specs?: CiliumRule[];
}

/** Any policy the evaluation understands. */
export type PolicyObject = NetworkPolicyObject | CiliumPolicyObject;

/** A container port a named policy port can refer to. */
export interface NamedContainerPort {
  name: string;
  port: number;
  protocol?: string;
}

/** A pod as one end of a connection. */
export interface PodEndpoint {
  namespace: string;
  podLabels: Record<string, string>;
  /** Defaults to `{ 'kubernetes.io/metadata.name': namespace }`, the label Kubernetes always sets. */
  namespaceLabels?: Record<string, string>;
  ip?: string;
  /** The pod's named container ports, for policies that name a port. */
  namedPorts?: NamedContainerPort[];
}

/** A source or destination outside the cluster's pods, known by address. */
export interface ExternalEndpoint {
  ip: string;
}

/**
 * A Cilium reserved identity, e.g. `ingress` (traffic proxied by Cilium's own
 * Gateway/Ingress Envoy), `host`, `remote-node`, `kube-apiserver`.
 */
export interface EntityEndpoint {
  entity: string;
}

/** The other end of a connection. */
export type TrafficPeer = PodEndpoint | ExternalEndpoint | EntityEndpoint;

/** Whether a peer is a pod. */
export function isPodEndpoint(peer: TrafficPeer): peer is PodEndpoint {
  return 'podLabels' in peer;
}

/** Whether a peer is a reserved Cilium identity. */
export function isEntityEndpoint(peer: TrafficPeer): peer is EntityEndpoint {
  return 'entity' in peer;
}
