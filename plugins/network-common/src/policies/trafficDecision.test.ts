import {
  CiliumPolicyObject,
  CiliumRule,
  NetworkPolicyObject,
  PodEndpoint,
  PolicyObject,
  TrafficPeer,
} from './policyObjects';
import {
  DEFAULT_CLUSTER_DNS,
  isDnsEgressAllowed,
  isEgressAllowed,
  isIngressAllowed,
} from './trafficDecision';

const gatewayPod: PodEndpoint = {
  namespace: 'network',
  podLabels: {
    'app.kubernetes.io/name': 'envoy',
    'gateway.envoyproxy.io/owning-gateway-name': 'envoy-internal',
  },
  namespaceLabels: { 'kubernetes.io/metadata.name': 'network', role: 'edge' },
};
const appPod: PodEndpoint = {
  namespace: 'apps',
  podLabels: { app: 'podinfo' },
  namespaceLabels: { 'kubernetes.io/metadata.name': 'apps' },
  namedPorts: [
    { name: 'http', port: 8080, protocol: 'TCP' },
    { name: 'metrics', port: 9090 },
  ],
};
const neighbourPod: PodEndpoint = {
  namespace: 'apps',
  podLabels: { app: 'other' },
};
const strangerPod: PodEndpoint = {
  namespace: 'elsewhere',
  podLabels: { app: 'podinfo' },
};
const external: TrafficPeer = { ip: '203.0.113.7' };
const lanClient: TrafficPeer = { ip: '192.168.1.50' };
const ciliumIngress: TrafficPeer = { entity: 'ingress' };

const np = (
  name: string,
  spec: NetworkPolicyObject['spec'],
  namespace = 'apps',
): NetworkPolicyObject => ({
  kind: 'NetworkPolicy',
  metadata: { namespace, name },
  spec,
});
const cnp = (
  name: string,
  spec: CiliumRule,
  namespace = 'apps',
): CiliumPolicyObject => ({
  kind: 'CiliumNetworkPolicy',
  metadata: { namespace, name },
  spec,
});
const ccnp = (name: string, spec: CiliumRule): CiliumPolicyObject => ({
  kind: 'CiliumClusterwideNetworkPolicy',
  metadata: { name },
  spec,
});

const defaultDeny = np('default-deny', {
  podSelector: {},
  policyTypes: ['Ingress'],
});
const allowFromGateway = np('allow-from-gateway', {
  podSelector: { matchLabels: { app: 'podinfo' } },
  ingress: [
    {
      from: [
        {
          namespaceSelector: {
            matchLabels: { 'kubernetes.io/metadata.name': 'network' },
          },
          podSelector: { matchLabels: { 'app.kubernetes.io/name': 'envoy' } },
        },
      ],
      ports: [{ port: 8080, protocol: 'TCP' }],
    },
  ],
});

type Case = [
  string,
  PolicyObject[],
  TrafficPeer,
  number,
  string | undefined,
  boolean,
  string,
  string,
];

