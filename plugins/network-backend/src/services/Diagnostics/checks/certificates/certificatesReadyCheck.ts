import { conditionOf, refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';
import { certificateFields, noCertManager } from './certificateFields';

/** Certificates whose Ready condition is not True: their Secret is missing, stale or expired. */
export const certificatesReadyCheck: DiagnosticCheck = {
  id: 'certificates.ready',
  title: 'Certificates are Ready',
  category: 'certificates',
  scopes: ['cluster', 'namespace', 'entity'],
  description: "Reads the Ready condition of every cert-manager Certificate, with cert-manager's reason (DoesNotExist, MissingData, Expired, ...).",
  manualCommand: 'kubectl get certificates -A; kubectl describe certificate <name> -n <namespace>',
  remediation:
    'Follow the chain: kubectl describe certificate, then its CertificateRequest, Order and Challenge (cmctl status certificate <name> -n <namespace>). Check spec.issuerRef names a Ready issuer and, for DNS-01, that the Cloudflare API token Secret exists.',
  async run(context) {
    if (context.cache.isAbsent('Certificate')) return noCertManager();
    const certificates = objectsInScope(context, 'Certificate');
    const findings = certificates.flatMap(certificate => {
      const ready = conditionOf(certificate.status?.conditions, 'Ready');
      if (ready?.status === 'True') return [];
      const ref = refOf('Certificate', certificate, 'cert-manager.io/v1');
      const fields = certificateFields(certificate);
      if (!ready) return [objectFinding('warn', ref, 'NotReady: cert-manager has not set a Ready condition yet', fields)];
      return [objectFinding(ready.status === 'False' ? 'fail' : 'warn', ref, `${ready.reason ?? 'NotReady'}: ${ready.message ?? `Ready is ${ready.status}`}`, fields)];
    });
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(certificates.length, 'certificate')} not Ready` : `${countOf(certificates.length, 'certificate')}, all Ready`,
    };
  },
};
