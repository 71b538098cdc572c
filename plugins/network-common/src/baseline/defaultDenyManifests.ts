import { BaselineDefaultDeny, BaselineManifest } from './networkBaseline';

/** The name of the rendered default-deny policy in each namespace. */
export const DEFAULT_DENY_POLICY_NAME = 'default-deny';
/** The name of the rendered DNS egress exception in each namespace. */
export const DNS_EGRESS_POLICY_NAME = 'allow-dns-egress';

/**
 * Default-deny in each namespace, plus an exception for DNS to kube-dns so pods keep resolving.
 * A NetworkPolicy denies with an empty podSelector and both policyTypes; a CiliumNetworkPolicy
 * with an empty rule in each direction (which puts every endpoint into default-deny).
 */
export function defaultDenyManifests(policies: BaselineDefaultDeny[]): BaselineManifest[] {
  return policies.flatMap(policy =>
    policy.kind === 'NetworkPolicy' ? networkPolicies(policy) : ciliumNetworkPolicies(policy),
  );
}

function networkPolicies(policy: BaselineDefaultDeny): BaselineManifest[] {
  const deny: BaselineManifest = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: DEFAULT_DENY_POLICY_NAME, namespace: policy.namespace },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
  if (!policy.allowDnsEgress) return [deny];
  return [
    deny,
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: DNS_EGRESS_POLICY_NAME, namespace: policy.namespace },
      spec: {
        podSelector: {},
        policyTypes: ['Egress'],
        egress: [
          {
            to: [
              {
                namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
              },
            ],
            ports: [
              { protocol: 'UDP', port: 53 },
              { protocol: 'TCP', port: 53 },
            ],
          },
        ],
      },
    },
  ];
}

function ciliumNetworkPolicies(policy: BaselineDefaultDeny): BaselineManifest[] {
  const deny: BaselineManifest = {
    apiVersion: 'cilium.io/v2',
    kind: 'CiliumNetworkPolicy',
    metadata: { name: DEFAULT_DENY_POLICY_NAME, namespace: policy.namespace },
    spec: { endpointSelector: {}, ingress: [{}], egress: [{}] },
  };
  if (!policy.allowDnsEgress) return [deny];
  return [
    deny,
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name: DNS_EGRESS_POLICY_NAME, namespace: policy.namespace },
      spec: {
        endpointSelector: {},
        egress: [
          {
            toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }],
            toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
          },
        ],
      },
    },
  ];
}
