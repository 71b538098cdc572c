import { CertificateSummary, Condition } from '../types';
import { certificateDaysLeft } from './certificateCoverage';

/** A cert-manager `cert-manager.io/v1` Certificate, the fields the summary reads. */
export interface CertificateObject {
  metadata: { namespace?: string; name: string };
  spec?: {
    dnsNames?: string[];
    secretName?: string;
    issuerRef?: { name: string; kind?: string; group?: string };
  };
  status?: {
    conditions?: Condition[];
    notAfter?: string;
    renewalTime?: string;
  };
}

/**
 * Summarises a Certificate for the overview: Ready from its `Ready` condition
 * (absent means not ready yet), expiry and renewal times, and whole days left.
 * The issuer reads `Kind/name`; cert-manager's default kind is Issuer.
 */
export function certificateSummary(
  certificate: CertificateObject,
  now: Date,
): CertificateSummary {
  const ready = certificate.status?.conditions?.find(
    condition => condition.type === 'Ready',
  );
  const issuerRef = certificate.spec?.issuerRef;
  const summary: CertificateSummary = {
    namespace: certificate.metadata.namespace ?? 'default',
    name: certificate.metadata.name,
    dnsNames: certificate.spec?.dnsNames ?? [],
    secretName: certificate.spec?.secretName ?? '',
    issuer: issuerRef ? `${issuerRef.kind ?? 'Issuer'}/${issuerRef.name}` : '',
    ready: ready?.status === 'True',
  };
  if (ready?.reason) summary.readyReason = ready.reason;
  if (ready?.message) summary.readyMessage = ready.message;
  if (certificate.status?.notAfter)
    summary.notAfter = certificate.status.notAfter;
  if (certificate.status?.renewalTime)
    summary.renewalTime = certificate.status.renewalTime;
  const daysLeft = certificateDaysLeft(certificate.status?.notAfter, now);
  if (daysLeft !== undefined) summary.daysLeft = daysLeft;
  return summary;
}
