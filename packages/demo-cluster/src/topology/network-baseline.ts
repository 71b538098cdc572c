/**
 * The network baseline the portal's bootstrap would apply, already in place in the seeded
 * topology: LoadBalancer IP pools, the L2 announcement policy, the Cilium GatewayClass with the
 * envoy-internal / envoy-external gateways, k8s_gateway, external-dns, cloudflared, the
 * ingress-nginx controllers with their IngressClasses, and cert-manager with its ClusterIssuers.
 */
import type { KubeObject, ObjectStore } from '../store/types.ts';
import {
  CLUSTER_ISSUERS,
  DEMO_DOMAIN,
  DEMO_GATEWAYS,
  GATEWAY_CLASS_NAME,
  GATEWAY_CONTROLLER_NAME,
  INGRESS_CONTROLLERS,
  IP_POOL_LABEL,
  IP_POOLS,
  K8S_GATEWAY,
  L2_POLICY_NAME,
  NETWORK_NAMESPACE,
  type DemoGateway,
} from './demo-constants.ts';
import { configMapManifest, deploymentManifest, namespaceManifest, serviceManifest } from './manifest-builders.ts';
import { createSeeded } from './seed-writer.ts';

/** The seeded CiliumLoadBalancerIPPools. */
export function ipPoolManifests(): KubeObject[] {
  return [
    {
      apiVersion: 'cilium.io/v2alpha1',
      kind: 'CiliumLoadBalancerIPPool',
      metadata: { name: IP_POOLS.main.name },
      spec: {
        blocks: [{ cidr: IP_POOLS.main.cidr }],
        allowFirstLastIPs: 'No',
        serviceSelector: { matchExpressions: [{ key: IP_POOL_LABEL, operator: 'DoesNotExist' }] },
      },
    },
    {
      apiVersion: 'cilium.io/v2alpha1',
      kind: 'CiliumLoadBalancerIPPool',
      metadata: { name: IP_POOLS.legacy.name },
      spec: {
        cidrs: [{ cidr: IP_POOLS.legacy.cidr }],
        serviceSelector: { matchLabels: { [IP_POOL_LABEL]: 'legacy' } },
      },
    },
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumLoadBalancerIPPool',
      metadata: { name: IP_POOLS.homeIot.name },
      spec: {
        blocks: [{ start: IP_POOLS.homeIot.start }],
        serviceSelector: { matchLabels: { [IP_POOL_LABEL]: 'home-iot' } },
      },
    },
  ];
}

/** The CiliumL2AnnouncementPolicy: every LoadBalancer IP, announced from any Linux node. */
export function l2PolicyManifest(): KubeObject {
  return {
    apiVersion: 'cilium.io/v2alpha1',
    kind: 'CiliumL2AnnouncementPolicy',
    metadata: { name: L2_POLICY_NAME },
    spec: {
      loadBalancerIPs: true,
      externalIPs: false,
      interfaces: ['^eth[0-9]+', '^enp.*'],
      nodeSelector: { matchLabels: { 'kubernetes.io/os': 'linux' } },
    },
  };
}

/** The GatewayClass of Cilium's gateway controller. */
export function gatewayClassManifest(): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: GATEWAY_CLASS_NAME },
    spec: { controllerName: GATEWAY_CONTROLLER_NAME, description: 'The default Cilium GatewayClass' },
  };
}

/** A shared gateway: HTTP (same-namespace redirects only) and HTTPS `*.demo.lab` for all namespaces. */
export function gatewayManifest(gateway: DemoGateway): KubeObject {
  const wildcard = `*.${DEMO_DOMAIN}`;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'Gateway',
    metadata: {
      name: gateway.name,
      namespace: gateway.namespace,
      annotations: {
        'cert-manager.io/cluster-issuer': CLUSTER_ISSUERS.production,
        'external-dns.alpha.kubernetes.io/target': `${gateway.name.replace('envoy-', '')}.${DEMO_DOMAIN}`,
      },
    },
    spec: {
      gatewayClassName: GATEWAY_CLASS_NAME,
      infrastructure: {
        annotations: {
          'lbipam.cilium.io/ips': gateway.address,
          'external-dns.alpha.kubernetes.io/hostname': `${gateway.name.replace('envoy-', '')}.${DEMO_DOMAIN}`,
        },
      },
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, hostname: wildcard, allowedRoutes: { namespaces: { from: 'Same' } } },
        {
          name: 'https',
          protocol: 'HTTPS',
          port: 443,
          hostname: wildcard,
          allowedRoutes: { namespaces: { from: 'All' } },
          tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: gateway.tlsSecretName }] },
        },
      ],
    },
  };
}

