/**
 * A tiny PKI for the demo cluster: a self-signed CA per trust domain (Kubernetes API, Talos apid)
 * and leaf certificates issued from it. Keys come from Node's native RSA generator because
 * node-forge's pure-JS key generation takes seconds; node-forge builds and signs the X.509 parts.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

/** A certificate authority: its self-signed certificate and private key, both PEM. */
export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

/** A certificate issued by a CA and its private key, both PEM. */
export interface IssuedCertificate {
  certPem: string;
  keyPem: string;
}

/** What to put into an issued certificate. */
export interface CertificateRequestOptions {
  commonName: string;
  /** Subject O= entries; Kubernetes and Talos read roles/groups from them (e.g. `os:admin`). */
  organizations?: string[];
  dnsNames?: string[];
  ipAddresses?: string[];
  usage: 'server' | 'client';
  /** Default 365. */
  validityDays?: number;
  /** Default: one hour ago, so small clock differences do not make it "not yet valid". */
  notBefore?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

function generateRsaKey(): { publicKey: forge.pki.rsa.PublicKey; privateKey: forge.pki.rsa.PrivateKey; keyPem: string } {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const forgeKey = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const publicKey = forge.pki.setRsaPublicKey(forgeKey.n, forgeKey.e);
  return { publicKey, privateKey: forgeKey, keyPem: privateKey };
}

/** A positive serial number; the high bit is cleared so DER does not read it as negative. */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = bytes[0]! & 0x7f;
  return bytes.toString('hex');
}

/** Creates a self-signed CA certificate (RSA 2048, SHA-256, valid ten years). */
export function createCertificateAuthority(commonName: string): CertificateAuthority {
  const key = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = randomSerial();
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now + 3650 * DAY_MS);
  const subject = [{ name: 'commonName', value: commonName }];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(key.privateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.keyPem };
}

/** Issues a server or client certificate signed by `ca` (RSA 2048, SHA-256) with the given SANs. */
export function issueCertificate(ca: CertificateAuthority, options: CertificateRequestOptions): IssuedCertificate {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const caKey = forge.pki.privateKeyFromPem(ca.keyPem);
  const key = generateRsaKey();
  const cert = forge.pki.createCertificate();
  cert.publicKey = key.publicKey;
  cert.serialNumber = randomSerial();
  const notBefore = options.notBefore ?? new Date(Date.now() - 60 * 60 * 1000);
  cert.validity.notBefore = notBefore;
  cert.validity.notAfter = new Date(notBefore.getTime() + (options.validityDays ?? 365) * DAY_MS);

  const subject: forge.pki.CertificateField[] = [];
  for (const organization of options.organizations ?? []) {
    subject.push({ name: 'organizationName', value: organization });
  }
  subject.push({ name: 'commonName', value: options.commonName });
  cert.setSubject(subject);
  cert.setIssuer(caCert.subject.attributes);

  // SAN type 2 is dNSName, type 7 is iPAddress (RFC 5280).
  const altNames: Array<{ type: number; value?: string; ip?: string }> = [];
  for (const dnsName of options.dnsNames ?? []) altNames.push({ type: 2, value: dnsName });
  for (const ip of options.ipAddresses ?? []) {
    if (isIP(ip) === 0) throw new Error(`not an IP address: ${ip}`);
    altNames.push({ type: 7, ip });
  }
  const extensions: unknown[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    {
      name: 'keyUsage',
      digitalSignature: true,
      keyEncipherment: true,
      critical: true,
    },
    options.usage === 'server' ? { name: 'extKeyUsage', serverAuth: true } : { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ];
  if (altNames.length > 0) extensions.push({ name: 'subjectAltName', altNames });
  cert.setExtensions(extensions as forge.pki.CertificateField[]);
  cert.sign(caKey as forge.pki.rsa.PrivateKey, forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: key.keyPem };
}
