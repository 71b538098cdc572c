import { GATEWAY_API_GROUP } from '../gateway';
import { externalDnsAnnotations } from './dnsManifests';
import {
  GatewayListenerRef,
  KubernetesManifest,
  ServiceSpec,
} from './serviceSpec';
import { SERVICE_PORT_NAME, serviceLabels } from './workloadManifests';

/** The listeners the route attaches to: the internal one, and the public one when exposed publicly. */
export function routeParents(spec: ServiceSpec): GatewayListenerRef[] {
  if (spec.routing.kind !== 'gateway' || spec.exposure === 'none') return [];
  const parents = [spec.routing.internal];
  if (spec.exposure === 'internal-and-public' && spec.routing.public)
    parents.push(spec.routing.public);
  return parents;
}

/**
 * The HTTPRoute: one parentRef per listener (gateway + sectionName), the hostname, and all
 * paths to the Service. external-dns reads hostname, target and cloudflare-proxied from
 * the route (not the Gateway), so the DNS annotations go here.
 */
export function renderHttpRoute(
  spec: ServiceSpec,
): KubernetesManifest | undefined {
  const parents = routeParents(spec);
  if (parents.length === 0) return undefined;
  const annotations = externalDnsAnnotations(spec);
  return {
    apiVersion: `${GATEWAY_API_GROUP}/v1`,
    kind: 'HTTPRoute',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      parentRefs: parents.map(parent => ({
        group: GATEWAY_API_GROUP,
        kind: 'Gateway',
        name: parent.name,
        namespace: parent.namespace,
        sectionName: parent.listener,
      })),
      hostnames: [spec.hostname],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [
            { group: '', kind: 'Service', name: spec.name, port: spec.port },
          ],
        },
      ],
    },
  };
}

/** The Secret an Ingress or an app Certificate stores the TLS key pair in. */
export function tlsSecretName(spec: Pick<ServiceSpec, 'name'>): string {
  return `${spec.name}-tls`;
}

/**
 * The Ingress (ingress-nginx class `internal`, `external` or `tailscale`). With an issuer,
 * cert-manager's ingress-shim issues the certificate from the annotation; with the
 * controller's wildcard, TLS names the host without a Secret so the default certificate serves.
 */
export function renderIngress(
  spec: ServiceSpec,
): KubernetesManifest | undefined {
  if (spec.routing.kind !== 'ingress' || spec.exposure === 'none')
    return undefined;
  const annotations: Record<string, string> = {
    ...externalDnsAnnotations(spec),
  };
  if (spec.tls.kind === 'issuer') {
    annotations[
      spec.tls.issuerKind === 'ClusterIssuer'
        ? 'cert-manager.io/cluster-issuer'
        : 'cert-manager.io/issuer'
    ] = spec.tls.issuer;
  }
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
    },
    spec: {
      ingressClassName: spec.routing.className,
      tls: [
        spec.tls.kind === 'issuer'
          ? { hosts: [spec.hostname], secretName: tlsSecretName(spec) }
          : { hosts: [spec.hostname] },
      ],
      rules: [
        {
          host: spec.hostname,
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: {
                  service: {
                    name: spec.name,
                    port: { name: SERVICE_PORT_NAME },
                  },
                },
              },
            ],
          },
        },
      ],
    },
  };
}