describe('isIngressAllowed: NetworkPolicy', () => {
  it.each<Case>([
    [
      'no policy at all',
      [],
      gatewayPod,
      8080,
      undefined,
      true,
      'no-policy',
      'allowed: no policy selects the pod for ingress',
    ],
    [
      'a policy for other pods does not isolate',
      [np('other', { podSelector: { matchLabels: { app: 'other' } } })],
      gatewayPod,
      8080,
      undefined,
      true,
      'no-policy',
      'allowed: no policy selects the pod for ingress',
    ],
    [
      'a policy in another namespace does not isolate',
      [np('default-deny', { podSelector: {} }, 'elsewhere')],
      gatewayPod,
      8080,
      undefined,
      true,
      'no-policy',
      'allowed: no policy selects the pod for ingress',
    ],
    [
      'default deny alone',
      [defaultDeny],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      'denied: default-deny selects the pod and no rule admits TCP/8080 from pods {app.kubernetes.io/name=envoy,gateway.envoyproxy.io/owning-gateway-name=envoy-internal} in network',
    ],
    [
      'default deny + allow from gateway',
      [defaultDeny, allowFromGateway],
      gatewayPod,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by allow-from-gateway',
    ],
    [
      'allow from gateway, wrong port',
      [defaultDeny, allowFromGateway],
      gatewayPod,
      9090,
      undefined,
      false,
      'not-admitted',
      'denied: default-deny, allow-from-gateway select the pod and no rule admits TCP/9090 from pods {app.kubernetes.io/name=envoy,gateway.envoyproxy.io/owning-gateway-name=envoy-internal} in network',
    ],
    [
      'allow from gateway, UDP',
      [defaultDeny, allowFromGateway],
      gatewayPod,
      8080,
      'UDP',
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'allow from gateway, neighbour pod',
      [defaultDeny, allowFromGateway],
      neighbourPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'podSelector alone means the policy namespace only',
      [
        np('same-ns', {
          podSelector: {},
          ingress: [
            { from: [{ podSelector: { matchLabels: { app: 'podinfo' } } }] },
          ],
        }),
      ],
      strangerPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'namespaceSelector alone admits every pod of the namespace',
      [
        np('from-edge', {
          podSelector: {},
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { role: 'edge' } } }],
            },
          ],
        }),
      ],
      gatewayPod,
      1234,
      undefined,
      true,
      'allowed',
      'allowed by from-edge',
    ],
    [
      'empty namespaceSelector admits pods of every namespace',
      [
        np('any-ns', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ],
      strangerPod,
      80,
      undefined,
      true,
      'allowed',
      'allowed by any-ns',
    ],
    [
      'empty namespaceSelector does not admit external clients',
      [
        np('any-ns', {
          podSelector: {},
          ingress: [{ from: [{ namespaceSelector: {} }] }],
        }),
      ],
      external,
      80,
      undefined,
      false,
      'not-admitted',
      'denied: any-ns selects the pod and no rule admits TCP/80 from 203.0.113.7',
    ],
    [
      'empty rule admits everything',
      [np('allow-all', { podSelector: {}, ingress: [{}] })],
      external,
      80,
      'UDP',
      true,
      'allowed',
      'allowed by allow-all',
    ],
    [
      'ports-only rule admits every source on that port',
      [
        np('http-only', {
          podSelector: {},
          ingress: [{ ports: [{ port: 8080 }] }],
        }),
      ],
      external,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by http-only',
    ],
    [
      'ipBlock admits a LAN client',
      [
        np('lan', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  ipBlock: {
                    cidr: '192.168.0.0/16',
                    except: ['192.168.2.0/24'],
                  },
                },
              ],
            },
          ],
        }),
      ],
      lanClient,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by lan',
    ],
    [
      'ipBlock except carves out',
      [
        np('lan', {
          podSelector: {},
          ingress: [
            {
              from: [
                {
                  ipBlock: {
                    cidr: '192.168.0.0/16',
                    except: ['192.168.1.0/24'],
                  },
                },
              ],
            },
          ],
        }),
      ],
      lanClient,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'ipBlock does not match pods',
      [
        np('everything', {
          podSelector: {},
          ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'named port resolves on the destination pod',
      [
        np('named', {
          podSelector: {},
          ingress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by named',
    ],
    [
      'named port with the wrong number',
      [
        np('named', {
          podSelector: {},
          ingress: [{ ports: [{ port: 'metrics' }] }],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'unknown named port matches nothing',
      [
        np('named', {
          podSelector: {},
          ingress: [{ ports: [{ port: 'grpc' }] }],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'endPort range',
      [
        np('range', {
          podSelector: {},
          ingress: [{ ports: [{ port: 8000, endPort: 8100 }] }],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by range',
    ],
    [
      'egress-only policy does not isolate ingress',
      [np('egress-only', { podSelector: {}, policyTypes: ['Egress'] })],
      external,
      80,
      undefined,
      true,
      'no-policy',
      'allowed: no policy selects the pod for ingress',
    ],
    [
      'a Cilium Gateway (reserved:ingress) is not matched by NetworkPolicy pod peers',
      [defaultDeny, allowFromGateway],
      ciliumIngress,
      8080,
      undefined,
      false,
      'not-admitted',
      'denied: default-deny, allow-from-gateway select the pod and no rule admits TCP/8080 from entity ingress',
    ],
  ])(
    '%s',
    (_name, policies, from, port, protocol, allowed, verdict, message) => {
      const decision = isIngressAllowed(
        { from, to: appPod, port, protocol },
        policies,
      );
      expect(decision.allowed).toBe(allowed);
      expect(decision.verdict).toBe(verdict);
      expect(decision.message).toEqual(message);
    },
  );

  it('reports the deciding policies as object refs', () => {
    const decision = isIngressAllowed(
      { from: gatewayPod, to: appPod, port: 8080 },
      [defaultDeny, allowFromGateway],
    );
    expect(decision.selecting).toEqual([
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        namespace: 'apps',
        name: 'default-deny',
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        namespace: 'apps',
        name: 'allow-from-gateway',
      },
    ]);
    expect(decision.allowedBy.map(ref => ref.name)).toEqual([
      'allow-from-gateway',
    ]);
  });
});

describe('isIngressAllowed: CiliumNetworkPolicy', () => {
  const cnpDefaultDeny = cnp('cnp-default-deny', {
    endpointSelector: {},
    ingress: [{}],
  });
  it.each<Case>([
    [
      'ingress: [{}] is default deny',
      [cnpDefaultDeny],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'fromEndpoints with the namespace label',
      [
        cnp('from-gateway', {
          endpointSelector: { matchLabels: { app: 'podinfo' } },
          ingress: [
            {
              fromEndpoints: [
                {
                  matchLabels: {
                    'k8s:io.kubernetes.pod.namespace': 'network',
                    'app.kubernetes.io/name': 'envoy',
                  },
                },
              ],
              toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
            },
          ],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by from-gateway',
    ],
    [
      'fromEndpoints without a namespace label is limited to the policy namespace',
      [
        cnp('same-ns', {
          endpointSelector: {},
          ingress: [
            {
              fromEndpoints: [
                { matchLabels: { 'app.kubernetes.io/name': 'envoy' } },
              ],
            },
          ],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'fromEndpoints {} admits the policy namespace',
      [
        cnp('same-ns', {
          endpointSelector: {},
          ingress: [{ fromEndpoints: [{}] }],
        }),
      ],
      neighbourPod,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by same-ns',
    ],
    [
      'fromEndpoints by namespace labels',
      [
        cnp('edge', {
          endpointSelector: {},
          ingress: [
            {
              fromEndpoints: [
                {
                  matchLabels: {
                    'io.cilium.k8s.namespace.labels.role': 'edge',
                  },
                },
              ],
            },
          ],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by edge',
    ],
    [
      'fromEntities cluster admits pods',
      [
        cnp('cluster', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['cluster'] }],
        }),
      ],
      strangerPod,
      80,
      undefined,
      true,
      'allowed',
      'allowed by cluster',
    ],
    [
      'fromEntities cluster admits the Cilium ingress identity',
      [
        cnp('cluster', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['cluster'] }],
        }),
      ],
      ciliumIngress,
      80,
      undefined,
      true,
      'allowed',
      'allowed by cluster',
    ],
    [
      'fromEntities cluster refuses the world',
      [
        cnp('cluster', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['cluster'] }],
        }),
      ],
      external,
      80,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'fromEntities world admits the world',
      [
        cnp('world', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['world'] }],
        }),
      ],
      external,
      80,
      undefined,
      true,
      'allowed',
      'allowed by world',
    ],
    [
      'fromEntities world refuses pods',
      [
        cnp('world', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['world'] }],
        }),
      ],
      gatewayPod,
      80,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'fromEntities ingress admits Cilium Gateway traffic',
      [
        cnp('gw', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['ingress'] }],
        }),
      ],
      ciliumIngress,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by gw',
    ],
    [
      'fromEntities all',
      [
        cnp('all', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['all'] }],
        }),
      ],
      external,
      80,
      'UDP',
      true,
      'allowed',
      'allowed by all',
    ],
    [
      'fromCIDR',
      [
        cnp('cidr', {
          endpointSelector: {},
          ingress: [{ fromCIDR: ['203.0.113.0/24'] }],
        }),
      ],
      external,
      80,
      undefined,
      true,
      'allowed',
      'allowed by cidr',
    ],
    [
      'fromCIDRSet except',
      [
        cnp('cidr', {
          endpointSelector: {},
          ingress: [
            {
              fromCIDRSet: [
                { cidr: '203.0.113.0/24', except: ['203.0.113.0/29'] },
              ],
            },
          ],
        }),
      ],
      external,
      80,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'toPorts-only rule admits every peer on the port',
      [
        cnp('l4', {
          endpointSelector: {},
          ingress: [{ toPorts: [{ ports: [{ port: '8080' }] }] }],
        }),
      ],
      external,
      8080,
      'UDP',
      true,
      'allowed',
      'allowed by l4',
    ],
    [
      'toPorts protocol ANY',
      [
        cnp('any', {
          endpointSelector: {},
          ingress: [
            {
              fromEntities: ['all'],
              toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }],
            },
          ],
        }),
      ],
      external,
      53,
      'UDP',
      true,
      'allowed',
      'allowed by any',
    ],
    [
      'toPorts named port',
      [
        cnp('named', {
          endpointSelector: {},
          ingress: [
            { fromEntities: ['all'], toPorts: [{ ports: [{ port: 'http' }] }] },
          ],
        }),
      ],
      external,
      8080,
      undefined,
      true,
      'allowed',
      'allowed by named',
    ],
    [
      'toPorts port 0 means every port',
      [
        cnp('zero', {
          endpointSelector: {},
          ingress: [
            {
              fromEntities: ['all'],
              toPorts: [{ ports: [{ port: '0', protocol: 'TCP' }] }],
            },
          ],
        }),
      ],
      external,
      4444,
      undefined,
      true,
      'allowed',
      'allowed by zero',
    ],
    [
      'ingressDeny wins over an allow',
      [
        cnp('allow-all', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['all'] }],
        }),
        cnp('deny-world', {
          endpointSelector: {},
          ingressDeny: [{ fromEntities: ['world'] }],
        }),
      ],
      external,
      80,
      undefined,
      false,
      'denied',
      'denied by deny-world (deny rule matches TCP/80 from 203.0.113.7)',
    ],
    [
      'ingressDeny wins over a NetworkPolicy allow',
      [
        np('allow-all', { podSelector: {}, ingress: [{}] }),
        cnp('deny-8080', {
          endpointSelector: {},
          ingressDeny: [
            {
              fromEntities: ['all'],
              toPorts: [{ ports: [{ port: '8080', protocol: 'TCP' }] }],
            },
          ],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      false,
      'denied',
      expect.any(String) as unknown as string,
    ],
    [
      'ingressDeny that does not match leaves the allow',
      [
        cnp('allow-all', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['all'] }],
        }),
        cnp('deny-world', {
          endpointSelector: {},
          ingressDeny: [{ fromEntities: ['world'] }],
        }),
      ],
      gatewayPod,
      80,
      undefined,
      true,
      'allowed',
      'allowed by allow-all',
    ],
    [
      'ingressDeny alone isolates the pod',
      [
        cnp('deny-world', {
          endpointSelector: {},
          ingressDeny: [{ fromEntities: ['world'] }],
        }),
      ],
      gatewayPod,
      80,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'enableDefaultDeny false adds allows without isolating',
      [
        cnp('additive', {
          endpointSelector: {},
          enableDefaultDeny: { ingress: false },
          ingress: [{ fromEntities: ['world'] }],
        }),
      ],
      gatewayPod,
      80,
      undefined,
      true,
      'no-policy',
      'allowed: no policy selects the pod for ingress',
    ],
    [
      'an empty ingress list does not isolate (Cilium: omitted or empty does not apply)',
      [cnp('empty', { endpointSelector: {}, ingress: [] })],
      external,
      80,
      undefined,
      true,
      'no-policy',
      'allowed: no policy selects the pod for ingress',
    ],
    [
      'an explicitly empty fromEndpoints selects no peer, even with toPorts',
      [
        cnp('none', {
          endpointSelector: {},
          ingress: [
            { fromEndpoints: [], toPorts: [{ ports: [{ port: '8080' }] }] },
          ],
        }),
      ],
      gatewayPod,
      8080,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'CNP endpointSelector is limited to its namespace',
      [
        cnp(
          'elsewhere-deny',
          { endpointSelector: {}, ingress: [{}] },
          'elsewhere',
        ),
      ],
      gatewayPod,
      80,
      undefined,
      true,
      'no-policy',
      expect.any(String) as unknown as string,
    ],
    [
      'specs[] rules are all read',
      [
        {
          kind: 'CiliumNetworkPolicy',
          metadata: { namespace: 'apps', name: 'multi' },
          specs: [
            { endpointSelector: {}, ingress: [{}] },
            { endpointSelector: {}, ingress: [{ fromEntities: ['world'] }] },
          ],
        },
      ],
      external,
      80,
      undefined,
      true,
      'allowed',
      'allowed by multi',
    ],
    [
      'clusterwide policy selects by namespace label',
      [
        ccnp('ccnp-deny', {
          endpointSelector: {
            matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'apps' },
          },
          ingress: [{}],
        }),
      ],
      external,
      80,
      undefined,
      false,
      'not-admitted',
      expect.any(String) as unknown as string,
    ],
    [
      'clusterwide fromEndpoints without namespace matches any namespace',
      [
        ccnp('ccnp', {
          endpointSelector: {},
          ingress: [{ fromEndpoints: [{ matchLabels: { app: 'podinfo' } }] }],
        }),
      ],
      strangerPod,
      80,
      undefined,
      true,
      'allowed',
      'allowed by ccnp',
    ],
  ])(
    '%s',
    (_name, policies, from, port, protocol, allowed, verdict, message) => {
      const decision = isIngressAllowed(
        { from, to: appPod, port, protocol },
        policies,
      );
      expect(decision.allowed).toBe(allowed);
      expect(decision.verdict).toBe(verdict);
      expect(decision.message).toEqual(message);
    },
  );
});

