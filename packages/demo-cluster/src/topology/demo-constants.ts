/**
 * The fixed facts of the demo cluster that the rest of the product relies on: domain, node
 * names and addresses, gateway and pool names, and the apps the portal's catalog points at.
 * Every address anything could connect to is in 127.0.0.0/8; pod and service CIDRs are data only.
 */

/** The DNS zone every demo hostname lives in (not a real public domain). */
export const DEMO_DOMAIN = 'demo.lab';
/** Talos version reported by every simulated machine. */
export const DEMO_TALOS_VERSION = 'v1.11.5';
/** Kubernetes version reported by the simulated kubelets. */
export const DEMO_KUBERNETES_VERSION = 'v1.34.1';
/** Cilium version of the agent, operator and the cilium-dbg outputs. */
export const DEMO_CILIUM_VERSION = '1.18.4';
/** Pod network (data only, never connected to). */
export const DEMO_POD_CIDR = '10.42.0.0/16';
/** Service network (data only, never connected to). */
export const DEMO_SERVICE_CIDR = '10.43.0.0/16';
/** The cluster name Cilium and Talos report. */
export const DEMO_CLUSTER_NAME = 'demo';

/** A machine of the simulated cluster. */
export interface DemoNode {
  name: string;
  /** Node InternalIP, in 127.0.0.0/8. */
  address: string;
  role: 'controlplane' | 'worker';
}

/** The four machines of the small topology, shaped like the seeds' talos-cp-1..3 + talos-worker-1. */
export const DEMO_NODES: readonly DemoNode[] = [
  { name: 'talos-cp-1', address: '127.0.1.50', role: 'controlplane' },
  { name: 'talos-cp-2', address: '127.0.1.51', role: 'controlplane' },
  { name: 'talos-cp-3', address: '127.0.1.52', role: 'controlplane' },
  { name: 'talos-worker-1', address: '127.0.1.53', role: 'worker' },
];

/** The node whose Cilium agent is deliberately not ready. */
export const FAULTY_CILIUM_NODE = 'talos-worker-1';

/** Namespace of the gateways, k8s_gateway and the ingress controllers. */
export const NETWORK_NAMESPACE = 'network';
/** The GatewayClass the simulated Cilium gateway controller reconciles. */
export const GATEWAY_CLASS_NAME = 'cilium';
/** controllerName of Cilium's GatewayClass. */
export const GATEWAY_CONTROLLER_NAME = 'io.cilium/gateway-controller';

/** One of the two shared gateways. */
export interface DemoGateway {
  name: string;
  namespace: string;
  /** The LoadBalancer address requested for its Service. */
  address: string;
  /** The Secret its HTTPS listener terminates TLS with (issued by cert-manager). */
  tlsSecretName: string;
}

/** The internal gateway (LAN clients). */
export const ENVOY_INTERNAL: DemoGateway = {
  name: 'envoy-internal',
  namespace: NETWORK_NAMESPACE,
  address: '127.0.2.11',
  tlsSecretName: 'demo-lab-internal-tls',
};
/** The external gateway (reached through cloudflared). */
export const ENVOY_EXTERNAL: DemoGateway = {
  name: 'envoy-external',
  namespace: NETWORK_NAMESPACE,
  address: '127.0.2.12',
  tlsSecretName: 'demo-lab-external-tls',
};
/** Both gateways. */
export const DEMO_GATEWAYS: readonly DemoGateway[] = [ENVOY_INTERNAL, ENVOY_EXTERNAL];

/** k8s_gateway: the internal DNS server's LoadBalancer Service. */
export const K8S_GATEWAY = { namespace: NETWORK_NAMESPACE, name: 'k8s-gateway', address: '127.0.2.10' } as const;

/** ingress-nginx controllers and their LoadBalancer addresses. */
export const INGRESS_CONTROLLERS = [
  { className: 'internal', name: 'ingress-nginx-internal', address: '127.0.2.13', controller: 'k8s.io/internal' },
  { className: 'external', name: 'ingress-nginx-external', address: '127.0.2.14', controller: 'k8s.io/external' },
] as const;

/** The label that steers a Service to a dedicated IP pool. */
export const IP_POOL_LABEL = 'demo.lab/ip-pool';

/** Names and ranges of the seeded CiliumLoadBalancerIPPools. */
export const IP_POOLS = {
  /** v2alpha1 with `blocks`: every LoadBalancer Service without a pool label. */
  main: { name: 'main-pool', cidr: '127.0.2.0/27' },
  /** v2alpha1 with the deprecated `cidrs`, for Services labelled `demo.lab/ip-pool=legacy`. */
  legacy: { name: 'legacy-pool', cidr: '127.0.3.0/29' },
  /** A single address for Services labelled `demo.lab/ip-pool=home-iot`; deliberately too small. */
  homeIot: { name: 'home-iot-pool', start: '127.0.4.1' },
} as const;

/** The CiliumL2AnnouncementPolicy name. */
export const L2_POLICY_NAME = 'l2-policy';

