import { parseNetworkBaseline } from './parseNetworkBaseline';
import { renderNetworkBaseline } from './renderNetworkBaseline';
import { NetworkBaseline } from './networkBaseline';

/** The demo's baseline as scripts/lib/demo-app-config.mjs writes it (one gateway, one issuer). */
const DEMO: unknown = {
  ipPools: [
    {
      name: 'main-pool',
      apiVersion: 'cilium.io/v2alpha1',
      blocks: [{ cidr: '127.0.2.0/27' }],
      allowFirstLastIPs: 'No',
      serviceSelector: { matchExpressions: [{ key: 'demo.lab/ip-pool', operator: 'DoesNotExist' }] },
    },
    { name: 'home-iot-pool', apiVersion: 'cilium.io/v2', blocks: [{ start: '127.0.4.1' }], serviceSelector: { matchLabels: { 'demo.lab/ip-pool': 'home-iot' } } },
  ],
  l2AnnouncementPolicies: [
    { name: 'l2-policy', interfaces: ['^eth[0-9]+', '^enp.*'], nodeSelector: { matchLabels: { 'kubernetes.io/os': 'linux' } }, loadBalancerIPs: true, externalIPs: false },
  ],
  gatewayClass: { name: 'cilium', controllerName: 'io.cilium/gateway-controller', description: 'The default Cilium GatewayClass' },
  gateways: [
    {
      name: 'envoy-internal',
      namespace: 'network',
      address: '127.0.2.11',
      pool: 'main-pool',
      clusterIssuer: 'letsencrypt-production',
      annotations: { 'external-dns.alpha.kubernetes.io/target': 'internal.demo.lab' },
      infrastructureAnnotations: { 'external-dns.alpha.kubernetes.io/hostname': 'internal.demo.lab' },
      listeners: [
        { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.demo.lab', allowedRoutesFrom: 'Same' },
        { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.demo.lab', allowedRoutesFrom: 'All', tls: { mode: 'Terminate', certificateRefs: [{ name: 'demo-lab-internal-tls' }] } },
      ],
    },
  ],
  clusterIssuers: [
    {
      name: 'letsencrypt-production',
      acme: {
        server: 'https://acme-v02.api.letsencrypt.org/directory',
        email: 'admin@demo.lab',
        privateKeySecretName: 'letsencrypt-production',
        dnsZones: ['demo.lab'],
        cloudflare: { apiTokenSecretName: 'cloudflare-api-token', apiTokenSecretKey: 'api-token' },
      },
    },
  ],
  defaultDenyPolicies: [
    { namespace: 'media', kind: 'NetworkPolicy' },
    { namespace: 'home', kind: 'CiliumNetworkPolicy', allowDnsEgress: false },
  ],
};

function demoBaseline(): NetworkBaseline {
  const parsed = parseNetworkBaseline(DEMO, 'baseline');
  if (!parsed.baseline) throw new Error(parsed.problems.join('\n'));
  return parsed.baseline;
}

const find = (kind: string, name: string) =>
  renderNetworkBaseline(demoBaseline()).find(object => object.kind === kind && object.metadata.name === name);

describe('renderNetworkBaseline', () => {
  it('renders namespaces first and every object in apply order', () => {
    expect(renderNetworkBaseline(demoBaseline()).map(object => `${object.apiVersion} ${object.kind} ${object.metadata.namespace ?? ''}/${object.metadata.name}`)).toEqual([
      'v1 Namespace /network',
      'v1 Namespace /media',
      'v1 Namespace /home',
      'cilium.io/v2alpha1 CiliumLoadBalancerIPPool /main-pool',
      'cilium.io/v2 CiliumLoadBalancerIPPool /home-iot-pool',
      'cilium.io/v2alpha1 CiliumL2AnnouncementPolicy /l2-policy',
      'gateway.networking.k8s.io/v1 GatewayClass /cilium',
      'gateway.networking.k8s.io/v1 Gateway network/envoy-internal',
      'cert-manager.io/v1 ClusterIssuer /letsencrypt-production',
      'networking.k8s.io/v1 NetworkPolicy media/default-deny',
      'networking.k8s.io/v1 NetworkPolicy media/allow-dns-egress',
      'cilium.io/v2 CiliumNetworkPolicy home/default-deny',
    ]);
  });

  // The expected objects are the seeded demo's (packages/demo-cluster/src/topology/network-baseline.ts).
  it.each<[string, string, unknown]>([
    [
      'CiliumLoadBalancerIPPool',
      'main-pool',
      {
        apiVersion: 'cilium.io/v2alpha1',
        kind: 'CiliumLoadBalancerIPPool',
        metadata: { name: 'main-pool' },
        spec: {
          blocks: [{ cidr: '127.0.2.0/27' }],
          allowFirstLastIPs: 'No',
          serviceSelector: { matchExpressions: [{ key: 'demo.lab/ip-pool', operator: 'DoesNotExist' }] },
        },
      },
    ],
    [
      'CiliumLoadBalancerIPPool',
      'home-iot-pool',
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumLoadBalancerIPPool',
        metadata: { name: 'home-iot-pool' },
        spec: { blocks: [{ start: '127.0.4.1' }], serviceSelector: { matchLabels: { 'demo.lab/ip-pool': 'home-iot' } } },
      },
    ],
    [
      'CiliumL2AnnouncementPolicy',
      'l2-policy',
      {
        apiVersion: 'cilium.io/v2alpha1',
        kind: 'CiliumL2AnnouncementPolicy',
        metadata: { name: 'l2-policy' },
        spec: { loadBalancerIPs: true, externalIPs: false, interfaces: ['^eth[0-9]+', '^enp.*'], nodeSelector: { matchLabels: { 'kubernetes.io/os': 'linux' } } },
      },
    ],
    [
      'GatewayClass',
      'cilium',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'GatewayClass',
        metadata: { name: 'cilium' },
        spec: { controllerName: 'io.cilium/gateway-controller', description: 'The default Cilium GatewayClass' },
      },
    ],
    [
      'Gateway',
      'envoy-internal',
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: {
          name: 'envoy-internal',
          namespace: 'network',
          annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production', 'external-dns.alpha.kubernetes.io/target': 'internal.demo.lab' },
        },
        spec: {
          gatewayClassName: 'cilium',
          infrastructure: { annotations: { 'lbipam.cilium.io/ips': '127.0.2.11', 'external-dns.alpha.kubernetes.io/hostname': 'internal.demo.lab' } },
          listeners: [
            { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.demo.lab', allowedRoutes: { namespaces: { from: 'Same' } } },
            {
              name: 'https',
              protocol: 'HTTPS',
              port: 443,
              hostname: '*.demo.lab',
              allowedRoutes: { namespaces: { from: 'All' } },
              tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'demo-lab-internal-tls' }] },
            },
          ],
        },
      },
    ],
    [
      'ClusterIssuer',
      'letsencrypt-production',
      {
        apiVersion: 'cert-manager.io/v1',
        kind: 'ClusterIssuer',
        metadata: { name: 'letsencrypt-production' },
        spec: {
          acme: {
            server: 'https://acme-v02.api.letsencrypt.org/directory',
            email: 'admin@demo.lab',
            privateKeySecretRef: { name: 'letsencrypt-production' },
            solvers: [
              {
                selector: { dnsZones: ['demo.lab'] },
                dns01: { cloudflare: { apiTokenSecretRef: { name: 'cloudflare-api-token', key: 'api-token' } } },
              },
            ],
          },
        },
      },
    ],
  ])('renders %s %s as the seeded demo has it', (kind, name, expected) => {
    expect(find(kind, name)).toEqual(expected);
  });

  it('renders NetworkPolicy default-deny with a DNS egress exception, and CiliumNetworkPolicy without one when asked', () => {
    const objects = renderNetworkBaseline(demoBaseline());
    expect(objects.find(object => object.metadata.namespace === 'media' && object.metadata.name === 'default-deny')?.spec).toEqual({
      podSelector: {},
      policyTypes: ['Ingress', 'Egress'],
    });
    expect(objects.find(object => object.metadata.namespace === 'media' && object.metadata.name === 'allow-dns-egress')?.spec).toMatchObject({
      policyTypes: ['Egress'],
      egress: [{ ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
    });
    expect(objects.find(object => object.metadata.namespace === 'home' && object.metadata.name === 'default-deny')?.spec).toEqual({
      endpointSelector: {},
      ingress: [{}],
      egress: [{}],
    });
    expect(objects.some(object => object.metadata.namespace === 'home' && object.metadata.name === 'allow-dns-egress')).toBe(false);
  });

  it('renders selfSigned and CA issuers, and gateways of the default class', () => {
    const objects = renderNetworkBaseline({
      ipPools: [],
      l2AnnouncementPolicies: [],
      gateways: [{ name: 'g', namespace: 'n', listeners: [{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough', certificateRefs: [] } }] }],
      clusterIssuers: [
        { name: 'self', selfSigned: {} },
        { name: 'ca', ca: { secretName: 'root-ca' } },
      ],
      defaultDenyPolicies: [],
    });
    expect(objects.map(object => object.spec)).toEqual([
      undefined,
      { gatewayClassName: 'cilium', listeners: [{ name: 'tls', protocol: 'TLS', port: 443, tls: { mode: 'Passthrough', certificateRefs: [] } }] },
      { selfSigned: {} },
      { ca: { secretName: 'root-ca' } },
    ]);
  });
});
