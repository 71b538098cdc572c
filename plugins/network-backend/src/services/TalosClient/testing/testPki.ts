import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** A PEM certificate and its key. */
export interface TestCertificate {
  certPem: string;
  keyPem: string;
}

/** Certificates for the error-path tests, from a CA the demo cluster does not know. */
export interface TestPki {
  /** Another CA: a talosconfig trusting only it must get `wrong-ca` from the demo apid. */
  otherCa: TestCertificate;
  /** A client certificate of the other CA (os:admin) that is still valid. */
  otherClient: TestCertificate;
  /** A client certificate of the other CA that expired yesterday. */
  expiredClient: TestCertificate;
}

const PKI_MODULE = path.resolve(
  resolvePackagePath('@internal/plugin-network-backend'),
  '../../packages/demo-cluster/src/pki/index.ts',
);

/**
 * Issues test certificates with the demo cluster's own PKI helpers. They are ESM TypeScript
 * that Node runs directly, so they run in a child Node process rather than inside Jest.
 */
export function generateTestPki(): TestPki {
  const script = `
    const { createCertificateAuthority, issueCertificate } = await import(${JSON.stringify(
      pathToFileURL(PKI_MODULE).href,
    )});
    const otherCa = createCertificateAuthority('other-talos-ca');
    const otherClient = issueCertificate(otherCa, { commonName: 'admin', organizations: ['os:admin'], usage: 'client' });
    const expiredClient = issueCertificate(otherCa, {
      commonName: 'admin', organizations: ['os:admin'], usage: 'client',
      notBefore: new Date(Date.now() - 3 * 86400000), validityDays: 2,
    });
    process.stdout.write(JSON.stringify({ otherCa, otherClient, expiredClient }));
  `;
  const output = execFileSync(
    process.execPath,
    ['--input-type=module', '-e', script],
    { encoding: 'utf8' },
  );
  return JSON.parse(output);
}

/** Standard base64 of a PEM, as a talosconfig holds it. */
export function base64Pem(pem: string): string {
  return Buffer.from(pem, 'utf8').toString('base64');
}
