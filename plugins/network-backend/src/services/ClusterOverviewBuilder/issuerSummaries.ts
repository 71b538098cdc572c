import { IssuerSummary } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { conditionOf } from '../RequestPathResolver/objectRefs';

/** The spec keys cert-manager reads to pick an issuer's type. */
const ISSUER_TYPES = ['acme', 'ca', 'selfSigned', 'vault', 'venafi'];

/** ClusterIssuers first, then namespaced Issuers, each with its Ready condition. */
export function issuerSummaries(cache: ClusterCache): IssuerSummary[] {
  const summarise = (kind: IssuerSummary['kind'], issuer: any): IssuerSummary => {
    const ready = conditionOf(issuer.status?.conditions, 'Ready');
    return {
      kind,
      namespace: kind === 'Issuer' ? issuer.metadata.namespace : undefined,
      name: issuer.metadata.name,
      type: ISSUER_TYPES.find(type => issuer.spec?.[type] !== undefined) ?? 'unknown',
      ready: ready?.status === 'True',
      readyReason: ready?.reason,
      readyMessage: ready?.message,
    };
  };
  return [
    ...cache.list('ClusterIssuer').map(issuer => summarise('ClusterIssuer', issuer)),
    ...cache.list('Issuer').map(issuer => summarise('Issuer', issuer)),
  ];
}
