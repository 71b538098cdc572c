import { externalDnsHostnames, ObjectRef, readExternalDnsAnnotation, serviceLoadBalancerIps } from '@internal/plugin-network-common';
import { gatewayParentsOf, gatewayService } from '../../../RequestPathResolver/gatewayHops';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { CheckContext } from '../../DiagnosticCheck';
import { objectsInScope } from '../../scopedObjects';

/** A hostname the cluster serves, what it should resolve to, and whether it is public. */
export interface DnsTarget {
  hostname: string;
  /** The route, ingress or Service that asks for the name. */
  source: ObjectRef;
  /** Who answers for it in the cluster: `gateway network/envoy-internal`, `ingress class internal`, ... */
  via: string;
  /** The gateway's (or ingress controller's, or Service's) addresses; empty when it has none yet. */
  expected: string[];
  /** Whether the external resolvers should know the name: served by an `external` gateway or ingress class, or Cloudflare-annotated. */
  public: boolean;
  /**
   * external-dns publishes a target other than the address (a tunnel CNAME, a Cloudflare proxy):
   * the public answer cannot be compared with the gateway address, only its existence checked.
   */
  publicTargetDiffers: boolean;
}

/** The seeds name their public gateway and ingress class `envoy-external` / `external`. */
const EXTERNAL_HINT = /external|public/i;

/**
 * Whether external-dns publishes a name to Cloudflare (the public resolvers). Other external-dns
 * annotations do not say which instance reads them: the seeds run one for the router and one for
 * Cloudflare, filtered by gateway (`--gateway-name`) or ingress class.
 */
function cloudflareAnnotated(annotations: Record<string, string> | undefined): boolean {
  return readExternalDnsAnnotation(annotations, 'cloudflare-proxied') !== undefined;
}

function targetDiffers(...annotationSets: (Record<string, string> | undefined)[]): boolean {
  return annotationSets.some(
    annotations =>
      readExternalDnsAnnotation(annotations, 'target') !== undefined ||
      readExternalDnsAnnotation(annotations, 'cloudflare-proxied')?.value.trim().toLowerCase() === 'true',
  );
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

/** The hostnames of the routes in scope, one target per (hostname, parent gateway). Wildcards are not resolvable and are left out. */
function routeTargets(context: CheckContext): DnsTarget[] {
  const { cache } = context;
  return ['HTTPRoute', 'GRPCRoute'].flatMap(kind =>
    objectsInScope(context, kind).flatMap(route =>
      gatewayParentsOf(route).flatMap(parent => {
        const gateway = cache.get('Gateway', parent.namespace, parent.name);
        if (!gateway) return [];
        const service = gatewayService(cache, gateway);
        const expected = unique([
          ...(gateway.status?.addresses ?? []).map((address: any) => address.value),
          ...(service ? serviceLoadBalancerIps(service) : []),
        ]);
        const annotations = route.metadata.annotations;
        const gatewayAnnotations = gateway.metadata.annotations;
        const isPublic = EXTERNAL_HINT.test(gateway.metadata.name) || cloudflareAnnotated(annotations) || cloudflareAnnotated(gatewayAnnotations);
        return (route.spec?.hostnames ?? [])
          .filter((hostname: string) => !hostname.startsWith('*'))
          .map((hostname: string) => ({
            hostname: hostname.toLowerCase(),
            source: refOf(kind, route, 'gateway.networking.k8s.io/v1'),
            via: `gateway ${parent.namespace}/${parent.name}`,
            expected,
            public: isPublic,
            publicTargetDiffers: targetDiffers(annotations, gatewayAnnotations),
          }));
      }),
    ),
  );
}

function ingressTargets(context: CheckContext): DnsTarget[] {
  return objectsInScope(context, 'Ingress').flatMap(ingress => {
    const className: string = ingress.spec?.ingressClassName ?? ingress.metadata.annotations?.['kubernetes.io/ingress.class'] ?? '';
    const annotations = ingress.metadata.annotations;
    return (ingress.spec?.rules ?? [])
      .map((rule: any) => rule.host)
      .filter((host: string | undefined) => host && !host.startsWith('*'))
      .map((host: string) => ({
        hostname: host.toLowerCase(),
        source: refOf('Ingress', ingress, 'networking.k8s.io/v1'),
        via: `ingress class ${className || '(default)'}`,
        expected: serviceLoadBalancerIps(ingress),
        public: EXTERNAL_HINT.test(className) || cloudflareAnnotated(annotations),
        publicTargetDiffers: targetDiffers(annotations),
      }));
  });
}

/** LoadBalancer Services that name their own hostname (external-dns, or coredns.io/hostname for k8s_gateway). */
function serviceTargets(context: CheckContext): DnsTarget[] {
  const services =
    context.scope.kind === 'cluster'
      ? context.cache.byIndex('Service', 'type', 'LoadBalancer')
      : objectsInScope(context, 'Service').filter(service => service.spec?.type === 'LoadBalancer');
  return services.flatMap(service => {
    const annotations = service.metadata.annotations;
    const annotated = externalDnsHostnames(annotations);
    const coredns = (annotations?.['coredns.io/hostname'] ?? '').split(',').map((name: string) => name.trim().toLowerCase()).filter(Boolean);
    return unique([...annotated, ...coredns]).map(hostname => ({
      hostname,
      source: refOf('Service', service, 'v1'),
      via: `Service ${service.metadata.namespace}/${service.metadata.name}`,
      expected: serviceLoadBalancerIps(service),
      public: annotated.includes(hostname) && cloudflareAnnotated(annotations),
      publicTargetDiffers: targetDiffers(annotations),
    }));
  });
}

/** Every hostname the run's scope serves through a gateway, an ingress or a LoadBalancer Service. */
export function dnsTargets(context: CheckContext): DnsTarget[] {
  const seen = new Set<string>();
  return [...routeTargets(context), ...ingressTargets(context), ...serviceTargets(context)].filter(target => {
    const key = `${target.hostname}|${target.via}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
