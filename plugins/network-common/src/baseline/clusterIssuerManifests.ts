import { BaselineClusterIssuer, BaselineManifest } from './networkBaseline';

/**
 * cert-manager ClusterIssuers (cert-manager.io/v1). ACME issuers solve DNS-01 through
 * Cloudflare with an API token Secret, which must live in cert-manager's own namespace.
 */
export function clusterIssuerManifests(issuers: BaselineClusterIssuer[]): BaselineManifest[] {
  return issuers.map(issuer => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'ClusterIssuer',
    metadata: { name: issuer.name },
    spec: issuerSpec(issuer),
  }));
}

function issuerSpec(issuer: BaselineClusterIssuer): Record<string, unknown> {
  if (issuer.selfSigned) return { selfSigned: {} };
  if (issuer.ca) return { ca: { secretName: issuer.ca.secretName } };
  const acme = issuer.acme!;
  return {
    acme: {
      server: acme.server,
      email: acme.email,
      privateKeySecretRef: { name: acme.privateKeySecretName ?? issuer.name },
      solvers: [
        {
          ...(acme.dnsZones ? { selector: { dnsZones: [...acme.dnsZones] } } : {}),
          dns01: {
            cloudflare: {
              apiTokenSecretRef: { name: acme.cloudflare.apiTokenSecretName, key: acme.cloudflare.apiTokenSecretKey },
            },
          },
        },
      ],
    },
  };
}
