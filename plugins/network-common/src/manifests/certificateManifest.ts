import { tlsSecretName } from './routeManifests';
import { KubernetesManifest, ServiceSpec } from './serviceSpec';
import { serviceLabels } from './workloadManifests';

/**
 * A cert-manager Certificate for the hostname, only for Gateway API routing with an
 * issuer: a gateway's wildcard already covers the name, and for an Ingress cert-manager's
 * ingress-shim creates the Certificate from the annotation.
 */
export function renderCertificate(
  spec: ServiceSpec,
): KubernetesManifest | undefined {
  if (
    spec.exposure === 'none' ||
    spec.routing.kind !== 'gateway' ||
    spec.tls.kind !== 'issuer'
  )
    return undefined;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name: tlsSecretName(spec),
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: {
      secretName: tlsSecretName(spec),
      issuerRef: {
        group: 'cert-manager.io',
        kind: spec.tls.issuerKind,
        name: spec.tls.issuer,
      },
      dnsNames: [spec.hostname],
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
    },
  };
}