describe('isEgressAllowed', () => {
  it.each<[string, PolicyObject[], TrafficPeer, number, boolean]>([
    ['no egress policy', [defaultDeny], external, 443, true],
    [
      'NetworkPolicy egress deny-all',
      [np('deny-egress', { podSelector: {}, policyTypes: ['Egress'] })],
      external,
      443,
      false,
    ],
    [
      'NetworkPolicy egress to ipBlock',
      [
        np('to-web', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ ipBlock: { cidr: '0.0.0.0/0' } }],
              ports: [{ port: 443 }],
            },
          ],
        }),
      ],
      external,
      443,
      true,
    ],
    [
      'egress rules imply the Egress policy type',
      [
        np('to-dns-only', {
          podSelector: {},
          egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
        }),
      ],
      external,
      443,
      false,
    ],
    [
      'Cilium toFQDNs does not admit pods',
      [
        cnp('fqdn', {
          endpointSelector: {},
          egress: [{ toFQDNs: [{ matchName: 'api.example.com' }] }],
        }),
      ],
      gatewayPod,
      443,
      false,
    ],
    [
      'named port on the destination pod',
      [
        np('to-http', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{ ports: [{ port: 'http' }] }],
        }),
      ],
      appPod,
      8080,
      true,
    ],
  ])('%s', (_name, policies, to, port, allowed) => {
    expect(
      isEgressAllowed({ from: neighbourPod, to, port }, policies).allowed,
    ).toBe(allowed);
  });
});