function httpsRedirectRoute(): KubeObject {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'https-redirect', namespace: NETWORK_NAMESPACE, annotations: { 'external-dns.alpha.kubernetes.io/controller': 'none' } },
    spec: {
      parentRefs: DEMO_GATEWAYS.map((gateway) => ({
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: gateway.name,
        namespace: gateway.namespace,
        sectionName: 'http',
      })),
      rules: [{ filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] }],
    },
  };
}

/** Options: the cluster IP allocator shared by the whole topology. */
export interface NetworkBaselineOptions {
  allocateClusterIp: (fixed?: string) => string;
}

/** Seeds the network baseline. */
export function seedNetworkBaseline(store: ObjectStore, options: NetworkBaselineOptions): void {
  const { allocateClusterIp } = options;
  createSeeded(store, namespaceManifest(NETWORK_NAMESPACE, { 'pod-security.kubernetes.io/enforce': 'privileged' }));
  createSeeded(store, namespaceManifest('cert-manager'));

  for (const pool of ipPoolManifests()) createSeeded(store, pool);
  createSeeded(store, l2PolicyManifest());

  createSeeded(store, gatewayClassManifest());
  for (const gateway of DEMO_GATEWAYS) createSeeded(store, gatewayManifest(gateway));
  createSeeded(store, httpsRedirectRoute());

  seedK8sGateway(store, allocateClusterIp);
  seedIngressNginx(store, allocateClusterIp);
  seedExternalAccess(store);
  seedCertManager(store);
}

function seedK8sGateway(store: ObjectStore, allocateClusterIp: (fixed?: string) => string): void {
  const labels = { 'app.kubernetes.io/name': 'k8s-gateway', 'app.kubernetes.io/instance': 'k8s-gateway' };
  createSeeded(
    store,
    configMapManifest(NETWORK_NAMESPACE, 'k8s-gateway', {
      Corefile: [
        '.:1053 {',
        '    errors',
        '    log',
        '    health {',
        '        lameduck 5s',
        '    }',
        '    ready',
        `    k8s_gateway ${DEMO_DOMAIN} {`,
        '        apex k8s-gateway.network',
        '        resources HTTPRoute Service',
        '        ttl 1',
        '    }',
        '    prometheus 0.0.0.0:9153',
        '    loop',
        '    reload',
        '    loadbalance',
        '}',
        '',
      ].join('\n'),
    }, labels),
  );
  createSeeded(
    store,
    deploymentManifest({ name: 'k8s-gateway', namespace: NETWORK_NAMESPACE }, 1, labels, labels, {
      containerName: 'k8s-gateway',
      image: 'quay.io/oriedge/k8s_gateway:v0.4.0',
      serviceAccountName: 'k8s-gateway',
      ports: [{ name: 'dns-udp', containerPort: 1053, protocol: 'UDP' }],
    }),
  );
  createSeeded(
    store,
    serviceManifest(
      {
        name: K8S_GATEWAY.name,
        namespace: NETWORK_NAMESPACE,
        labels,
        // The legacy spelling of the LB-IPAM request annotation, still honoured by Cilium.
        annotations: { 'io.cilium/lb-ipam-ips': K8S_GATEWAY.address },
      },
      {
        type: 'LoadBalancer',
        selector: labels,
        clusterIP: allocateClusterIp(),
        externalTrafficPolicy: 'Cluster',
        ports: [{ name: 'dns-udp', port: 53, targetPort: 1053, protocol: 'UDP' }],
      },
    ),
  );
}

function seedIngressNginx(store: ObjectStore, allocateClusterIp: (fixed?: string) => string): void {
  for (const controller of INGRESS_CONTROLLERS) {
    const labels = {
      'app.kubernetes.io/name': 'ingress-nginx',
      'app.kubernetes.io/instance': controller.name,
      'app.kubernetes.io/component': 'controller',
    };
    createSeeded(
      store,
      deploymentManifest({ name: `${controller.name}-controller`, namespace: NETWORK_NAMESPACE }, 1, labels, labels, {
        containerName: 'controller',
        image: 'registry.k8s.io/ingress-nginx/controller:v1.13.3',
        serviceAccountName: controller.name,
        ports: [
          { name: 'http', containerPort: 80 },
          { name: 'https', containerPort: 443 },
          { name: 'metrics', containerPort: 10254 },
        ],
      }),
    );
    createSeeded(
      store,
      serviceManifest(
        {
          name: `${controller.name}-controller`,
          namespace: NETWORK_NAMESPACE,
          labels,
          annotations: { 'lbipam.cilium.io/ips': controller.address },
        },
        {
          type: 'LoadBalancer',
          selector: labels,
          clusterIP: allocateClusterIp(),
          externalTrafficPolicy: 'Cluster',
          ports: [
            { name: 'http', port: 80, targetPort: 'http' },
            { name: 'https', port: 443, targetPort: 'https' },
          ],
        },
      ),
    );
    createSeeded(store, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'IngressClass',
      metadata: {
        name: controller.className,
        labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': controller.name },
        ...(controller.className === 'internal' ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}),
      },
      spec: { controller: controller.controller },
    });
  }
  createSeeded(store, {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'tailscale', labels: { 'app.kubernetes.io/name': 'tailscale-operator' } },
    spec: { controller: 'tailscale.com/ts-ingress' },
  });
}

