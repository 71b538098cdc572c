/**
 * A real PKCS#10 certificate signing request for a CertificateRequest's `spec.request`, as
 * cert-manager builds it from the Certificate (common name and DNS SANs), so clients that
 * decode the request see a well-formed CSR.
 */
import { generateKeyPairSync } from 'node:crypto';
import forge from 'node-forge';

/** PEM of a CSR for `dnsNames` (RSA 2048, SHA-256). */
export function certificateSigningRequestPem(commonName: string, dnsNames: readonly string[]): string {
  // Native key generation; node-forge's pure-JS generator takes seconds.
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  const csr = forge.pki.createCertificationRequest();
  csr.publicKey = forge.pki.setRsaPublicKey(key.n, key.e);
  csr.setSubject([{ name: 'commonName', value: commonName }]);
  if (dnsNames.length > 0) {
    // SAN type 2 is dNSName (RFC 5280).
    csr.setAttributes([{ name: 'extensionRequest', extensions: [{ name: 'subjectAltName', altNames: dnsNames.map((value) => ({ type: 2, value })) }] }]);
  }
  csr.sign(key, forge.md.sha256.create());
  return forge.pki.certificationRequestToPem(csr);
}
