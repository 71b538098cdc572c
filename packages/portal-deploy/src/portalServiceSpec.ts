import { CidrEgressTarget, ServiceSpec } from '@internal/plugin-network-common';
import { PORTAL_PORT, PortalDeploySettings } from './portalDeploySettings';

/** The Kubernetes API server's port on the control-plane nodes (Talos). */
export const KUBERNETES_API_PORT = 6443;
/** Talos apid's port on every node. */
export const TALOS_APID_PORT = 50000;

/**
 * The portal's egress beyond DNS: the API server (watches, exec into Cilium agents,
 * bootstrap apply), Talos apid on every node (diagnostics, etcd bootstrap), the DNS servers
 * the request path asks, PostgreSQL when it runs outside the cluster, and the Git provider's HTTPS.
 */
export function portalCidrEgress(
  settings: PortalDeploySettings,
): CidrEgressTarget[] {
  const targets: CidrEgressTarget[] = [
    {
      purpose: 'kubernetes-api',
      cidrs: settings.nodeCidrs,
      ports: [KUBERNETES_API_PORT],
      ciliumEntities: ['kube-apiserver'],
    },
    {
      purpose: 'talos-apid',
      cidrs: settings.nodeCidrs,
      ports: [TALOS_APID_PORT],
      // Node addresses carry Cilium's host / remote-node identities, not a CIDR identity.
      ciliumEntities: ['host', 'remote-node'],
    },
  ];
  if (settings.dnsServerCidrs.length > 0) {
    targets.push({
      purpose: 'dns-probes',
      cidrs: settings.dnsServerCidrs,
      ports: [53],
      protocols: ['UDP', 'TCP'],
    });
  }
  if (settings.postgres.kind === 'cidrs') {
    targets.push({
      purpose: 'postgresql',
      cidrs: settings.postgres.cidrs,
      ports: [settings.postgres.port],
    });
  }
  targets.push({
    purpose: 'git-https',
    cidrs: settings.gitProviderCidrs,
    ports: [443],
  });
  return targets;
}

/** The portal as the network-common renderers see a service: internal exposure through one gateway. */
export function portalServiceSpec(settings: PortalDeploySettings): ServiceSpec {
  return {
    name: settings.name,
    namespace: settings.namespace,
    owner: 'group:default/platform-team',
    description: 'Pathway, the platform portal',
    image: settings.image,
    port: PORTAL_PORT,
    replicas: 2,
    exposure: 'internal',
    routing: { kind: 'gateway', internal: settings.gateway },
    hostname: settings.hostname,
    tls: settings.tls,
    policy: {
      flavour: settings.policyFlavour,
      proxy: settings.proxy,
      extraEgress:
        settings.postgres.kind === 'in-cluster'
          ? [settings.postgres.target]
          : [],
      cidrEgress: portalCidrEgress(settings),
    },
    dns: settings.dns,
  };
}
