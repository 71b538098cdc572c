import {
  DnsPublishing,
  EgressTarget,
  GatewayListenerRef,
  PolicyFlavour,
  ProxyIdentity,
  TlsSource,
} from '@internal/plugin-network-common';

/** The port the backend listens on (`backend.listen` in app-config.production.yaml). */
export const PORTAL_PORT = 7007;

/** Where the portal's PostgreSQL is: pods in the cluster, or addresses outside it. */
export type PostgresLocation =
  | { kind: 'in-cluster'; target: EgressTarget }
  | { kind: 'cidrs'; cidrs: string[]; port: number };

/** What differs between clusters the portal is deployed to; the renderers take the rest from here. */
export interface PortalDeploySettings {
  /** Service, route and label name. */
  name: string;
  namespace: string;
  /** The image the Deployment runs (kept in the ServiceSpec for the renderers; the Deployment itself is hand-written). */
  image: string;
  hostname: string;
  /** The Gateway listener the HTTPRoute attaches to. */
  gateway: GatewayListenerRef;
  tls: TlsSource;
  dns: DnsPublishing;
  policyFlavour: PolicyFlavour;
  /** Who forwards the gateway's traffic to the pods. */
  proxy: ProxyIdentity;
  /**
   * The node network: the API server (Talos runs it on the control-plane nodes, port 6443)
   * and Talos apid (port 50000) are reached there.
   */
  nodeCidrs: string[];
  postgres: PostgresLocation;
  /**
   * The DNS servers the request path asks (k8s_gateway and the public resolvers of
   * `network.clusters.<name>.dns`), UDP and TCP 53; kube-dns is allowed separately.
   */
  dnsServerCidrs: string[];
  /** Where the Git provider's HTTPS API is (the scaffolder publishes repositories there). */
  gitProviderCidrs: string[];
}

/**
 * The settings the committed base is rendered with: placeholders from documentation
 * ranges (192.0.2.0/24, example.com) where a cluster's own values go; the example overlay
 * and `npm run render -- --...` replace them.
 */
export const DEFAULT_PORTAL_DEPLOY_SETTINGS: PortalDeploySettings = {
  name: 'pathway',
  namespace: 'pathway',
  image: 'ghcr.io/example/pathway-backend:latest',
  hostname: 'portal.example.com',
  gateway: { name: 'envoy-internal', namespace: 'network', listener: 'https' },
  tls: {
    kind: 'issuer',
    issuer: 'letsencrypt-production',
    issuerKind: 'ClusterIssuer',
  },
  dns: {
    kind: 'annotations',
    prefix: 'external-dns.kubernetes.io/',
    target: 'internal.example.com',
  },
  // The clusters run Cilium with its own Gateway: only a CiliumNetworkPolicy can name the
  // reserved `ingress` identity its Envoy sends from, so this is the narrowest flavour.
  policyFlavour: 'ciliumnetworkpolicy',
  proxy: { kind: 'cilium' },
  nodeCidrs: ['192.0.2.0/24'],
  postgres: {
    kind: 'in-cluster',
    target: {
      namespace: 'database',
      name: 'postgres',
      port: 5432,
      podLabels: { 'cnpg.io/cluster': 'postgres' },
    },
  },
  // k8s_gateway's placeholder address and Cloudflare's public resolver (app-config's dns).
  dnsServerCidrs: ['192.0.2.53/32', '1.1.1.1/32'],
  gitProviderCidrs: ['0.0.0.0/0'],
};
