import { serviceLoadBalancerIps } from '@internal/plugin-network-common';
import { loadBalancerHop } from '../../../RequestPathResolver/loadBalancerHop';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectsInScope } from '../../scopedObjects';

/** Whether Cilium LB-IPAM assigns this Service's address (no class, or one of Cilium's). */
function servedByCilium(service: any): boolean {
  const loadBalancerClass: string | undefined = service.spec?.loadBalancerClass;
  return !loadBalancerClass || loadBalancerClass.startsWith('io.cilium/');
}

/**
 * LoadBalancer Services without `status.loadBalancer.ingress`, with LB-IPAM's reason from the
 * cilium.io/IPAMRequestSatisfied condition (out_of_ips, no_pool, ...) and the candidate pools.
 */
export const servicesWithoutIpCheck: DiagnosticCheck = {
  id: 'pools.services-without-ip',
  title: 'LoadBalancer services have an IP',
  category: 'pools',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Lists LoadBalancer Services that have no address in status.loadBalancer.ingress, with the reason LB-IPAM gives in the cilium.io/IPAMRequestSatisfied condition.',
  manualCommand: 'kubectl get svc -A --field-selector spec.type=LoadBalancer',
  remediation:
    'Read the reason: out_of_ips means the pool is full (add a block or free an address); no_pool means no CiliumLoadBalancerIPPool serviceSelector matches the Service labels (fix the selector or the labels).',
  async run(context) {
    const { cache } = context;
    const now = Date.now();
    const services =
      context.scope.kind === 'cluster'
        ? cache.byIndex('Service', 'type', 'LoadBalancer')
        : objectsInScope(context, 'Service').filter(service => service.spec?.type === 'LoadBalancer');
    const pending = services.filter(service => serviceLoadBalancerIps(service).length === 0);
    const notOurs = pending.filter(service => !servedByCilium(service));
    const findings = pending.map(service => {
      const hop = loadBalancerHop(cache, service, now);
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(hop.evidence.fields ?? {})) fields[key] = value === null ? 'none' : String(value);
      fields['status.loadBalancer.ingress'] = 'empty';
      if (service.spec?.loadBalancerClass) fields['spec.loadBalancerClass'] = service.spec.loadBalancerClass;
      const ref = refOf('Service', service, 'v1');
      return {
        // Another controller's class: LB-IPAM would not assign it, so its absence is not Cilium's doing.
        outcome: servedByCilium(service) ? ('fail' as const) : ('warn' as const),
        subject: `Service ${service.metadata.namespace}/${service.metadata.name}`,
        message: `${hop.reason ?? 'NoLoadBalancerAddress'}: ${hop.message}`,
        object: ref,
        evidence: { objects: hop.evidence.objects, fields },
      };
    });
    return {
      findings,
      summary:
        pending.length > 0
          ? `${pending.length} of ${countOf(services.length, 'LoadBalancer Service')} without an IP${notOurs.length ? ` (${notOurs.length} of another loadBalancerClass)` : ''}`
          : `${countOf(services.length, 'LoadBalancer Service')}, all with an IP`,
    };
  },
};
