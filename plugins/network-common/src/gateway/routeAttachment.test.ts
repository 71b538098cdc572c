import {
  GatewayListener,
  GatewayObject,
  ParentReference,
  RouteObject,
} from './gatewayObjects';
import {
  evaluateRouteAttachment,
  listenerAllowsNamespace,
  listenerRouteKinds,
  parentRefTargetsGateway,
} from './routeAttachment';

const https = (
  name: string,
  hostname: string | undefined,
  extra: Partial<GatewayListener> = {},
): GatewayListener => ({
  name,
  hostname,
  port: 443,
  protocol: 'HTTPS',
  allowedRoutes: { namespaces: { from: 'All' } },
  ...extra,
});

const gateway = (
  listeners: GatewayListener[],
  status?: GatewayObject['status'],
): GatewayObject => ({
  metadata: { namespace: 'network', name: 'envoy-internal' },
  spec: { gatewayClassName: 'envoy', listeners },
  status,
});

const route = (
  namespace: string,
  hostnames?: string[],
  kind = 'HTTPRoute',
): RouteObject => ({
  kind,
  metadata: { namespace, name: 'app' },
  spec: { hostnames },
});

const ref = (extra: Partial<ParentReference> = {}): ParentReference => ({
  name: 'envoy-internal',
  namespace: 'network',
  ...extra,
});

const namespaces: Record<string, Record<string, string>> = {
  apps: { 'kubernetes.io/metadata.name': 'apps', 'gateway-access': 'internal' },
  private: { 'kubernetes.io/metadata.name': 'private' },
};
const lookup = (namespace: string) => namespaces[namespace];

describe('evaluateRouteAttachment', () => {
  it.each<
    [
      string,
      GatewayObject | undefined,
      RouteObject,
      ParentReference,
      string,
      string[],
      string[],
    ]
  >([
    [
      'attaches through a wildcard listener',
      gateway([https('https', '*.example.com')]),
      route('apps', ['app.example.com']),
      ref(),
      'Accepted',
      ['https'],
      ['app.example.com'],
    ],
    [
      'missing gateway',
      undefined,
      route('apps', ['app.example.com']),
      ref(),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'parentRef naming another gateway',
      gateway([https('https', undefined)]),
      route('apps'),
      ref({ name: 'envoy-external' }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'parentRef namespace defaults to the route namespace',
      gateway([https('https', undefined)]),
      route('apps'),
      { name: 'envoy-internal' },
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'parentRef of another kind',
      gateway([https('https', undefined)]),
      route('apps'),
      ref({ kind: 'Service', group: '' }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'unknown sectionName',
      gateway([https('https', '*.example.com')]),
      route('apps', ['app.example.com']),
      ref({ sectionName: 'http' }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'sectionName picks one listener',
      gateway([https('a', '*.example.com'), https('b', '*.example.com')]),
      route('apps', ['app.example.com']),
      ref({ sectionName: 'b' }),
      'Accepted',
      ['b'],
      ['app.example.com'],
    ],
    [
      'port that no listener uses',
      gateway([https('https', undefined)]),
      route('apps'),
      ref({ port: 8443 }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'port and sectionName together',
      gateway([
        https('https', undefined),
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ]),
      route('apps'),
      ref({ port: 80, sectionName: 'https' }),
      'NoMatchingParent',
      [],
      [],
    ],
    [
      'no parentRef restriction attaches to every matching listener',
      gateway([
        https('https', '*.example.com'),
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          hostname: '*.example.com',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ]),
      route('apps', ['app.example.com']),
      ref(),
      'Accepted',
      ['https', 'http'],
      ['app.example.com'],
    ],
    [
      'hostname outside the listener wildcard',
      gateway([https('https', '*.example.com')]),
      route('apps', ['example.com', 'app.example.net']),
      ref(),
      'NoMatchingListenerHostname',
      [],
      [],
    ],
    [
      'route without hostnames inherits the listener hostname',
      gateway([https('https', 'app.example.com')]),
      route('apps'),
      ref(),
      'Accepted',
      ['https'],
      ['app.example.com'],
    ],
    [
      'From Same rejects a cross-namespace route',
      gateway([https('https', undefined, { allowedRoutes: {} })]),
      route('apps', ['app.example.com']),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'From Same accepts a route in the gateway namespace',
      gateway([https('https', undefined, { allowedRoutes: {} })]),
      route('network', ['app.example.com']),
      ref(),
      'Accepted',
      ['https'],
      ['app.example.com'],
    ],
    [
      'From None rejects even the same namespace',
      gateway([
        https('https', undefined, {
          allowedRoutes: { namespaces: { from: 'None' } },
        }),
      ]),
      route('network'),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'From Selector admits a labelled namespace',
      gateway([
        https('https', undefined, {
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchLabels: { 'gateway-access': 'internal' } },
            },
          },
        }),
      ]),
      route('apps', ['a.example.com']),
      ref(),
      'Accepted',
      ['https'],
      ['a.example.com'],
    ],
    [
      'From Selector rejects an unlabelled namespace',
      gateway([
        https('https', undefined, {
          allowedRoutes: {
            namespaces: {
              from: 'Selector',
              selector: { matchLabels: { 'gateway-access': 'internal' } },
            },
          },
        }),
      ]),
      route('private', ['a.example.com']),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'kinds restricts route kinds',
      gateway([
        https('https', undefined, {
          allowedRoutes: {
            namespaces: { from: 'All' },
            kinds: [{ kind: 'GRPCRoute' }],
          },
        }),
      ]),
      route('apps', ['a.example.com']),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'GRPCRoute on an HTTPS listener by default',
      gateway([https('https', undefined)]),
      route('apps', ['grpc.example.com'], 'GRPCRoute'),
      ref(),
      'Accepted',
      ['https'],
      ['grpc.example.com'],
    ],
    [
      'HTTPRoute on a TLS listener',
      gateway([
        {
          name: 'tls',
          port: 443,
          protocol: 'TLS',
          allowedRoutes: { namespaces: { from: 'All' } },
        },
      ]),
      route('apps', ['a.example.com']),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'kind checks come before hostnames',
      gateway([https('https', 'other.example.com', { allowedRoutes: {} })]),
      route('apps', ['a.example.com']),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'a listener its controller did not accept admits nothing',
      gateway([https('https', undefined)], {
        listeners: [
          {
            name: 'https',
            attachedRoutes: 0,
            conditions: [
              { type: 'Accepted', status: 'False', reason: 'PortUnavailable' },
            ],
          },
        ],
      }),
      route('apps', ['a.example.com']),
      ref(),
      'NotAllowedByListeners',
      [],
      [],
    ],
    [
      'one allowed listener with a hostname mismatch and one not allowed',
      gateway([
        https('a', 'x.example.com'),
        https('b', undefined, { allowedRoutes: {} }),
      ]),
      route('apps', ['y.example.com']),
      ref(),
      'NoMatchingListenerHostname',
      [],
      [],
    ],
  ])('%s', (_name, gw, rt, parentRef, reason, listeners, hostnames) => {
    const result = evaluateRouteAttachment(rt, parentRef, gw, lookup);
    expect(result.reason).toBe(reason);
    expect(result.accepted).toBe(reason === 'Accepted');
    expect(result.listeners).toEqual(listeners);
    expect(result.hostnames).toEqual(hostnames);
  });

  it('explains each listener in the message when not allowed', () => {
    const result = evaluateRouteAttachment(
      route('apps'),
      ref(),
      gateway([
        https('a', undefined, { allowedRoutes: {} }),
        https('b', undefined, {
          allowedRoutes: {
            namespaces: { from: 'All' },
            kinds: [{ kind: 'TLSRoute' }],
          },
        }),
      ]),
    );
    expect(result.message).toBe(
      'No listener of network/envoy-internal admits HTTPRoute from namespace apps (a: namespace-not-allowed; b: kind-not-allowed)',
    );
  });

  it('names the missing section in NoMatchingParent', () => {
    const result = evaluateRouteAttachment(
      route('apps'),
      ref({ sectionName: 'web', port: 80 }),
      gateway([https('https', undefined)]),
    );
    expect(result.message).toBe(
      'Gateway network/envoy-internal has no listener named "web" on port 80',
    );
  });
});

describe('listenerRouteKinds', () => {
  it.each<[GatewayListener, string[]]>([
    [{ name: 'l', port: 80, protocol: 'HTTP' }, ['HTTPRoute', 'GRPCRoute']],
    [{ name: 'l', port: 443, protocol: 'TLS' }, ['TLSRoute']],
    [{ name: 'l', port: 53, protocol: 'UDP' }, ['UDPRoute']],
    [{ name: 'l', port: 1, protocol: 'SCTP' }, []],
    [
      {
        name: 'l',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }] },
      },
      ['HTTPRoute'],
    ],
    [
      {
        name: 'l',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { kinds: [{ kind: 'TLSRoute' }] },
      },
      [],
    ],
    [
      {
        name: 'l',
        port: 80,
        protocol: 'HTTP',
        allowedRoutes: { kinds: [{ group: 'example.com', kind: 'HTTPRoute' }] },
      },
      [],
    ],
  ])('%#', (listener, kinds) => {
    expect(listenerRouteKinds(listener)).toEqual(kinds);
  });
});

