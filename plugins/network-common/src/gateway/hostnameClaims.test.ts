import { describeHostnameClaim, gatewayDomains, hostnameClaims } from './hostnameClaims';

const overview = {
  routes: [
    { kind: 'HTTPRoute', namespace: 'media', name: 'jellyfin', hostnames: ['Jellyfin.demo.lab'] },
  ],
  ingresses: [{ namespace: 'monitoring', name: 'kuma', hosts: ['kuma.demo.lab'] }],
  dnsEndpoints: [{ namespace: 'network', name: 'tunnel', dnsNames: ['external.demo.lab'] }],
} as any;

describe('hostnameClaims', () => {
  it.each([
    ['a route (case-insensitive)', 'jellyfin.demo.lab', ['HTTPRoute media/jellyfin']],
    ['an Ingress', 'kuma.demo.lab', ['Ingress monitoring/kuma']],
    ['a DNSEndpoint', 'external.demo.lab', ['DNSEndpoint network/tunnel']],
    ['nobody', 'hello.demo.lab', []],
  ])('finds the claim of %s', (_, hostname, expected) => {
    expect(hostnameClaims(hostname, overview).map(describeHostnameClaim)).toEqual(expected);
  });

  it('ignores the owner’s own route', () => {
    expect(hostnameClaims('jellyfin.demo.lab', overview, { namespace: 'media', name: 'jellyfin' })).toEqual([]);
  });

  it('works with an overview from a backend without dnsEndpoints', () => {
    expect(hostnameClaims('external.demo.lab', { routes: [], ingresses: [] })).toEqual([]);
  });
});

describe('gatewayDomains', () => {
  it('takes the zones of wildcard listeners, sorted and unique', () => {
    const listener = (hostname?: string) => ({ hostname }) as any;
    expect(
      gatewayDomains([
        { listeners: [listener('*.demo.lab'), listener('api.other.lab'), listener()] },
        { listeners: [listener('*.Apps.lab'), listener('*.demo.lab')] },
      ] as any),
    ).toEqual(['apps.lab', 'demo.lab']);
  });
});
