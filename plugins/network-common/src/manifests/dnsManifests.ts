import { KubernetesManifest, ServiceSpec } from './serviceSpec';
import { serviceLabels } from './workloadManifests';

/**
 * The external-dns annotations for the route or Ingress, under the prefix the cluster's
 * external-dns reads. Through the tunnel the public name is a proxied CNAME to the
 * tunnel's hostname; otherwise the chosen target, if any. Empty unless DNS is published
 * by annotations and the service is exposed.
 */
export function externalDnsAnnotations(
  spec: ServiceSpec,
): Record<string, string> {
  if (spec.exposure === 'none' || spec.dns.kind !== 'annotations') return {};
  const prefix = spec.dns.prefix;
  const annotations: Record<string, string> = {
    [`${prefix}hostname`]: spec.hostname,
  };
  const publicTunnel =
    spec.exposure === 'internal-and-public' ? spec.tunnel : undefined;
  const target = publicTunnel?.hostname ?? spec.dns.target;
  if (target) annotations[`${prefix}target`] = target;
  if (publicTunnel) annotations[`${prefix}cloudflare-proxied`] = 'true';
  return annotations;
}

/**
 * A DNSEndpoint (externaldns.k8s.io/v1alpha1) for external-dns' crd source, or undefined
 * when DNS is not published that way. A CNAME to the tunnel for public exposure through
 * cloudflared (proxied), otherwise A/AAAA records for addresses or a CNAME for a name.
 */
export function renderDnsEndpoint(
  spec: ServiceSpec,
): KubernetesManifest | undefined {
  if (spec.exposure === 'none' || spec.dns.kind !== 'dnsendpoint')
    return undefined;
  const publicTunnel =
    spec.exposure === 'internal-and-public' ? spec.tunnel : undefined;
  const targets = publicTunnel ? [publicTunnel.hostname] : spec.dns.targets;
  const endpoint: Record<string, unknown> = {
    dnsName: spec.hostname,
    recordType: dnsRecordType(targets),
    targets,
    recordTTL: 300,
  };
  if (publicTunnel) {
    endpoint.providerSpecific = [
      { name: `${spec.dns.prefix}cloudflare-proxied`, value: 'true' },
    ];
  }
  return {
    apiVersion: 'externaldns.k8s.io/v1alpha1',
    kind: 'DNSEndpoint',
    metadata: {
      name: spec.name,
      namespace: spec.namespace,
      labels: serviceLabels(spec),
    },
    spec: { endpoints: [endpoint] },
  };
}

/** A for IPv4 addresses, AAAA for IPv6, CNAME for a name (one record type per endpoint). */
export function dnsRecordType(
  targets: readonly string[],
): 'A' | 'AAAA' | 'CNAME' {
  if (
    targets.length > 0 &&
    targets.every(target => /^\d+\.\d+\.\d+\.\d+$/.test(target))
  )
    return 'A';
  if (targets.length > 0 && targets.every(target => target.includes(':')))
    return 'AAAA';
  return 'CNAME';
}