describe('listenerAllowsNamespace', () => {
  const selector = (
    from: string,
    matchLabels?: Record<string, string>,
  ): GatewayListener => ({
    name: 'l',
    port: 80,
    protocol: 'HTTP',
    allowedRoutes: {
      namespaces: { from, selector: matchLabels ? { matchLabels } : undefined },
    },
  });
  it.each<[GatewayListener, string, boolean]>([
    [selector('All'), 'anything', true],
    [selector('Same'), 'network', true],
    [selector('Same'), 'apps', false],
    [selector('None'), 'network', false],
    [selector('Bogus'), 'network', false],
    [selector('Selector', { 'gateway-access': 'internal' }), 'apps', true],
    [
      selector('Selector', { 'kubernetes.io/metadata.name': 'unknown-ns' }),
      'unknown-ns',
      true,
    ],
    [
      selector('Selector', { 'gateway-access': 'internal' }),
      'unknown-ns',
      false,
    ],
    // An absent selector with From=Selector selects nothing.
    [selector('Selector'), 'apps', false],
  ])('%#: %s', (listener, namespace, expected) => {
    expect(
      listenerAllowsNamespace(listener, 'network', namespace, lookup),
    ).toBe(expected);
  });
});

describe('parentRefTargetsGateway', () => {
  const gw = gateway([]);
  it.each<[ParentReference, string, boolean]>([
    [{ name: 'envoy-internal', namespace: 'network' }, 'apps', true],
    [{ name: 'envoy-internal' }, 'network', true],
    [{ name: 'envoy-internal' }, 'apps', false],
    [
      {
        name: 'envoy-internal',
        namespace: 'network',
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
      },
      'apps',
      true,
    ],
    [
      { name: 'envoy-internal', namespace: 'network', kind: 'ListenerSet' },
      'apps',
      false,
    ],
  ])('%j from %s', (parentRef, namespace, expected) => {
    expect(parentRefTargetsGateway(parentRef, namespace, gw)).toBe(expected);
  });
});
