import { gatewaysFixture } from '../__testUtils__/fieldFixtures';
import {
  gatewayChoices,
  listenerChoices,
  listenerProblem,
} from './gatewayChoices';

describe('gatewayChoices', () => {
  it('lists Programmed gateways first with class, address and listener count', () => {
    expect(gatewayChoices(gatewaysFixture())).toEqual([
      {
        value: 'network/envoy-internal',
        label: 'network/envoy-internal',
        state: 'Programmed',
        healthy: true,
        detail: 'envoy · 10.0.0.10 · 2 listeners',
      },
      {
        value: 'network/envoy-lab',
        label: 'network/envoy-lab',
        state: 'Not programmed: AddressNotAssigned',
        healthy: false,
        detail: 'envoy · no address · 1 listener',
      },
    ]);
  });

  it('says when a gateway has no Programmed condition yet', () => {
    const [gateway] = gatewaysFixture();
    expect(gatewayChoices([{ ...gateway, conditions: [] }])[0].state).toBe(
      'Programmed: no status yet',
    );
  });
});

describe('listenerChoices', () => {
  it('describes each listener with protocol, port, hostname and what it admits', () => {
    const internal = gatewaysFixture()[1];
    expect(
      listenerChoices(internal).map(choice => [choice.label, choice.detail]),
    ).toEqual([
      [
        'https (HTTPS 443 *.demo.lab)',
        'routes from all namespaces · 5 attached',
      ],
      ['tls-passthrough (TLS 8443)', 'routes from all namespaces · 0 attached'],
    ]);
  });
});

describe('listenerProblem', () => {
  const [lab, internal] = gatewaysFixture();
  it.each<[string, typeof lab, string, string | undefined, string | undefined]>(
    [
      ['an HTTPS listener admitting All', internal, 'https', 'apps', undefined],
      [
        'a missing listener',
        internal,
        'http',
        'apps',
        "gateway network/envoy-internal has no listener 'http'",
      ],
      [
        'a TLS listener',
        internal,
        'tls-passthrough',
        'apps',
        "listener 'tls-passthrough' speaks TLS; an HTTPRoute needs HTTP or HTTPS",
      ],
      [
        'Same from another namespace',
        lab,
        'http',
        'apps',
        "listener 'http' admits routes from namespace network only, not apps",
      ],
      ['Same from its own namespace', lab, 'http', 'network', undefined],
    ],
  )('%s', (_, gateway, listener, namespace, expected) => {
    expect(listenerProblem(gateway, listener, namespace)).toBe(expected);
  });
});
