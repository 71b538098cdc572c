/**
 * Test fixture: a memory store and an API server on 127.0.0.1 with a free port, plus a
 * kubeconfig for kubectl and @kubernetes/client-node. Certificates are made once per process.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from '../src/pki/index.ts';
import type { CertificateAuthority, IssuedCertificate } from '../src/pki/index.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { MemoryStore } from '../src/store/memory-store.ts';
import { startKubeApiServer } from '../src/kube-api/server.ts';
import type { KubeApiServer, KubeApiServerOptions } from '../src/kube-api/server.ts';
import { renderKubeconfig } from '../src/kubeconfig.ts';

let pki: { ca: CertificateAuthority; serving: IssuedCertificate } | undefined;

function testPki(): { ca: CertificateAuthority; serving: IssuedCertificate } {
  pki ??= (() => {
    const ca = createCertificateAuthority('demo-cluster-test-ca');
    const serving = issueCertificate(ca, { commonName: 'kube-apiserver', dnsNames: ['localhost'], ipAddresses: ['127.0.0.1'], usage: 'server' });
    return { ca, serving };
  })();
  return pki;
}

/** A running test API server. */
export interface KubeApiFixture {
  store: MemoryStore;
  server: KubeApiServer;
  token: string;
  caPem: string;
  kubeconfigPath: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts a store (with `default` and `kube-system` namespaces) and an API server. */
export async function startKubeApiFixture(options: Partial<KubeApiServerOptions> = {}): Promise<KubeApiFixture> {
  const { ca, serving } = testPki();
  const store = options.store ?? createMemoryStore();
  for (const name of ['default', 'kube-system']) {
    if (!store.get({ group: '', plural: 'namespaces' }, undefined, name)) {
      store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, status: { phase: 'Active' } });
    }
  }
  const token = 'test-token-0123456789';
  const server = await startKubeApiServer({ token, tls: serving, host: '127.0.0.1', port: 0, ...options, store });
  const dir = mkdtempSync(join(tmpdir(), 'demo-kube-api-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, renderKubeconfig({ server: server.url, caPem: ca.certPem, token }));
  return {
    store,
    server,
    token,
    caPem: ca.certPem,
    kubeconfigPath,
    dir,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
