import { parseNetworkBaseline } from './parseNetworkBaseline';

const PATH = 'network.clusters.demo.baseline';

const validPool = (name: string, cidr: string) => ({ name, blocks: [{ cidr }] });

describe('parseNetworkBaseline', () => {
  it('reads a complete baseline with defaults filled in', () => {
    const parsed = parseNetworkBaseline(
      {
        ipPools: [validPool('main', '10.0.0.0/24'), { name: 'single', apiVersion: 'cilium.io/v2', blocks: [{ start: '10.0.1.5' }] }],
        l2AnnouncementPolicies: [{ name: 'l2', interfaces: ['^eth[0-9]+'] }],
        gatewayClass: { name: 'cilium', controllerName: 'io.cilium/gateway-controller' },
        gateways: [
          {
            name: 'internal',
            namespace: 'network',
            address: '10.0.0.10',
            pool: 'main',
            listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'tls' }] } }],
          },
        ],
        clusterIssuers: [{ name: 'self', selfSigned: {} }],
        defaultDenyPolicies: [{ namespace: 'media' }],
      },
      PATH,
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.baseline).toEqual({
      ipPools: [
        { name: 'main', apiVersion: 'cilium.io/v2alpha1', blocks: [{ cidr: '10.0.0.0/24' }] },
        { name: 'single', apiVersion: 'cilium.io/v2', blocks: [{ start: '10.0.1.5' }] },
      ],
      l2AnnouncementPolicies: [{ name: 'l2', interfaces: ['^eth[0-9]+'], loadBalancerIPs: true, externalIPs: false }],
      gatewayClass: { name: 'cilium', controllerName: 'io.cilium/gateway-controller' },
      gateways: [
        {
          name: 'internal',
          namespace: 'network',
          address: '10.0.0.10',
          pool: 'main',
          listeners: [{ name: 'https', protocol: 'HTTPS', port: 443, tls: { certificateRefs: [{ name: 'tls' }] } }],
        },
      ],
      clusterIssuers: [{ name: 'self', selfSigned: {} }],
      defaultDenyPolicies: [{ namespace: 'media', kind: 'NetworkPolicy', allowDnsEgress: true }],
    });
  });

  it('treats a missing baseline as empty', () => {
    expect(parseNetworkBaseline(undefined, PATH).baseline).toEqual({
      ipPools: [],
      l2AnnouncementPolicies: [],
      gateways: [],
      clusterIssuers: [],
      defaultDenyPolicies: [],
    });
  });

  it.each<[string, unknown, string]>([
    [
      'an invalid CIDR',
      { ipPools: [validPool('a', '10.1.0.0/24'), validPool('b', '10.0.0.0/33')] },
      `${PATH}.ipPools[1].blocks[0].cidr: '10.0.0.0/33' is not a valid CIDR`,
    ],
    [
      'overlapping pools',
      { ipPools: [validPool('a', '10.0.0.0/24'), validPool('b', '10.0.0.128/25')] },
      `${PATH}.ipPools[1].blocks[0]: range '10.0.0.128/25' of pool 'b' overlaps range '10.0.0.0/24' of pool 'a' (ipPools[0].blocks[0])`,
    ],
    [
      'a start/stop range that runs backwards',
      { ipPools: [{ name: 'a', blocks: [{ start: '10.0.0.9', stop: '10.0.0.1' }] }] },
      `${PATH}.ipPools[0].blocks[0]: '10.0.0.9'-'10.0.0.1' is not a range (stop before start, or mixed IPv4/IPv6)`,
    ],
    ['a bad start address', { ipPools: [{ name: 'a', blocks: [{ start: '10.0.0.300' }] }] }, `${PATH}.ipPools[0].blocks[0].start: '10.0.0.300' is not a valid IP address`],
    ['a pool without blocks', { ipPools: [{ name: 'a' }] }, `${PATH}.ipPools[0].blocks: needs at least one block`],
    ['cidr and start together', { ipPools: [{ name: 'a', blocks: [{ cidr: '10.0.0.0/24', start: '10.0.0.1' }] }] }, `${PATH}.ipPools[0].blocks[0]: give either cidr or start/stop, not both`],
    ['an unknown pool apiVersion', { ipPools: [{ name: 'a', apiVersion: 'cilium.io/v1', blocks: [{ cidr: '10.0.0.0/24' }] }] }, `${PATH}.ipPools[0].apiVersion: 'cilium.io/v1' is not one of cilium.io/v2, cilium.io/v2alpha1`],
    ['a duplicate pool name', { ipPools: [validPool('a', '10.0.0.0/24'), validPool('a', '10.0.1.0/24')] }, `${PATH}.ipPools[1]: pool 'a' is already defined at [0]`],
    ['an unknown key', { ipPool: [] }, `${PATH}.ipPool: unknown key (known: ipPools, l2AnnouncementPolicies, gatewayClass, gateways, clusterIssuers, defaultDenyPolicies)`],
    ['a bad selector operator', { ipPools: [{ ...validPool('a', '10.0.0.0/24'), serviceSelector: { matchExpressions: [{ key: 'k', operator: 'In' }] } }] }, `${PATH}.ipPools[0].serviceSelector: operator In on key 'k' needs at least one value`],
    ['an L2 policy announcing nothing', { l2AnnouncementPolicies: [{ name: 'l2', loadBalancerIPs: false }] }, `${PATH}.l2AnnouncementPolicies[0]: announces nothing: set loadBalancerIPs or externalIPs to true`],
    ['an invalid interface regex', { l2AnnouncementPolicies: [{ name: 'l2', interfaces: ['eth[0'] }] }, `${PATH}.l2AnnouncementPolicies[0].interfaces[0]: 'eth[0' is not a valid regular expression`],
    ['a GatewayClass without controllerName', { gatewayClass: { name: 'cilium' } }, `${PATH}.gatewayClass.controllerName: is required`],
    [
      'a gateway address outside every pool',
      { ipPools: [validPool('a', '10.0.0.0/24')], gateways: [{ name: 'g', namespace: 'n', address: '10.9.9.9', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }] },
      `${PATH}.gateways[0].address: '10.9.9.9' is not in any pool of ipPools`,
    ],
    [
      'a gateway address outside its named pool',
      { ipPools: [validPool('a', '10.0.0.0/24'), validPool('b', '10.0.1.0/24')], gateways: [{ name: 'g', namespace: 'n', address: '10.0.0.9', pool: 'b', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }] },
      `${PATH}.gateways[0].address: '10.0.0.9' is not in pool 'b'`,
    ],
    ['a gateway naming an unknown pool', { gateways: [{ name: 'g', namespace: 'n', pool: 'x', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }] }, `${PATH}.gateways[0].pool: no pool 'x' in ipPools`],
    ['a gateway without listeners', { gateways: [{ name: 'g', namespace: 'n' }] }, `${PATH}.gateways[0].listeners: needs at least one listener`],
    ['a port out of range', { gateways: [{ name: 'g', namespace: 'n', listeners: [{ name: 'http', protocol: 'HTTP', port: 70000 }] }] }, `${PATH}.gateways[0].listeners[0].port: 70000 is not a port (1-65535)`],
    ['an unknown protocol', { gateways: [{ name: 'g', namespace: 'n', listeners: [{ name: 'h', protocol: 'QUIC', port: 443 }] }] }, `${PATH}.gateways[0].listeners[0].protocol: 'QUIC' is not one of HTTP, HTTPS, TLS, TCP, UDP`],
    ['an HTTPS listener without a certificate', { gateways: [{ name: 'g', namespace: 'n', listeners: [{ name: 'https', protocol: 'HTTPS', port: 443 }] }] }, `${PATH}.gateways[0].listeners[0].tls.certificateRefs: a HTTPS listener that terminates TLS needs a certificate Secret`],
    ['a wildcard in the middle of a hostname', { gateways: [{ name: 'g', namespace: 'n', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, hostname: 'a.*.lab' }] }] }, `${PATH}.gateways[0].listeners[0].hostname: 'a.*.lab' is not a valid hostname (a wildcard only as the first label)`],
    ['an uppercase namespace', { gateways: [{ name: 'g', namespace: 'Network', listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }] }] }, `${PATH}.gateways[0].namespace: 'Network' is not a valid Kubernetes name (lowercase letters, digits, '-')`],
    ['an issuer of two kinds', { clusterIssuers: [{ name: 'i', selfSigned: {}, ca: { secretName: 's' } }] }, `${PATH}.clusterIssuers[0]: needs exactly one of selfSigned, ca, acme (got selfSigned, ca)`],
    ['an ACME issuer with a plain-http server', { clusterIssuers: [{ name: 'i', acme: { server: 'http://acme', email: 'a@b', cloudflare: { apiTokenSecretName: 's', apiTokenSecretKey: 'k' } } }] }, `${PATH}.clusterIssuers[0].acme.server: 'http://acme' is not an https:// URL`],
    ['an ACME issuer without its token secret', { clusterIssuers: [{ name: 'i', acme: { server: 'https://acme', email: 'a@b', cloudflare: { apiTokenSecretKey: 'k' } } }] }, `${PATH}.clusterIssuers[0].acme.cloudflare.apiTokenSecretName: is required`],
    ['an unknown policy kind', { defaultDenyPolicies: [{ namespace: 'a', kind: 'CiliumClusterwideNetworkPolicy' }] }, `${PATH}.defaultDenyPolicies[0].kind: 'CiliumClusterwideNetworkPolicy' is not one of NetworkPolicy, CiliumNetworkPolicy`],
    ['a list given as an object', { gateways: { name: 'g' } }, `${PATH}.gateways: expected a list, got {"name":"g"}`],
  ])('refuses %s, naming the field', (_name, raw, problem) => {
    const parsed = parseNetworkBaseline(raw, PATH);
    expect(parsed.baseline).toBeUndefined();
    expect(parsed.problems).toContain(problem);
  });

  it('reports every problem in one pass', () => {
    const parsed = parseNetworkBaseline(
      { ipPools: [validPool('a', 'x'), validPool('B', '10.0.0.0/24')], defaultDenyPolicies: [{}] },
      PATH,
    );
    expect(parsed.problems).toEqual([
      `${PATH}.ipPools[0].blocks[0].cidr: 'x' is not a valid CIDR`,
      `${PATH}.ipPools[1].name: 'B' is not a valid Kubernetes name (lowercase letters, digits, '-')`,
      `${PATH}.defaultDenyPolicies[0].namespace: is required`,
    ]);
  });
});