function seedExternalAccess(store: ObjectStore): void {
  const externalDnsLabels = { 'app.kubernetes.io/name': 'external-dns', 'app.kubernetes.io/instance': 'external-dns' };
  createSeeded(
    store,
    deploymentManifest({ name: 'external-dns', namespace: NETWORK_NAMESPACE }, 1, externalDnsLabels, externalDnsLabels, {
      containerName: 'external-dns',
      image: 'registry.k8s.io/external-dns/external-dns:v0.19.0',
      serviceAccountName: 'external-dns',
      ports: [{ name: 'http', containerPort: 7979 }],
    }),
  );
  const cloudflaredLabels = { 'app.kubernetes.io/name': 'cloudflared', 'app.kubernetes.io/instance': 'cloudflared' };
  createSeeded(
    store,
    configMapManifest(NETWORK_NAMESPACE, 'cloudflared', {
      'config.yaml': [
        'originRequest:',
        '  originServerName: external.demo.lab',
        'ingress:',
        `  - hostname: "${DEMO_DOMAIN}"`,
        '    service: https://cilium-gateway-envoy-external.network.svc.cluster.local:443',
        `  - hostname: "*.${DEMO_DOMAIN}"`,
        '    service: https://cilium-gateway-envoy-external.network.svc.cluster.local:443',
        '  - service: http_status:404',
        '',
      ].join('\n'),
    }, cloudflaredLabels),
  );
  // external-dns publishes the tunnel's public name from this record (crd source).
  createSeeded(store, {
    apiVersion: 'externaldns.k8s.io/v1alpha1',
    kind: 'DNSEndpoint',
    metadata: { name: 'cloudflared', namespace: NETWORK_NAMESPACE, labels: cloudflaredLabels },
    spec: {
      endpoints: [
        {
          dnsName: `external.${DEMO_DOMAIN}`,
          recordType: 'CNAME',
          targets: ['6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f.cfargotunnel.com'],
          providerSpecific: [{ name: 'external-dns.alpha.kubernetes.io/cloudflare-proxied', value: 'true' }],
        },
      ],
    },
  });
  createSeeded(
    store,
    deploymentManifest({ name: 'cloudflared', namespace: NETWORK_NAMESPACE }, 2, cloudflaredLabels, cloudflaredLabels, {
      containerName: 'cloudflared',
      image: 'docker.io/cloudflare/cloudflared:2025.11.1',
      ports: [{ name: 'metrics', containerPort: 8080 }],
    }),
  );
}

function seedCertManager(store: ObjectStore): void {
  for (const component of ['cert-manager', 'cert-manager-cainjector', 'cert-manager-webhook']) {
    const short = component === 'cert-manager' ? 'controller' : component.replace('cert-manager-', '');
    const labels = { 'app.kubernetes.io/name': short === 'controller' ? 'cert-manager' : short, 'app.kubernetes.io/instance': 'cert-manager', 'app.kubernetes.io/component': short };
    createSeeded(
      store,
      deploymentManifest({ name: component, namespace: 'cert-manager' }, 1, labels, labels, {
        containerName: `cert-manager-${short}`,
        image: `quay.io/jetstack/cert-manager-${short}:v1.19.1`,
        serviceAccountName: component,
        ports: [{ name: 'http-metrics', containerPort: 9402 }],
      }),
    );
  }
  createSeeded(store, {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: 'cloudflare-api-token', namespace: 'cert-manager' },
    type: 'Opaque',
    data: { 'api-token': Buffer.from('demo-token-not-a-real-cloudflare-credential').toString('base64') },
  });
  for (const [name, server] of [
    [CLUSTER_ISSUERS.production, 'https://acme-v02.api.letsencrypt.org/directory'],
    [CLUSTER_ISSUERS.staging, 'https://acme-staging-v02.api.letsencrypt.org/directory'],
  ] as const) {
    createSeeded(store, clusterIssuerManifest(name, server));
  }
}

/** An ACME ClusterIssuer solving DNS-01 through Cloudflare. */
export function clusterIssuerManifest(name: string, server: string): KubeObject {
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name },
    spec: {
      acme: {
        server,
        email: `admin@${DEMO_DOMAIN}`,
        privateKeySecretRef: { name },
        solvers: [
          {
            selector: { dnsZones: [DEMO_DOMAIN] },
            dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } } },
          },
        ],
      },
    },
  };
}