describe('isDnsEgressAllowed', () => {
  const denyEgress = np('deny-egress', {
    podSelector: {},
    policyTypes: ['Egress'],
  });
  it.each<[string, PolicyObject[], boolean, boolean]>([
    ['no policies', [], true, true],
    ['egress default deny blocks DNS', [denyEgress], false, false],
    [
      'NetworkPolicy to kube-dns on UDP and TCP',
      [
        denyEgress,
        np('allow-dns', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: {
                      'kubernetes.io/metadata.name': 'kube-system',
                    },
                  },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { port: 53, protocol: 'UDP' },
                { port: 53, protocol: 'TCP' },
              ],
            },
          ],
        }),
      ],
      true,
      true,
    ],
    [
      'UDP only',
      [
        denyEgress,
        np('allow-dns-udp', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ namespaceSelector: {} }],
              ports: [{ port: 53, protocol: 'UDP' }],
            },
          ],
        }),
      ],
      true,
      false,
    ],
    [
      'kube-dns pods in the wrong namespace selector',
      [
        denyEgress,
        np('allow-dns', {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [{ podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            },
          ],
        }),
      ],
      false,
      false,
    ],
    [
      'Cilium toEndpoints kube-dns with a DNS L7 rule',
      [
        cnp('dns', {
          endpointSelector: {},
          egress: [
            {
              toEndpoints: [
                {
                  matchLabels: {
                    'k8s:io.kubernetes.pod.namespace': 'kube-system',
                    'k8s:k8s-app': 'kube-dns',
                  },
                },
              ],
              toPorts: [
                {
                  ports: [{ port: '53', protocol: 'ANY' }],
                  rules: { dns: [{ matchPattern: '*' }] },
                },
              ],
            },
          ],
        }),
      ],
      true,
      true,
    ],
    [
      'Cilium toEntities cluster',
      [
        cnp('cluster', {
          endpointSelector: {},
          egress: [{ toEntities: ['cluster'] }],
        }),
      ],
      true,
      true,
    ],
    [
      'Cilium toFQDNs only',
      [
        cnp('fqdn', {
          endpointSelector: {},
          egress: [
            {
              toFQDNs: [{ matchPattern: '*.example.com' }],
              toPorts: [{ ports: [{ port: '443' }] }],
            },
          ],
        }),
      ],
      false,
      false,
    ],
    [
      'Cilium egressDeny on port 53',
      [
        cnp('cluster', {
          endpointSelector: {},
          egress: [{ toEntities: ['cluster'] }],
          egressDeny: [
            {
              toEntities: ['all'],
              toPorts: [{ ports: [{ port: '53', protocol: 'UDP' }] }],
            },
          ],
        }),
      ],
      false,
      true,
    ],
  ])('%s', (_name, policies, udp, tcp) => {
    const decision = isDnsEgressAllowed(neighbourPod, policies);
    expect(decision.allowed).toBe(udp);
    expect(decision.udp.allowed).toBe(udp);
    expect(decision.tcp.allowed).toBe(tcp);
  });

  it('says when only TCP is blocked', () => {
    const decision = isDnsEgressAllowed(neighbourPod, [
      np('udp', {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [{ ports: [{ port: 53, protocol: 'UDP' }] }],
      }),
    ]);
    expect(decision.message).toBe(
      'DNS over UDP allowed, TCP/53 blocked (large answers fail): denied: udp selects the pod and no rule admits TCP/53 to pods {k8s-app=kube-dns} in kube-system',
    );
    expect(DEFAULT_CLUSTER_DNS.namespace).toBe('kube-system');
  });
});
