import { CheckFinding } from '@internal/plugin-network-common';
import { conditionOf, refOf } from '../../../RequestPathResolver/objectRefs';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding, objectsInScope } from '../../scopedObjects';
import { noCertManager } from './certificateFields';

/** An issuer the run looks at, and who asked for it. */
interface IssuerToCheck {
  kind: 'Issuer' | 'ClusterIssuer';
  namespace?: string;
  name: string;
  /** Certificates in scope that name it. */
  usedBy: string[];
}

/**
 * The issuers a run covers: every issuer for a cluster run; for a namespace or entity, the
 * issuers its Certificates name (plus the namespace's own Issuers), since issuers are shared.
 */
function issuersToCheck(context: CheckContext): IssuerToCheck[] {
  const { cache } = context;
  const byKey = new Map<string, IssuerToCheck>();
  const add = (kind: IssuerToCheck['kind'], namespace: string | undefined, name: string, usedBy?: string) => {
    const key = `${kind}/${namespace ?? ''}/${name}`;
    const entry = byKey.get(key) ?? { kind, namespace, name, usedBy: [] };
    if (usedBy) entry.usedBy.push(usedBy);
    byKey.set(key, entry);
  };
  if (context.scope.kind === 'cluster') {
    for (const issuer of cache.list('ClusterIssuer')) add('ClusterIssuer', undefined, issuer.metadata.name);
    for (const issuer of cache.list('Issuer')) add('Issuer', issuer.metadata.namespace, issuer.metadata.name);
  } else if (context.scope.kind === 'namespace') {
    for (const issuer of cache.list('Issuer', context.scope.namespace)) add('Issuer', issuer.metadata.namespace, issuer.metadata.name);
  }
  for (const certificate of objectsInScope(context, 'Certificate')) {
    const issuerRef = certificate.spec?.issuerRef;
    // Issuers of other groups (external issuers) have their own status shapes; only cert-manager's are read.
    if (!issuerRef?.name || (issuerRef.group && issuerRef.group !== 'cert-manager.io')) continue;
    const kind = issuerRef.kind === 'ClusterIssuer' ? 'ClusterIssuer' : 'Issuer';
    add(kind, kind === 'Issuer' ? certificate.metadata.namespace : undefined, issuerRef.name, `${certificate.metadata.namespace}/${certificate.metadata.name}`);
  }
  return [...byKey.values()];
}

/** Issuers and ClusterIssuers that are not Ready (ACME account not registered, missing Secret) or do not exist. */
export const issuersReadyCheck: DiagnosticCheck = {
  id: 'certificates.issuers-ready',
  title: 'Certificate issuers are Ready',
  category: 'certificates',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Reads the Ready condition of every Issuer and ClusterIssuer (for a namespace or entity: those its Certificates name) and fails issuers a Certificate names that do not exist.",
  manualCommand: 'kubectl get clusterissuers,issuers -A; kubectl describe clusterissuer <name>',
  remediation:
    "Read the issuer's reason: for ACME, ErrRegisterACMEAccount means the account could not register (check spec.acme.server and email); for DNS-01 with Cloudflare, the apiTokenSecretRef Secret must exist in cert-manager's namespace (ClusterIssuer) or the issuer's namespace. A missing issuer: create it or fix the Certificate's spec.issuerRef.",
  async run(context) {
    const { cache } = context;
    if (cache.isAbsent('Certificate') && cache.isAbsent('ClusterIssuer')) return noCertManager();
    const issuers = issuersToCheck(context);
    const findings: CheckFinding[] = [];
    for (const entry of issuers) {
      const issuer = cache.get(entry.kind, entry.namespace, entry.name);
      const ref = issuer
        ? refOf(entry.kind, issuer, 'cert-manager.io/v1')
        : { apiVersion: 'cert-manager.io/v1', kind: entry.kind, namespace: entry.namespace, name: entry.name };
      const fields: Record<string, string> = {};
      if (entry.usedBy.length > 0) fields.usedBy = entry.usedBy.slice(0, 20).join(', ');
      if (!issuer) {
        findings.push(objectFinding('fail', ref, `IssuerNotFound: ${entry.kind} ${entry.namespace ? `${entry.namespace}/` : ''}${entry.name} does not exist`, fields));
        continue;
      }
      const ready = conditionOf(issuer.status?.conditions, 'Ready');
      fields['status.conditions[Ready]'] = conditionText(ready);
      if (issuer.spec?.acme?.server) fields['spec.acme.server'] = issuer.spec.acme.server;
      if (ready?.status === 'True') continue;
      findings.push(
        objectFinding(ready?.status === 'False' ? 'fail' : 'warn', ref, `${ready?.reason ?? 'NotReady'}: ${ready?.message ?? (ready ? `Ready is ${ready.status}` : 'no Ready condition yet')}`, fields),
      );
    }
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(issuers.length, 'issuer')} not Ready or missing` : `${countOf(issuers.length, 'issuer')}, all Ready`,
    };
  },
};
