import { createPrivateKey, X509Certificate } from 'node:crypto';
import { TalosClientError } from './TalosClientError';
import { TalosCredentials } from './resolveTalosCredentials';

/**
 * Checks, from the certificates themselves, what would otherwise surface as an opaque TLS
 * failure: an expired (or not yet valid) client certificate or CA, and a key that does not
 * belong to the certificate. Run before every call, since certificates expire while we run.
 */
export function checkClientCertificate(
  credentials: TalosCredentials,
  now: Date = new Date(),
): void {
  const certificate = new X509Certificate(credentials.certPem);
  const authority = new X509Certificate(credentials.caPem);
  const { origin } = credentials;

  const validity = (cert: X509Certificate, field: string, what: string) => {
    const notAfter = new Date(cert.validTo);
    const notBefore = new Date(cert.validFrom);
    if (notAfter.getTime() < now.getTime()) {
      throw new TalosClientError(
        'certificate-expired',
        `the ${what} in ${field} (${cert.subject.replace(
          /\n/g,
          ', ',
        )}) expired on ${notAfter.toISOString()}; ` +
          'generate a new talosconfig (talosctl config new) and update it',
        { field },
      );
    }
    if (notBefore.getTime() > now.getTime()) {
      throw new TalosClientError(
        'bad-config',
        `the ${what} in ${field} is not valid before ${notBefore.toISOString()} (check the clock)`,
        {
          field,
        },
      );
    }
  };
  validity(certificate, origin.crt, 'client certificate');
  validity(authority, origin.ca, 'Talos CA certificate');

  if (!certificate.checkPrivateKey(createPrivateKey(credentials.keyPem))) {
    throw new TalosClientError(
      'bad-config',
      `${origin.key} is not the private key of the client certificate in ${origin.crt}`,
      {
        field: origin.key,
      },
    );
  }
}

/** The roles (Organization entries, e.g. `os:reader`) the client certificate carries. */
export function clientCertificateRoles(certPem: string): string[] {
  const subject = new X509Certificate(certPem).subject;
  return subject
    .split('\n')
    .filter(line => line.startsWith('O='))
    .map(line => line.slice(2));
}
