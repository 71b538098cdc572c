import {
  isDnsEgressAllowed,
  isEgressAllowed,
  isIngressAllowed,
  PodEndpoint,
  PolicyObject,
  renderPolicies,
  TrafficPeer,
} from '@internal/plugin-network-common';
import {
  DEFAULT_PORTAL_DEPLOY_SETTINGS,
  PortalDeploySettings,
} from './portalDeploySettings';
import { portalServiceSpec } from './portalServiceSpec';

const portalPod: PodEndpoint = {
  namespace: 'pathway',
  podLabels: {
    'app.kubernetes.io/name': 'pathway',
    'app.kubernetes.io/instance': 'pathway',
    'app.kubernetes.io/managed-by': 'pathway',
    'backstage.io/kubernetes-id': 'pathway',
  },
  namedPorts: [{ name: 'http', port: 7007, protocol: 'TCP' }],
};
const envoyGatewayPod: PodEndpoint = {
  namespace: 'network',
  podLabels: { 'app.kubernetes.io/name': 'envoy' },
};
const strangerPod: PodEndpoint = {
  namespace: 'apps',
  podLabels: { app: 'curious' },
};
const postgresPod: PodEndpoint = {
  namespace: 'database',
  podLabels: {
    'cnpg.io/cluster': 'postgres',
    'cnpg.io/instanceRole': 'primary',
  },
};

const cilium: PortalDeploySettings = DEFAULT_PORTAL_DEPLOY_SETTINGS;
// The other flavour: Kubernetes NetworkPolicy with a gateway running as pods (Envoy Gateway).
const networkPolicy: PortalDeploySettings = {
  ...DEFAULT_PORTAL_DEPLOY_SETTINGS,
  policyFlavour: 'networkpolicy',
  proxy: {
    kind: 'pods',
    namespace: 'network',
    podLabels: { 'app.kubernetes.io/name': 'envoy' },
  },
};

const policiesOf = (settings: PortalDeploySettings) =>
  renderPolicies(portalServiceSpec(settings)) as unknown as PolicyObject[];

describe('the portal policies, by our own evaluation', () => {
  it.each([
    ['ciliumnetworkpolicy', cilium, { entity: 'ingress' }],
    ['networkpolicy', networkPolicy, envoyGatewayPod],
  ] as [string, PortalDeploySettings, TrafficPeer][])(
    '%s: the gateway reaches the portal on 7007 and nothing else does',
    (_flavour, settings, gateway) => {
      const policies = policiesOf(settings);
      const fromGateway = isIngressAllowed(
        { from: gateway, to: portalPod, port: 7007 },
        policies,
      );
      expect(fromGateway.allowed).toBe(true);
      expect(fromGateway.verdict).toBe('allowed');
      expect(
        isIngressAllowed({ from: gateway, to: portalPod, port: 9464 }, policies)
          .allowed,
      ).toBe(false);
      expect(
        isIngressAllowed(
          { from: strangerPod, to: portalPod, port: 7007 },
          policies,
        ).verdict,
      ).toBe('not-admitted');
    },
  );

  it.each([
    ['ciliumnetworkpolicy', cilium],
    ['networkpolicy', networkPolicy],
  ] as [string, PortalDeploySettings][])(
    '%s: DNS to kube-dns over UDP and TCP',
    (_flavour, settings) => {
      const dns = isDnsEgressAllowed(portalPod, policiesOf(settings));
      expect(dns.udp.allowed).toBe(true);
      expect(dns.tcp.allowed).toBe(true);
    },
  );

  // The peers each flavour sees: Cilium names the API server and nodes by identity.
  const apiServer = {
    networkpolicy: { ip: '192.0.2.10' },
    ciliumnetworkpolicy: { entity: 'kube-apiserver' },
  };
  const node = {
    networkpolicy: { ip: '192.0.2.21' },
    ciliumnetworkpolicy: { entity: 'remote-node' },
  };
  it.each([
    ['ciliumnetworkpolicy', cilium],
    ['networkpolicy', networkPolicy],
  ] as const)(
    '%s: egress to the API server, Talos apid, PostgreSQL, DNS servers and Git HTTPS only',
    (flavour, settings) => {
      const policies = policiesOf(settings);
      const egress = (to: TrafficPeer, port: number, protocol = 'TCP') =>
        isEgressAllowed({ from: portalPod, to, port, protocol }, policies)
          .allowed;
      expect(egress(apiServer[flavour], 6443)).toBe(true);
      expect(egress(node[flavour], 50000)).toBe(true);
      expect(egress(postgresPod, 5432)).toBe(true);
      expect(egress({ ip: '192.0.2.53' }, 53, 'UDP')).toBe(true);
      expect(egress({ ip: '1.1.1.1' }, 53, 'TCP')).toBe(true);
      expect(egress({ ip: '140.82.112.3' }, 443)).toBe(true);
      // Not allowed: SSH to nodes, kubelet, other pods, plain HTTP out.
      expect(egress(node[flavour], 22)).toBe(false);
      expect(egress(node[flavour], 10250)).toBe(false);
      expect(egress(strangerPod, 8080)).toBe(false);
      expect(egress({ ip: '140.82.112.3' }, 80)).toBe(false);
      expect(egress({ ip: '203.0.113.9' }, 53, 'UDP')).toBe(false);
    },
  );

  it('PostgreSQL outside the cluster becomes a CIDR rule instead of a pod rule', () => {
    const policies = policiesOf({
      ...networkPolicy,
      postgres: { kind: 'cidrs', cidrs: ['198.51.100.7/32'], port: 5432 },
    });
    const egress = (to: TrafficPeer) =>
      isEgressAllowed({ from: portalPod, to, port: 5432 }, policies).allowed;
    expect(egress({ ip: '198.51.100.7' })).toBe(true);
    expect(egress(postgresPod)).toBe(false);
  });
});
