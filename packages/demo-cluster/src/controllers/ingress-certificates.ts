/**
 * cert-manager's ingress-shim: an Ingress annotated with `cert-manager.io/cluster-issuer` or
 * `cert-manager.io/issuer` gets one Certificate per `spec.tls` entry, named after its Secret,
 * with the entry's hosts as dnsNames.
 */
import type { KubeObject } from '../store/types.ts';
import type { SkippedListener } from './gateway-certificates.ts';
import { listOf, recordOf, stringsOf } from './object-fields.ts';

/** The desired Certificates of `ingress`, plus tls entries that were skipped. */
export function certificatesForIngress(ingress: KubeObject): { certificates: KubeObject[]; skipped: SkippedListener[] } {
  const annotations = ingress.metadata.annotations ?? {};
  const clusterIssuer = annotations['cert-manager.io/cluster-issuer'];
  const issuer = annotations['cert-manager.io/issuer'];
  if (!clusterIssuer && !issuer) return { certificates: [], skipped: [] };
  const issuerRef = clusterIssuer
    ? { name: clusterIssuer, kind: 'ClusterIssuer', group: 'cert-manager.io' }
    : { name: issuer!, kind: annotations['cert-manager.io/issuer-kind'] ?? 'Issuer', group: annotations['cert-manager.io/issuer-group'] ?? 'cert-manager.io' };
  const tls = listOf<{ hosts?: unknown; secretName?: unknown }>(recordOf<{ tls: unknown }>(ingress.spec).tls);
  const certificates: KubeObject[] = [];
  const skipped: SkippedListener[] = [];
  tls.forEach((entry, index) => {
    if (typeof entry.secretName !== 'string' || !entry.secretName) {
      skipped.push({ listener: `tls[${index}]`, message: `TLS entry ${index} is invalid: secret name must be specified` });
      return;
    }
    certificates.push({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: {
        name: entry.secretName as string,
        namespace: ingress.metadata.namespace ?? 'default',
        ownerReferences: [
          { apiVersion: ingress.apiVersion, kind: 'Ingress', name: ingress.metadata.name, uid: ingress.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: { secretName: entry.secretName, issuerRef, dnsNames: stringsOf(entry.hosts), usages: ['digital signature', 'key encipherment'] },
    });
  });
  return { certificates, skipped };
}
