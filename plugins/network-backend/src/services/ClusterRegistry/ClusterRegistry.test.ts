import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { ClusterRegistry } from './ClusterRegistry';

describe('ClusterRegistry', () => {
  it("reads the Kubernetes plugin's config clusters and adds our network block per cluster", () => {
    const registry = ClusterRegistry.fromConfig(
      new ConfigReader({
        kubernetes: {
          clusterLocatorMethods: [
            { type: 'catalog' },
            {
              type: 'config',
              clusters: [
                { name: 'home', title: 'Home', url: 'https://192.168.1.49:6443', authProvider: 'serviceAccount', serviceAccountToken: 't0k3n', caData: 'Q0E=' },
                { name: 'lab', url: 'https://10.0.0.1:6443', skipTLSVerify: true },
              ],
            },
          ],
        },
        network: {
          clusters: {
            home: {
              dns: { internal: { host: '192.168.1.53' }, external: [{ host: '1.1.1.1' }, { host: '9.9.9.9', port: 5353 }] },
              talos: { talosconfigPath: '/etc/talos/config' },
            },
          },
        },
      }),
    );
    expect(registry.list().map(cluster => cluster.name)).toEqual(['home', 'lab']);
    expect(registry.get('home')).toEqual({
      name: 'home',
      title: 'Home',
      url: 'https://192.168.1.49:6443',
      token: 't0k3n',
      caData: 'Q0E=',
      skipTLSVerify: false,
      source: 'kubernetes-config',
      dns: { internal: { host: '192.168.1.53', port: 53 }, external: [{ host: '1.1.1.1', port: 53 }, { host: '9.9.9.9', port: 5353 }] },
      talos: { talosconfigPath: '/etc/talos/config' },
    });
    expect(registry.get('lab')).toMatchObject({ skipTLSVerify: true, token: undefined, dns: { internal: undefined, external: [] }, talos: undefined });
    expect(registry.get('nope')).toBeUndefined();
  });

  it('reads every context of a kubeconfig as a cluster, and keeps the first of two definitions', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'registry-'));
    const kubeconfigPath = path.join(dir, 'kubeconfig');
    fs.writeFileSync(path.join(dir, 'token'), 'from-file\n');
    fs.writeFileSync(
      kubeconfigPath,
      [
        'apiVersion: v1',
        'clusters:',
        '  - name: a',
        '    cluster: { server: "https://127.0.0.1:6443", certificate-authority-data: Q0E= }',
        '  - name: b',
        '    cluster: { server: "https://127.0.0.2:6443", insecure-skip-tls-verify: true }',
        'users:',
        '  - name: ua',
        '    user: { token: abc }',
        `  - name: ub`,
        `    user: { tokenFile: ${JSON.stringify(path.join(dir, 'token'))} }`,
        'contexts:',
        '  - name: ctx-a',
        '    context: { cluster: a, user: ua }',
        '  - name: home',
        '    context: { cluster: b, user: ub }',
        'current-context: ctx-a',
      ].join('\n'),
    );
    const registry = ClusterRegistry.fromConfig(
      new ConfigReader({
        kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'home', url: 'https://192.168.1.49:6443' }] }] },
        network: { kubeconfigPath },
      }),
    );
    expect(registry.list().map(cluster => `${cluster.name}:${cluster.source}`)).toEqual(['home:kubernetes-config', 'ctx-a:kubeconfig']);
    expect(registry.get('ctx-a')).toMatchObject({ url: 'https://127.0.0.1:6443', token: 'abc', caData: 'Q0E=', skipTLSVerify: false });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has no clusters when nothing is configured', () => {
    expect(ClusterRegistry.fromConfig(new ConfigReader({})).list()).toEqual([]);
  });
});
