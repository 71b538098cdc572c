import { CheckReport } from '../../DiagnosticCheck';
import { conditionOf } from '../../../RequestPathResolver/objectRefs';
import { conditionText } from '../../scopedObjects';

/** The status fields of a Certificate that decide readiness and renewal, as evidence. */
export function certificateFields(certificate: any): Record<string, string> {
  const status = certificate.status ?? {};
  const issuer = certificate.spec?.issuerRef;
  const fields: Record<string, string> = {
    'spec.dnsNames': (certificate.spec?.dnsNames ?? []).join(', ') || 'none',
    'spec.secretName': certificate.spec?.secretName ?? 'none',
    'spec.issuerRef': issuer ? `${issuer.kind ?? 'Issuer'}/${issuer.name}` : 'none',
    'status.conditions[Ready]': conditionText(conditionOf(status.conditions, 'Ready')),
    'status.conditions[Issuing]': conditionText(conditionOf(status.conditions, 'Issuing')),
    'status.notAfter': status.notAfter ?? 'none',
  };
  if (status.renewalTime) fields['status.renewalTime'] = status.renewalTime;
  if (status.failedIssuanceAttempts) fields['status.failedIssuanceAttempts'] = String(status.failedIssuanceAttempts);
  if (status.lastFailureTime) fields['status.lastFailureTime'] = status.lastFailureTime;
  return fields;
}

/** The skip report of a certificate check on a cluster without cert-manager. */
export function noCertManager(): CheckReport {
  return { findings: [], summary: 'cert-manager is not installed', skippedBecause: 'the cluster does not serve cert-manager.io Certificate' };
}
