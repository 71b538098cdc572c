import { formatLabelSelector, poolSelectsService } from '@internal/plugin-network-common';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';

/**
 * Pools whose serviceSelector matches no LoadBalancer Service: usually a label typo, which
 * leaves the services meant for the pool pending or served from another pool.
 */
export const poolSelectorCheck: DiagnosticCheck = {
  id: 'pools.selector-matches-nothing',
  title: 'IP pool selectors match services',
  category: 'pools',
  scopes: ['cluster', 'entity'],
  description:
    "Matches each pool's spec.serviceSelector against the LoadBalancer Services (their labels plus io.kubernetes.service.namespace/name, as LB-IPAM does).",
  manualCommand: 'kubectl get ciliumloadbalancerippools -o yaml; kubectl get svc -A --field-selector spec.type=LoadBalancer --show-labels',
  remediation:
    "Fix spec.serviceSelector of the pool to the labels the Services carry, or add the label to the Services meant for it (e.g. kubectl label svc <name> <key>=<value>).",
  async run(context) {
    if (context.cache.isAbsent('CiliumLoadBalancerIPPool')) {
      return { findings: [], summary: 'Cilium LB-IPAM is not installed', skippedBecause: 'the cluster does not serve cilium.io CiliumLoadBalancerIPPool' };
    }
    const loadBalancers = context.cache.byIndex('Service', 'type', 'LoadBalancer');
    // A pool without a selector serves every Service; it cannot match nothing.
    const pools = objectsInScope(context, 'CiliumLoadBalancerIPPool').filter(pool => !pool.spec?.disabled && pool.spec?.serviceSelector);
    const version = `cilium.io/${context.cache.versionOf('CiliumLoadBalancerIPPool') ?? 'v2'}`;
    const findings = pools
      .filter(pool => !loadBalancers.some(service => poolSelectsService(pool, service)))
      .map(pool =>
        objectFinding('warn', refOf('CiliumLoadBalancerIPPool', pool, version), `serviceSelector ${formatLabelSelector(pool.spec.serviceSelector)} matches none of the ${countOf(loadBalancers.length, 'LoadBalancer Service')}`, {
          'spec.serviceSelector': formatLabelSelector(pool.spec.serviceSelector),
        }),
      );
    return {
      findings,
      summary: findings.length > 0 ? `${countOf(findings.length, 'pool selector')} match nothing` : `${countOf(pools.length, 'pool selector')} checked, all match a Service`,
    };
  },
};
