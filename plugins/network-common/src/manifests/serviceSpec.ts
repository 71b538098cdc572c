import { ExternalDnsAnnotationPrefix } from '../dns';

/** A Kubernetes object as the renderers produce it: plain JSON, ready to serialise. */
export interface KubernetesManifest {
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

/**
 * Who may reach the service from outside the cluster:
 * - `internal`: LAN clients through the internal gateway or ingress class;
 * - `internal-and-public`: also the Internet (through the external gateway, usually behind
 *   the Cloudflare tunnel);
 * - `none`: only other pods (no route, certificate or DNS record).
 */
export type ServiceExposure = 'internal' | 'internal-and-public' | 'none';

/**
 * How the proxy that forwards to the pods shows up to network policies:
 * - `cilium`: Cilium's own Envoy (Gateway API or Ingress); its traffic carries the
 *   reserved `ingress` identity, which only Cilium policies can name;
 * - `pods`: a proxy running as pods (Envoy Gateway, ingress-nginx) in `namespace`.
 */
export type ProxyIdentity =
  | { kind: 'cilium' }
  | { kind: 'pods'; namespace: string; podLabels?: Record<string, string> };

/** A Gateway listener a route attaches to. */
export interface GatewayListenerRef {
  /** Gateway name, e.g. `envoy-internal`. */
  name: string;
  /** Gateway namespace, e.g. `network`. */
  namespace: string;
  /** Listener name (`sectionName`), e.g. `https`. */
  listener: string;
}

/** Gateway API routing: an HTTPRoute attached to one listener per exposure. */
export interface GatewayRouting {
  kind: 'gateway';
  /** The gateway LAN clients use. */
  internal: GatewayListenerRef;
  /** The gateway the Internet reaches (only for `internal-and-public`). */
  public?: GatewayListenerRef;
}

/** The ingress-nginx classes of the seeds' clusters. */
export const INGRESS_CLASSES = ['internal', 'external', 'tailscale'] as const;

/** An IngressClass name from {@link INGRESS_CLASSES}. */
export type IngressClassName = (typeof INGRESS_CLASSES)[number];

/** Ingress routing: one Ingress of a class (`external` for public exposure). */
export interface IngressRouting {
  kind: 'ingress';
  className: IngressClassName;
}

/**
 * Where the TLS certificate comes from:
 * - `gateway-wildcard`: the gateway's listener already terminates TLS with a wildcard
 *   certificate covering the hostname, so no Certificate is rendered;
 * - `issuer`: a cert-manager Certificate (Gateway API) or the Ingress' `cert-manager.io`
 *   annotation, from this issuer.
 */
export type TlsSource =
  | { kind: 'gateway-wildcard' }
  | { kind: 'issuer'; issuer: string; issuerKind: 'ClusterIssuer' | 'Issuer' };

/** Which policy API the namespace uses. */
export type PolicyFlavour = 'networkpolicy' | 'ciliumnetworkpolicy';

/** A named in-cluster service the pods may call. */
export interface EgressTarget {
  namespace: string;
  /** Service name; its pods are selected by `app.kubernetes.io/name=<name>` unless `podLabels` says otherwise. */
  name: string;
  port: number;
  podLabels?: Record<string, string>;
}

/**
 * Addresses outside the cluster's pods the pods may call: the API server, the nodes' Talos
 * apid, a database or a Git provider outside the cluster.
 */
export interface CidrEgressTarget {
  /** What is called there, e.g. `kubernetes-api`; the rule's `pathway.dev/why` names it. */
  purpose: string;
  /** CIDRs of the destination, e.g. the node network `192.168.1.0/24` or `0.0.0.0/0`. */
  cidrs: string[];
  /** Destination ports. */
  ports: number[];
  /**
   * Protocols of the ports (DNS servers need UDP and TCP).
   * @default ['TCP']
   */
  protocols?: ('TCP' | 'UDP')[];
  /**
   * Cilium reserved identities to allow instead of the CIDRs in the Cilium flavour: Cilium
   * gives the nodes and the API server identities (`host`, `remote-node`, `kube-apiserver`)
   * that CIDR rules do not select, so a CIDR rule alone would not admit them.
   * @default (none: the CIDRs are used in both flavours)
   */
  ciliumEntities?: string[];
}

/**
 * How DNS records are published:
 * - `annotations`: external-dns reads the route (or Ingress) hostname and the annotations
 *   under `prefix` (`external-dns.kubernetes.io/` from v0.22, the alpha prefix before);
 * - `dnsendpoint`: a DNSEndpoint (externaldns.k8s.io/v1alpha1) for external-dns' crd source;
 * - `none`: the internal DNS (k8s_gateway) answers from the route alone.
 */
export type DnsPublishing =
  | {
      kind: 'annotations';
      prefix: ExternalDnsAnnotationPrefix;
      /** Where the record points when not through the tunnel, e.g. `internal.example.com`. */
      target?: string;
    }
  | {
      kind: 'dnsendpoint';
      prefix: ExternalDnsAnnotationPrefix;
      /** Record targets when not through the tunnel, e.g. the gateway's address. */
      targets: string[];
    }
  | { kind: 'none' };

/** Public exposure through cloudflared: the public name is a CNAME to the tunnel's hostname. */
export interface TunnelExposure {
  /** The hostname cloudflared is published under, e.g. `external.example.com`. */
  hostname: string;
}

/** Everything the "Create service" wizard collects, as the renderers take it. */
export interface ServiceSpec {
  /** DNS-1123 label: Deployment, Service, route and catalog names. */
  name: string;
  namespace: string;
  /** Catalog entity ref of the owner, e.g. `group:default/app-team`. */
  owner: string;
  /** Catalog system the component belongs to. */
  system?: string;
  description: string;
  image: string;
  /** Container port, also the Service port. */
  port: number;
  replicas: number;
  exposure: ServiceExposure;
  routing: GatewayRouting | IngressRouting;
  /** Fully qualified hostname (ignored when exposure is `none`). */
  hostname: string;
  tls: TlsSource;
  policy: {
    flavour: PolicyFlavour;
    /** Who forwards traffic to the pods (the gateway or ingress controller). */
    proxy: ProxyIdentity;
    extraEgress: EgressTarget[];
    /** Egress to addresses outside the cluster's pods (optional; none when absent). */
    cidrEgress?: CidrEgressTarget[];
  };
  dns: DnsPublishing;
  /** Set when public traffic comes through the Cloudflare tunnel. */
  tunnel?: TunnelExposure;
}
