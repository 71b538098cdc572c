import { LabelSelector } from '../selectors/labelSelector';

/** One block of a LoadBalancer IP pool: a CIDR, or a start with optional stop (start alone is one address). */
export interface BaselinePoolBlock {
  cidr?: string;
  start?: string;
  stop?: string;
}

/** A CiliumLoadBalancerIPPool of the baseline. */
export interface BaselineIpPool {
  name: string;
  /** `cilium.io/v2` (Cilium 1.18+) or `cilium.io/v2alpha1` (served by 1.15 and later). */
  apiVersion: 'cilium.io/v2' | 'cilium.io/v2alpha1';
  blocks: BaselinePoolBlock[];
  serviceSelector?: LabelSelector;
  /** Whether CIDR blocks hand out their first and last address. */
  allowFirstLastIPs?: 'Yes' | 'No';
  disabled?: boolean;
}

/** A CiliumL2AnnouncementPolicy (only served as `cilium.io/v2alpha1`). */
export interface BaselineL2Policy {
  name: string;
  /** Interface name regexes; absent means every interface. */
  interfaces?: string[];
  nodeSelector?: LabelSelector;
  serviceSelector?: LabelSelector;
  loadBalancerIPs: boolean;
  externalIPs: boolean;
}

/** The GatewayClass the baseline's gateways use. */
export interface BaselineGatewayClass {
  name: string;
  /** e.g. `io.cilium/gateway-controller`. */
  controllerName: string;
  description?: string;
}

/** A Secret a listener terminates TLS with. */
export interface BaselineCertificateRef {
  name: string;
  /** Absent: the gateway's namespace. */
  namespace?: string;
}

/** One listener of a baseline gateway. */
export interface BaselineListener {
  name: string;
  protocol: 'HTTP' | 'HTTPS' | 'TLS' | 'TCP' | 'UDP';
  port: number;
  hostname?: string;
  /** Which namespaces' routes may attach: `Same` (the Gateway API default) or `All`. */
  allowedRoutesFrom?: 'Same' | 'All';
  /** For HTTPS/TLS listeners: TLS mode and the Secrets holding the certificate. */
  tls?: {
    mode?: 'Terminate' | 'Passthrough';
    certificateRefs: BaselineCertificateRef[];
  };
}

/** A shared Gateway of the baseline, with its LoadBalancer address requested from a pool. */
export interface BaselineGateway {
  name: string;
  namespace: string;
  /** The LoadBalancer IP the gateway's Service requests (`lbipam.cilium.io/ips`); must lie in a pool. */
  address?: string;
  /** The pool `address` must come from; any baseline pool when absent. */
  pool?: string;
  /** ClusterIssuer cert-manager issues the listeners' certificates from (`cert-manager.io/cluster-issuer`). */
  clusterIssuer?: string;
  /** Further annotations of the Gateway (e.g. `external-dns.alpha.kubernetes.io/target`). */
  annotations?: Record<string, string>;
  /** Further annotations of the Service the controller creates (`spec.infrastructure.annotations`). */
  infrastructureAnnotations?: Record<string, string>;
  listeners: BaselineListener[];
}

/** ACME with a DNS-01 Cloudflare solver whose API token is in a Secret. */
export interface BaselineAcmeIssuer {
  server: string;
  email: string;
  /** Secret the ACME account key is kept in; defaults to the issuer's name. */
  privateKeySecretName?: string;
  /** DNS zones the solver answers for; all when absent. */
  dnsZones?: string[];
  cloudflare: {
    /** Secret (in cert-manager's namespace) holding the Cloudflare API token. */
    apiTokenSecretName: string;
    /** Key of the token in that Secret. */
    apiTokenSecretKey: string;
  };
}

/** A cert-manager ClusterIssuer: exactly one of selfSigned, ca, acme. */
export interface BaselineClusterIssuer {
  name: string;
  selfSigned?: Record<string, never>;
  ca?: { secretName: string };
  acme?: BaselineAcmeIssuer;
}

/** Default-deny for one namespace, in the policy flavour the namespace uses. */
export interface BaselineDefaultDeny {
  namespace: string;
  kind: 'NetworkPolicy' | 'CiliumNetworkPolicy';
  /** Also allow DNS egress to kube-dns, so pods keep resolving names. */
  allowDnsEgress: boolean;
}

/** The network baseline of a cluster, as `network.clusters.<name>.baseline` configures it. */
export interface NetworkBaseline {
  ipPools: BaselineIpPool[];
  l2AnnouncementPolicies: BaselineL2Policy[];
  gatewayClass?: BaselineGatewayClass;
  gateways: BaselineGateway[];
  clusterIssuers: BaselineClusterIssuer[];
  defaultDenyPolicies: BaselineDefaultDeny[];
}

/** A Kubernetes object the baseline renders, ready for server-side apply. */
export interface BaselineManifest {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}
