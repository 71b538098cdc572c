import { ObjectRef } from '@internal/plugin-network-common';
import { CheckContext } from '../../DiagnosticCheck';

/** A frontend Kubernetes expects an agent to program: a LoadBalancer IP and a service port. */
export interface ExpectedFrontend {
  ip: string;
  port: number;
  /** Upper case, `TCP` when the port does not say. */
  protocol: string;
}

/** A LoadBalancer Service that has addresses, with the frontends they imply. */
export interface LoadBalancerService {
  ref: ObjectRef;
  service: any;
  ips: string[];
  frontends: ExpectedFrontend[];
}

/**
 * The LoadBalancer Services in the run's scope that Cilium serves and that have an address
 * (services still waiting for one are the pool checks' business).
 */
export function loadBalancerServicesInScope(context: CheckContext): LoadBalancerService[] {
  return context.cache
    .byIndex('Service', 'type', 'LoadBalancer')
    .filter(service => {
      // Another implementation's class (e.g. MetalLB's) is not Cilium's to program.
      const loadBalancerClass: string | undefined = service.spec?.loadBalancerClass;
      return !loadBalancerClass || loadBalancerClass.startsWith('io.cilium/');
    })
    .map(service => {
      const ref: ObjectRef = { apiVersion: 'v1', kind: 'Service', namespace: service.metadata.namespace, name: service.metadata.name };
      const ips: string[] = (service.status?.loadBalancer?.ingress ?? [])
        .map((entry: any) => entry?.ip)
        .filter((ip: unknown): ip is string => typeof ip === 'string' && ip.length > 0);
      const frontends = ips.flatMap(ip =>
        (service.spec?.ports ?? []).map((port: any) => ({ ip, port: Number(port.port), protocol: String(port.protocol ?? 'TCP').toUpperCase() })),
      );
      return { ref, service, ips, frontends };
    })
    .filter(entry => entry.ips.length > 0 && context.inScope(entry.ref))
    .sort((a, b) => `${a.ref.namespace}/${a.ref.name}`.localeCompare(`${b.ref.namespace}/${b.ref.name}`));
}

/** `ip:port/PROTO`, IPv6 bracketed, as the agents print frontends. */
export function formatFrontend(frontend: ExpectedFrontend): string {
  const host = frontend.ip.includes(':') ? `[${frontend.ip}]` : frontend.ip;
  return `${host}:${frontend.port}/${frontend.protocol}`;
}
