import {
  fieldOverviewFixture,
  fieldRoutesFixture,
} from '../__testUtils__/fieldFixtures';
import {
  hostnameAvailability,
  hostnameFormProblem,
} from './hostnameAvailability';

describe('hostnameAvailability', () => {
  const overview = fieldOverviewFixture();
  const sources = {
    gateways: overview.gateways,
    ingresses: overview.ingresses,
    dnsEndpoints: overview.dnsEndpoints,
    routes: fieldRoutesFixture(),
  };
  it.each([
    [
      'a free name under the gateways’ domain',
      'hello.demo.lab',
      'available',
      'hello.demo.lab is available',
    ],
    [
      'a name an HTTPRoute serves',
      'jellyfin.demo.lab',
      'taken',
      'jellyfin.demo.lab is already claimed by HTTPRoute media/jellyfin',
    ],
    [
      'a name an Ingress serves',
      'uptime-kuma.demo.lab',
      'taken',
      'uptime-kuma.demo.lab is already claimed by Ingress monitoring/uptime-kuma',
    ],
    [
      'a name a DNSEndpoint publishes',
      'external.demo.lab',
      'taken',
      'external.demo.lab is already claimed by DNSEndpoint network/cloudflared',
    ],
    [
      'a name outside the domains',
      'hello.example.com',
      'invalid',
      "hostname 'hello.example.com' is not under an allowed domain (demo.lab)",
    ],
    [
      'uppercase',
      'Hello.demo.lab',
      'invalid',
      "hostname 'Hello.demo.lab' contains uppercase letters; hostnames must be lowercase",
    ],
  ])('%s', (_, hostname, state, message) => {
    expect(hostnameAvailability(hostname, sources)).toEqual({
      state,
      message,
    });
  });

  it('does not count the service’s own route', () => {
    expect(
      hostnameAvailability('jellyfin.demo.lab', sources, {
        owner: { namespace: 'media', name: 'jellyfin' },
      }).state,
    ).toBe('available');
  });

  it('uses the configured domains over the gateways’ zones', () => {
    expect(
      hostnameAvailability('hello.example.com', sources, {
        allowedDomains: ['example.com'],
      }).state,
    ).toBe('available');
  });
});

describe('hostnameFormProblem', () => {
  it.each([
    ['hello.demo.lab', undefined],
    [
      'hallå.demo.lab',
      expect.stringContaining('contains non-ASCII characters'),
    ],
    ['*.demo.lab', "hostname '*.demo.lab' is a wildcard; name one host"],
    ['hello', "hostname 'hello' must be a fully qualified name"],
    [
      `${'a'.repeat(254)}.lab`,
      'hostname is 258 characters long; at most 253 are allowed',
    ],
  ])('%s', (hostname, expected) => {
    expect(hostnameFormProblem(hostname)).toEqual(expected);
  });
});
