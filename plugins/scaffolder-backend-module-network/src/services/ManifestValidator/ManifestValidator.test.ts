import { renderServiceRepository } from '@internal/plugin-network-common';
import { ManifestValidator } from './ManifestValidator';

const spec = {
  name: 'hello',
  namespace: 'apps',
  owner: 'group:default/app-team',
  description: 'Says hello',
  image: 'ghcr.io/example/hello:1.0.0',
  port: 8080,
  replicas: 1,
  exposure: 'internal-and-public' as const,
  routing: {
    kind: 'gateway' as const,
    internal: {
      name: 'envoy-internal',
      namespace: 'network',
      listener: 'https',
    },
    public: { name: 'envoy-external', namespace: 'network', listener: 'https' },
  },
  hostname: 'hello.demo.lab',
  tls: {
    kind: 'issuer' as const,
    issuer: 'letsencrypt-production',
    issuerKind: 'ClusterIssuer' as const,
  },
  policy: {
    flavour: 'ciliumnetworkpolicy' as const,
    proxy: { kind: 'cilium' as const },
    extraEgress: [],
  },
  dns: {
    kind: 'dnsendpoint' as const,
    prefix: 'external-dns.kubernetes.io/' as const,
    targets: ['127.0.2.11'],
  },
  tunnel: { hostname: 'external.demo.lab' },
};

describe('ManifestValidator', () => {
  const validator = new ManifestValidator();

  it('accepts every rendered manifest (core, Gateway API, Cilium, cert-manager, DNSEndpoint)', async () => {
    const results = await validator.validate(
      renderServiceRepository(spec).manifests,
    );
    expect(results.map(result => result.kind)).toEqual([
      'Deployment',
      'Service',
      'HTTPRoute',
      'Certificate',
      'DNSEndpoint',
      'CiliumNetworkPolicy',
      'CiliumNetworkPolicy',
    ]);
    expect(results.filter(result => result.errors.length > 0)).toEqual([]);
  });

  it('reports schema errors per manifest with the field path', async () => {
    const results = await validator.validate([
      {
        path: 'route.yaml',
        manifest: {
          apiVersion: 'gateway.networking.k8s.io/v1',
          kind: 'HTTPRoute',
          metadata: { name: 'x' },
          spec: { parentRefs: [{ name: 'g', sectionName: 5 }] },
        },
      },
      {
        path: 'service.yaml',
        manifest: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: 'x' },
          spec: { ports: [{ port: 'abc' }] },
        },
      },
      {
        path: 'cnp.yaml',
        manifest: {
          apiVersion: 'cilium.io/v2',
          kind: 'CiliumNetworkPolicy',
          metadata: { name: 'x' },
          spec: {
            endpointSelector: {},
            ingress: [{ fromEntities: ['everyone'] }],
          },
        },
      },
      {
        path: 'cert.yaml',
        manifest: {
          apiVersion: 'cert-manager.io/v1',
          kind: 'Certificate',
          metadata: { name: 'x' },
          spec: { dnsNames: ['a'] },
        },
      },
      {
        path: 'dns.yaml',
        manifest: {
          apiVersion: 'externaldns.k8s.io/v1alpha1',
          kind: 'DNSEndpoint',
          metadata: { name: 'x' },
          spec: {
            endpoints: [
              { dnsName: 'a.demo.lab', targets: [], recordType: 'B' },
            ],
          },
        },
      },
      {
        path: 'other.yaml',
        manifest: {
          apiVersion: 'example.com/v1',
          kind: 'Widget',
          metadata: { name: 'x' },
        },
      },
    ]);
    expect(results.map(result => [result.path, result.errors])).toEqual([
      ['route.yaml', ['/spec/parentRefs/0/sectionName must be string']],
      ['service.yaml', ['/spec/ports/0/port must be integer']],
      [
        'cnp.yaml',
        [
          '/spec/ingress/0/fromEntities/0 must be equal to one of the allowed values',
        ],
      ],
      [
        'cert.yaml',
        [
          '/spec must have required property issuerRef',
          '/spec must have required property secretName',
        ],
      ],
      [
        'dns.yaml',
        [
          '/spec/endpoints/0/targets must NOT have fewer than 1 items',
          '/spec/endpoints/0/recordType must be equal to one of the allowed values',
        ],
      ],
      ['other.yaml', ['no upstream schema for example.com/v1 Widget']],
    ]);
  });
});