/** cert-manager ClusterIssuers. */
export const CLUSTER_ISSUERS = {
  production: 'letsencrypt-production',
  staging: 'letsencrypt-staging',
} as const;

/** How an app is reached from outside the cluster. */
export type DemoAppExposure =
  | { kind: 'httproute'; gateway: string; hostname: string; sectionName?: string }
  | { kind: 'ingress'; className: string; hostname: string }
  | { kind: 'loadbalancer'; pool: string };

/** One app of the seeded topology; the portal's catalog has a component per app. */
export interface DemoApp {
  name: string;
  namespace: string;
  /** Value of `backstage.io/kubernetes-id` on its workloads (the catalog annotation). */
  backstageId: string;
  image: string;
  /** Container port, also the Service port. */
  port: number;
  replicas: number;
  exposure: DemoAppExposure;
  /** How its namespace restricts traffic: NetworkPolicy, CiliumNetworkPolicy, or nothing. */
  policy: 'networkpolicy' | 'ciliumnetworkpolicy' | 'none';
  /** False when the Service is deliberately missing (a broken case). */
  hasService: boolean;
  /** Name of an app-level Certificate, when there is one. */
  certificate?: string;
}

const host = (name: string): string => `${name}.${DEMO_DOMAIN}`;

/**
 * The seeded apps across namespaces. Order matters where two Services compete for the single
 * address of home-iot-pool: matter-server is created first and also sorts first, so it wins
 * whether or not the two creation timestamps fall in the same second.
 */
export const DEMO_APPS: readonly DemoApp[] = [
  {
    name: 'jellyfin', namespace: 'media', backstageId: 'jellyfin', image: 'ghcr.io/jellyfin/jellyfin:10.10.7',
    port: 8096, replicas: 1, policy: 'networkpolicy', hasService: true,
    exposure: { kind: 'httproute', gateway: ENVOY_INTERNAL.name, hostname: host('jellyfin') },
  },
  {
    name: 'sonarr', namespace: 'media', backstageId: 'sonarr', image: 'ghcr.io/home-operations/sonarr:4.0.15',
    port: 8989, replicas: 1, policy: 'networkpolicy', hasService: false,
    exposure: { kind: 'httproute', gateway: ENVOY_INTERNAL.name, hostname: host('sonarr') },
  },
  {
    name: 'home-assistant', namespace: 'home', backstageId: 'home-assistant',
    image: 'ghcr.io/home-operations/home-assistant:2025.11.1', port: 8123, replicas: 1,
    policy: 'ciliumnetworkpolicy', hasService: true, certificate: 'home-assistant-tls',
    exposure: { kind: 'httproute', gateway: ENVOY_INTERNAL.name, hostname: host('home-assistant') },
  },
  {
    name: 'matter-server', namespace: 'home', backstageId: 'matter-server',
    image: 'ghcr.io/home-assistant-libs/python-matter-server:8.1.0', port: 5580, replicas: 1,
    policy: 'ciliumnetworkpolicy', hasService: true,
    exposure: { kind: 'loadbalancer', pool: IP_POOLS.homeIot.name },
  },
  {
    name: 'mosquitto', namespace: 'home', backstageId: 'mosquitto', image: 'eclipse-mosquitto:2.0.22',
    port: 1883, replicas: 1, policy: 'ciliumnetworkpolicy', hasService: true,
    exposure: { kind: 'loadbalancer', pool: IP_POOLS.homeIot.name },
  },
  {
    name: 'echo', namespace: 'default', backstageId: 'echo', image: 'ghcr.io/mendhak/http-https-echo:37',
    port: 8080, replicas: 2, policy: 'none', hasService: true,
    exposure: { kind: 'httproute', gateway: ENVOY_EXTERNAL.name, hostname: host('echo') },
  },
  {
    name: 'wiki', namespace: 'default', backstageId: 'wiki', image: 'ghcr.io/requarks/wiki:2.5',
    port: 3000, replicas: 1, policy: 'none', hasService: true,
    exposure: { kind: 'httproute', gateway: ENVOY_EXTERNAL.name, hostname: 'wiki.legacy.lab', sectionName: 'https' },
  },
  {
    name: 'grafana', namespace: 'monitoring', backstageId: 'grafana', image: 'grafana/grafana:12.2.1',
    port: 3000, replicas: 1, policy: 'networkpolicy', hasService: true, certificate: 'grafana-tls',
    exposure: { kind: 'httproute', gateway: ENVOY_INTERNAL.name, hostname: host('grafana') },
  },
  {
    name: 'uptime-kuma', namespace: 'monitoring', backstageId: 'uptime-kuma', image: 'louislam/uptime-kuma:2.0.2',
    port: 3001, replicas: 1, policy: 'networkpolicy', hasService: true, certificate: 'uptime-kuma-tls',
    exposure: { kind: 'ingress', className: 'internal', hostname: host('uptime-kuma') },
  },
];

/** The label every seeded workload carries with its app name (the Kubernetes plugin's convention). */
export const BACKSTAGE_ID_LABEL = 'backstage.io/kubernetes-id';
