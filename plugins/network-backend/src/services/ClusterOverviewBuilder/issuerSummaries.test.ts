import { cacheWithObjects } from '../../testing/FakeKubernetesApi';
import { dnsEndpointSummaries } from './dnsEndpointSummaries';
import { issuerSummaries } from './issuerSummaries';

describe('issuerSummaries and dnsEndpointSummaries', () => {
  it('lists ClusterIssuers then Issuers with their type and Ready state', async () => {
    const { cache } = await cacheWithObjects({
      ClusterIssuer: [
        {
          metadata: { name: 'letsencrypt' },
          spec: { acme: { server: 'https://acme.example/directory' } },
          status: { conditions: [{ type: 'Ready', status: 'False', reason: 'ErrRegisterACMEAccount', message: 'no route to host' }] },
        },
      ],
      Issuer: [
        {
          metadata: { namespace: 'media', name: 'local-ca' },
          spec: { ca: { secretName: 'ca' } },
          status: { conditions: [{ type: 'Ready', status: 'True', reason: 'KeyPairVerified' }] },
        },
      ],
    });
    expect(issuerSummaries(cache)).toEqual([
      { kind: 'ClusterIssuer', namespace: undefined, name: 'letsencrypt', type: 'acme', ready: false, readyReason: 'ErrRegisterACMEAccount', readyMessage: 'no route to host' },
      { kind: 'Issuer', namespace: 'media', name: 'local-ca', type: 'ca', ready: true, readyReason: 'KeyPairVerified', readyMessage: undefined },
    ]);
    cache.stop();
  });

  it('lists DNSEndpoints with lowercased names without the trailing dot', async () => {
    const { cache } = await cacheWithObjects({
      DNSEndpoint: [
        { metadata: { namespace: 'network', name: 'tunnel' }, spec: { endpoints: [{ dnsName: 'External.Demo.Lab.' }, { dnsName: '' }] } },
      ],
    });
    expect(dnsEndpointSummaries(cache)).toEqual([{ namespace: 'network', name: 'tunnel', dnsNames: ['external.demo.lab'] }]);
    cache.stop();
  });
});
