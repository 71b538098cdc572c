import { certificateDaysLeft } from '@internal/plugin-network-common';
import { conditionOf, refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';
import { certificateFields, noCertManager } from './certificateFields';

/**
 * Certificates past status.notAfter (fail) or within the warning window (warn). cert-manager
 * renews at two thirds of the lifetime by default, so a certificate this close to expiry means
 * renewal is failing; the Issuing condition says why.
 */
export const certificatesExpiryCheck: DiagnosticCheck = {
  id: 'certificates.expiry',
  title: 'Certificates are not expiring',
  category: 'certificates',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Compares status.notAfter of every Certificate with now: expired fails, expiring within the configured window warns, with the Issuing condition and failed issuance attempts as evidence.',
  manualCommand: 'kubectl get certificates -A -o custom-columns=NAME:.metadata.name,NOTAFTER:.status.notAfter,RENEWAL:.status.renewalTime',
  remediation:
    'Renewal is failing: kubectl describe certificaterequest -n <namespace> and the issuer (ACME order and challenge for DNS-01). Fix the cause, then cmctl renew <name> -n <namespace> to retry at once.',
  async run(context) {
    if (context.cache.isAbsent('Certificate')) return noCertManager();
    const now = new Date();
    const warnDays = context.settings.certificateExpiryWarningDays;
    const certificates = objectsInScope(context, 'Certificate');
    const findings = certificates.flatMap(certificate => {
      const daysLeft = certificateDaysLeft(certificate.status?.notAfter, now);
      if (daysLeft === undefined || daysLeft > warnDays) return [];
      const ref = refOf('Certificate', certificate, 'cert-manager.io/v1');
      const fields = { ...certificateFields(certificate), daysLeft: String(daysLeft), warningDays: String(warnDays) };
      const issuing = conditionOf(certificate.status?.conditions, 'Issuing');
      const attempts = Number(certificate.status?.failedIssuanceAttempts ?? 0);
      const renewal =
        issuing?.status === 'True'
          ? `; ${issuing.reason ?? 'Issuing'}${attempts > 0 ? `, ${countOf(attempts, 'failed attempt')}` : ''}${issuing.message ? `: ${issuing.message}` : ''}`
          : '';
      if (Date.parse(certificate.status.notAfter) <= now.getTime()) {
        return [objectFinding('fail', ref, `Expired: notAfter ${certificate.status.notAfter} has passed${renewal}`, fields)];
      }
      return [objectFinding('warn', ref, `Expiring: ${countOf(daysLeft, 'day')} left (notAfter ${certificate.status.notAfter})${renewal}`, fields)];
    });
    return {
      findings,
      evidence: { fields: { warningDays: String(warnDays) } },
      summary: findings.length > 0 ? `${findings.length} of ${countOf(certificates.length, 'certificate')} expired or expiring within ${warnDays} days` : `${countOf(certificates.length, 'certificate')}, none expiring within ${warnDays} days`,
    };
  },
};
