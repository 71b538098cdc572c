import { evaluatePolicies, PolicySet, TrafficPeer } from './PolicyEvaluation';

const pod = { namespace: 'media', labels: { 'app.kubernetes.io/name': 'jellyfin' } };
const gateway: TrafficPeer = {
  namespace: 'network',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'network' },
  podLabels: {},
  entities: ['ingress', 'cluster'],
};
const kubeDns: TrafficPeer = {
  namespace: 'kube-system',
  namespaceLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
  podLabels: { 'k8s-app': 'kube-dns' },
  entities: ['cluster'],
};
const world: TrafficPeer = { namespace: '', namespaceLabels: {}, podLabels: {}, entities: ['world'] };

const np = (name: string, spec: any, namespace = 'media') => ({ metadata: { name, namespace }, spec });
const cnp = (name: string, spec: any, namespace = 'media') => ({ metadata: { name, namespace }, spec });
const set = (partial: Partial<PolicySet>): PolicySet => ({ networkPolicies: [], ciliumNetworkPolicies: [], ciliumClusterwideNetworkPolicies: [], ...partial });

const defaultDeny = np('default-deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const allowGateway = np('allow-gateway', {
  podSelector: { matchLabels: { 'app.kubernetes.io/name': 'jellyfin' } },
  policyTypes: ['Ingress'],
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'network' } } }], ports: [{ port: 8096, protocol: 'TCP' }] }],
});
const allowDns = np('allow-dns', {
  podSelector: {},
  policyTypes: ['Egress'],
  egress: [{ to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ port: 53, protocol: 'UDP' }] }],
});
const ciliumDefaultDeny = cnp('default-deny', { endpointSelector: {}, ingress: [{}], egress: [{}] });
const ciliumAllowIngressEntity = cnp('allow-gateway', {
  endpointSelector: { matchLabels: { 'app.kubernetes.io/name': 'jellyfin' } },
  ingress: [{ fromEntities: ['ingress'], toPorts: [{ ports: [{ port: '8096', protocol: 'TCP' }] }] }],
});
const ciliumDns = cnp('allow-dns', {
  endpointSelector: {},
  egress: [{ toEndpoints: [{ matchLabels: { 'k8s-app': 'kube-dns', 'k8s:io.kubernetes.pod.namespace': 'kube-system' } }], toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }] }] }],
});

describe('evaluatePolicies', () => {
  it.each<[string, PolicySet, 'ingress' | 'egress', TrafficPeer, number, string, boolean, boolean]>([
    ['no policy: not isolated, allowed', set({}), 'ingress', gateway, 8096, 'TCP', true, false],
    ['default deny alone blocks the gateway', set({ networkPolicies: [defaultDeny] }), 'ingress', gateway, 8096, 'TCP', false, true],
    ['default deny + allow from the gateway namespace on 8096', set({ networkPolicies: [defaultDeny, allowGateway] }), 'ingress', gateway, 8096, 'TCP', true, true],
    ['the allow rule is for 8096, not 9000', set({ networkPolicies: [defaultDeny, allowGateway] }), 'ingress', gateway, 9000, 'TCP', false, true],
    ['the allow rule is for the network namespace, not the world', set({ networkPolicies: [defaultDeny, allowGateway] }), 'ingress', world, 8096, 'TCP', false, true],
    ['a policy in another namespace does not isolate', set({ networkPolicies: [np('deny', { podSelector: {}, policyTypes: ['Ingress'] }, 'other')] }), 'ingress', gateway, 8096, 'TCP', true, false],
    ['default deny blocks DNS egress', set({ networkPolicies: [defaultDeny] }), 'egress', kubeDns, 53, 'UDP', false, true],
    ['allow-dns lets DNS out', set({ networkPolicies: [defaultDeny, allowDns] }), 'egress', kubeDns, 53, 'UDP', true, true],
    ['allow-dns is UDP only', set({ networkPolicies: [defaultDeny, allowDns] }), 'egress', kubeDns, 53, 'TCP', false, true],
    ['Cilium default deny (ingress: [{}]) blocks', set({ ciliumNetworkPolicies: [ciliumDefaultDeny] }), 'ingress', gateway, 8096, 'TCP', false, true],
    ['Cilium fromEntities ingress admits the gateway', set({ ciliumNetworkPolicies: [ciliumDefaultDeny, ciliumAllowIngressEntity] }), 'ingress', gateway, 8096, 'TCP', true, true],
    ['Cilium fromEntities ingress does not admit the world', set({ ciliumNetworkPolicies: [ciliumDefaultDeny, ciliumAllowIngressEntity] }), 'ingress', world, 8096, 'TCP', false, true],
    ['Cilium toEndpoints with k8s: namespace label and port ANY admits DNS', set({ ciliumNetworkPolicies: [ciliumDefaultDeny, ciliumDns] }), 'egress', kubeDns, 53, 'UDP', true, true],
    ['Cilium deny wins over allow', set({ ciliumNetworkPolicies: [ciliumAllowIngressEntity, cnp('deny', { endpointSelector: {}, ingressDeny: [{ fromEntities: ['all'] }] })] }), 'ingress', gateway, 8096, 'TCP', false, true],
    ['both systems must allow: NetworkPolicy allows, Cilium denies', set({ networkPolicies: [allowGateway], ciliumNetworkPolicies: [ciliumDefaultDeny] }), 'ingress', gateway, 8096, 'TCP', false, true],
    ['clusterwide policy isolates every namespace', set({ ciliumClusterwideNetworkPolicies: [{ metadata: { name: 'cw' }, spec: { endpointSelector: {}, ingress: [{}] } }] }), 'ingress', gateway, 8096, 'TCP', false, true],
  ])('%s', (_name, policies, direction, peer, port, protocol, allowed, isolated) => {
    const verdict = evaluatePolicies(policies, direction, pod, peer, port, protocol);
    expect({ allowed: verdict.allowed, isolated: verdict.isolated }).toEqual({ allowed, isolated });
  });

  it('names the deciding policies', () => {
    const allowedVerdict = evaluatePolicies(set({ networkPolicies: [defaultDeny, allowGateway] }), 'ingress', pod, gateway, 8096);
    expect(allowedVerdict.decidingPolicies).toEqual(['NetworkPolicy media/allow-gateway']);
    expect(allowedVerdict.selectingPolicies).toEqual(['NetworkPolicy media/default-deny', 'NetworkPolicy media/allow-gateway']);
    const denied = evaluatePolicies(set({ ciliumNetworkPolicies: [ciliumDefaultDeny] }), 'ingress', pod, world, 8096);
    expect(denied.decidingPolicies).toEqual(['CiliumNetworkPolicy media/default-deny']);
  });
});
