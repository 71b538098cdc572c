import { execFileSync } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { pathToFileURL } from 'node:url';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** A TLS server on loopback whose certificate comes from a CA nobody trusts. */
export interface OtherCaTlsServer {
  /** `127.0.0.1:<port>`, as a talosconfig endpoint. */
  endpoint: string;
  /** Connections that reached it (the client did try it). */
  connections(): number;
  close(): Promise<void>;
}

const PKI_MODULE = path.resolve(resolvePackagePath('@internal/plugin-network-backend'), '../../packages/demo-cluster/src/pki/index.ts');

/**
 * Starts a TLS server (ALPN h2, like apid) presenting a server certificate for 127.0.0.1 from
 * a freshly made CA: what a client sees when an address belongs to another cluster. The
 * demo's PKI helpers are ESM TypeScript that Node runs directly, so they run in a child process.
 */
export async function startOtherCaTlsServer(): Promise<OtherCaTlsServer> {
  const script = `
    const { createCertificateAuthority, issueCertificate } = await import(${JSON.stringify(pathToFileURL(PKI_MODULE).href)});
    const ca = createCertificateAuthority('another-cluster-talos-ca');
    const server = issueCertificate(ca, { commonName: '127.0.0.1', ipAddresses: ['127.0.0.1'], usage: 'server' });
    process.stdout.write(JSON.stringify(server));
  `;
  const certificate: { certPem: string; keyPem: string } = JSON.parse(
    execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' }),
  );
  let connections = 0;
  const server = tls.createServer({ cert: certificate.certPem, key: certificate.keyPem, ALPNProtocols: ['h2'] }, socket => socket.destroy());
  server.on('connection', () => (connections += 1));
  // Handshakes the client aborts are expected here.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    endpoint: `127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise(resolve => server.close(() => resolve())),
  };
}
