// Writes <state-dir>/app-config.demo.yaml: the demo cluster as a `config` cluster of the
// Kubernetes plugin (which our network plugin reads too), from the files the demo cluster wrote.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const stateDir = process.argv[2];
const endpoints = JSON.parse(readFileSync(join(stateDir, 'endpoints.json'), 'utf8'));
const kubeconfig = readFileSync(join(stateDir, 'kubeconfig'), 'utf8');

const field = name => {
  const match = kubeconfig.match(new RegExp(`${name}:\\s*"?([^"\\n]+)"?`));
  if (!match) throw new Error(`${name} missing from ${join(stateDir, 'kubeconfig')}`);
  return match[1].trim();
};

const config = {
  kubernetes: {
    clusterLocatorMethods: [
      {
        type: 'config',
        clusters: [
          {
            name: 'demo',
            title: 'Demo cluster (simulated Talos + Cilium)',
            url: endpoints.kubernetesApiUrl,
            authProvider: 'serviceAccount',
            serviceAccountToken: field('token'),
            caData: field('certificate-authority-data'),
          },
        ],
      },
    ],
  },
  // What only the network plugin needs: the demo's k8s_gateway-like DNS server answers internal
  // names. The demo has no public resolver, so `dns.external` stays empty and request paths list
  // `dns-external` as missing instead of probing a server that would answer the same thing.
  network: {
    clusters: {
      demo: {
        dns: {
          internal: { host: endpoints.dns.host, port: endpoints.dns.port },
          external: [],
        },
        talos: { talosconfigPath: join(stateDir, 'talosconfig') },
        baseline: demoBaseline(),
      },
    },
    // The Create service wizard may apply to the demo cluster (off by default elsewhere).
    scaffolder: { allowApply: true },
    // The demo's controllers converge in seconds, and its seeded broken cases never do.
    bootstrap: { verifySettleSeconds: 15 },
  },
};
/**
 * The network baseline the portal's bootstrap applies to the demo cluster: it renders the same
 * pools, L2 policy, GatewayClass, gateways, ClusterIssuers and default-deny policies the seeded
 * demo has (packages/demo-cluster/src/topology/network-baseline.ts and demo-apps.ts), so a
 * bootstrap of `--state empty` arrives at the seeded baseline. legacy-pool is rendered with
 * `blocks`: the seeded copy keeps the deprecated `cidrs` on purpose, which the baseline never writes.
 */
function demoBaseline() {
  const poolLabel = 'demo.lab/ip-pool';
  const gateway = (name, role, address, tlsSecretName) => ({
    name,
    namespace: 'network',
    address,
    pool: 'main-pool',
    clusterIssuer: 'letsencrypt-production',
    annotations: { 'external-dns.alpha.kubernetes.io/target': `${role}.demo.lab` },
    infrastructureAnnotations: { 'external-dns.alpha.kubernetes.io/hostname': `${role}.demo.lab` },
    listeners: [
      { name: 'http', protocol: 'HTTP', port: 80, hostname: '*.demo.lab', allowedRoutesFrom: 'Same' },
      {
        name: 'https',
        protocol: 'HTTPS',
        port: 443,
        hostname: '*.demo.lab',
        allowedRoutesFrom: 'All',
        tls: { mode: 'Terminate', certificateRefs: [{ name: tlsSecretName }] },
      },
    ],
  });
  const acmeIssuer = (name, server) => ({
    name,
    acme: {
      server,
      email: 'admin@demo.lab',
      privateKeySecretName: name,
      dnsZones: ['demo.lab'],
      cloudflare: { apiTokenSecretName: 'cloudflare-api-token', apiTokenSecretKey: 'api-token' },
    },
  });
  return {
    ipPools: [
      {
        name: 'main-pool',
        apiVersion: 'cilium.io/v2alpha1',
        blocks: [{ cidr: '127.0.2.0/27' }],
        allowFirstLastIPs: 'No',
        serviceSelector: { matchExpressions: [{ key: poolLabel, operator: 'DoesNotExist' }] },
      },
      {
        name: 'legacy-pool',
        apiVersion: 'cilium.io/v2alpha1',
        blocks: [{ cidr: '127.0.3.0/29' }],
        serviceSelector: { matchLabels: { [poolLabel]: 'legacy' } },
      },
      {
        name: 'home-iot-pool',
        apiVersion: 'cilium.io/v2',
        blocks: [{ start: '127.0.4.1' }],
        serviceSelector: { matchLabels: { [poolLabel]: 'home-iot' } },
      },
    ],
    l2AnnouncementPolicies: [
      {
        name: 'l2-policy',
        interfaces: ['^eth[0-9]+', '^enp.*'],
        nodeSelector: { matchLabels: { 'kubernetes.io/os': 'linux' } },
        loadBalancerIPs: true,
        externalIPs: false,
      },
    ],
    gatewayClass: {
      name: 'cilium',
      controllerName: 'io.cilium/gateway-controller',
      description: 'The default Cilium GatewayClass',
    },
    gateways: [
      gateway('envoy-internal', 'internal', '127.0.2.11', 'demo-lab-internal-tls'),
      gateway('envoy-external', 'external', '127.0.2.12', 'demo-lab-external-tls'),
    ],
    clusterIssuers: [
      acmeIssuer('letsencrypt-production', 'https://acme-v02.api.letsencrypt.org/directory'),
      acmeIssuer('letsencrypt-staging', 'https://acme-staging-v02.api.letsencrypt.org/directory'),
    ],
    defaultDenyPolicies: [
      { namespace: 'media', kind: 'NetworkPolicy', allowDnsEgress: true },
      { namespace: 'home', kind: 'CiliumNetworkPolicy', allowDnsEgress: true },
      { namespace: 'monitoring', kind: 'NetworkPolicy', allowDnsEgress: true },
    ],
  };
}

// JSON is valid YAML, and keeps this script free of dependencies.
writeFileSync(join(stateDir, 'app-config.demo.yaml'), JSON.stringify(config, null, 2) + '\n', {
  mode: 0o600,
});
