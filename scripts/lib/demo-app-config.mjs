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
      },
    },
    // The Create service wizard may apply to the demo cluster (off by default elsewhere).
    scaffolder: { allowApply: true },
  },
};
// JSON is valid YAML, and keeps this script free of dependencies.
writeFileSync(join(stateDir, 'app-config.demo.yaml'), JSON.stringify(config, null, 2) + '\n', {
  mode: 0o600,
});
