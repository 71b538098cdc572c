import { defaultDenyPolicies, hasDefaultDeny } from './defaultDeny';
import { PolicyObject } from './policyObjects';

const np = (
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
): PolicyObject =>
  ({
    kind: 'NetworkPolicy',
    metadata: { namespace, name },
    spec,
  } as PolicyObject);
const cnp = (
  name: string,
  namespace: string,
  spec: Record<string, unknown>,
): PolicyObject =>
  ({
    kind: 'CiliumNetworkPolicy',
    metadata: { namespace, name },
    spec,
  } as PolicyObject);
const ccnp = (name: string, spec: Record<string, unknown>): PolicyObject =>
  ({
    kind: 'CiliumClusterwideNetworkPolicy',
    metadata: { name },
    spec,
  } as PolicyObject);

describe('hasDefaultDeny', () => {
  it.each<[string, PolicyObject[], 'ingress' | 'egress', boolean]>([
    ['no policies', [], 'ingress', false],
    [
      'classic default deny',
      [
        np('default-deny', 'apps', {
          podSelector: {},
          policyTypes: ['Ingress'],
        }),
      ],
      'ingress',
      true,
    ],
    [
      'default deny without policyTypes',
      [np('default-deny', 'apps', { podSelector: {} })],
      'ingress',
      true,
    ],
    [
      'ingress default deny is not egress default deny',
      [np('default-deny', 'apps', { podSelector: {} })],
      'egress',
      false,
    ],
    [
      'egress default deny',
      [np('deny-egress', 'apps', { podSelector: {}, policyTypes: ['Egress'] })],
      'egress',
      true,
    ],
    [
      'in another namespace',
      [np('default-deny', 'other', { podSelector: {} })],
      'ingress',
      false,
    ],
    [
      'selects some pods only',
      [np('partial', 'apps', { podSelector: { matchLabels: { app: 'x' } } })],
      'ingress',
      false,
    ],
    [
      'selects all pods but allows everything',
      [np('allow-all', 'apps', { podSelector: {}, ingress: [{}] })],
      'ingress',
      false,
    ],
    [
      'selects all pods and allows only the gateway (still default deny)',
      [
        np('gateway-only', 'apps', {
          podSelector: {},
          ingress: [
            {
              from: [{ namespaceSelector: { matchLabels: { role: 'edge' } } }],
            },
          ],
        }),
      ],
      'ingress',
      true,
    ],
    [
      'Cilium ingress [{}]',
      [cnp('cnp-deny', 'apps', { endpointSelector: {}, ingress: [{}] })],
      'ingress',
      true,
    ],
    [
      'Cilium fromEntities all',
      [
        cnp('cnp-all', 'apps', {
          endpointSelector: {},
          ingress: [{ fromEntities: ['all'] }],
        }),
      ],
      'ingress',
      false,
    ],
    [
      'Cilium enableDefaultDeny false',
      [
        cnp('additive', 'apps', {
          endpointSelector: {},
          enableDefaultDeny: { ingress: false },
          ingress: [{}],
        }),
      ],
      'ingress',
      false,
    ],
    [
      'Cilium partial selector',
      [
        cnp('partial', 'apps', {
          endpointSelector: { matchLabels: { app: 'x' } },
          ingress: [{}],
        }),
      ],
      'ingress',
      false,
    ],
    [
      'Cilium egress only',
      [cnp('egress', 'apps', { endpointSelector: {}, egress: [{}] })],
      'ingress',
      false,
    ],
    [
      'clusterwide with empty selector',
      [ccnp('cluster-deny', { endpointSelector: {}, ingress: [{}] })],
      'ingress',
      true,
    ],
    [
      'clusterwide excluding kube-system covers apps',
      [
        ccnp('deny-but-system', {
          endpointSelector: {
            matchExpressions: [
              {
                key: 'k8s:io.kubernetes.pod.namespace',
                operator: 'NotIn',
                values: ['kube-system'],
              },
            ],
          },
          ingress: [{}],
        }),
      ],
      'ingress',
      true,
    ],
    [
      'clusterwide naming another namespace',
      [
        ccnp('deny-system', {
          endpointSelector: {
            matchLabels: { 'io.kubernetes.pod.namespace': 'kube-system' },
          },
          ingress: [{}],
        }),
      ],
      'ingress',
      false,
    ],
    [
      'clusterwide selecting by pod labels',
      [
        ccnp('deny-app', {
          endpointSelector: { matchLabels: { app: 'x' } },
          ingress: [{}],
        }),
      ],
      'ingress',
      false,
    ],
  ])('%s', (_name, policies, direction, expected) => {
    expect(hasDefaultDeny('apps', policies, direction)).toBe(expected);
  });

  it('uses namespace labels for clusterwide selectors', () => {
    const policy = ccnp('deny-tenants', {
      endpointSelector: {
        matchLabels: { 'io.cilium.k8s.namespace.labels.tenant': 'yes' },
      },
      ingress: [{}],
    });
    expect(hasDefaultDeny('apps', [policy], 'ingress', { tenant: 'yes' })).toBe(
      true,
    );
    expect(hasDefaultDeny('apps', [policy], 'ingress')).toBe(false);
  });

  it('names the policies', () => {
    expect(
      defaultDenyPolicies('apps', [
        np('default-deny', 'apps', { podSelector: {} }),
        np('allow-all', 'apps', { podSelector: {}, ingress: [{}] }),
      ]),
    ).toEqual([
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        namespace: 'apps',
        name: 'default-deny',
      },
    ]);
  });
});
