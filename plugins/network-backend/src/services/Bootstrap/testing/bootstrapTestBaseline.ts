/**
 * A baseline shaped like the demo's (scripts/lib/demo-app-config.mjs), small enough for tests:
 * two pools, the L2 policy, the Cilium GatewayClass, one gateway, one ACME issuer and
 * default-deny in two namespaces of both flavours.
 */
export function bootstrapTestBaseline(): Record<string, unknown> {
  return {
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
      { name: 'l2-policy', interfaces: ['^eth[0-9]+'], nodeSelector: { matchLabels: { 'kubernetes.io/os': 'linux' } }, loadBalancerIPs: true },
    ],
    gatewayClass: { name: 'cilium', controllerName: 'io.cilium/gateway-controller' },
    gateways: [
      {
        name: 'envoy-internal',
        namespace: 'network',
        address: '127.0.2.11',
        pool: 'main-pool',
        clusterIssuer: 'letsencrypt-production',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.demo.lab', allowedRoutesFrom: 'Same' },
          { name: 'https', protocol: 'HTTPS', port: 443, hostname: '*.demo.lab', allowedRoutesFrom: 'All', tls: { certificateRefs: [{ name: 'demo-lab-internal-tls' }] } },
        ],
      },
    ],
    clusterIssuers: [
      {
        name: 'letsencrypt-production',
        acme: {
          server: 'https://acme-v02.api.letsencrypt.org/directory',
          email: 'admin@demo.lab',
          dnsZones: ['demo.lab'],
          cloudflare: { apiTokenSecretName: 'cloudflare-api-token', apiTokenSecretKey: 'api-token' },
        },
      },
    ],
    defaultDenyPolicies: [
      { namespace: 'media', kind: 'NetworkPolicy' },
      { namespace: 'home', kind: 'CiliumNetworkPolicy' },
    ],
  };
}
