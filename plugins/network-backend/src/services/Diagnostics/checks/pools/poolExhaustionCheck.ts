import { poolSelectsService, poolUsage, serviceLoadBalancerIps } from '@internal/plugin-network-common';
import { groupAddressesByPool } from '../../../ClusterOverviewBuilder/poolSummaries';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';

/** A pool this full (used / total) warns before it runs out. */
export const POOL_NEARLY_FULL_RATIO = 0.9;

/**
 * Pools with no free address (failing when a selected service waits for one) or nearly full.
 * Usage counts the addresses LoadBalancer services hold, as the operator's IPsUsed does.
 */
export const poolExhaustionCheck: DiagnosticCheck = {
  id: 'pools.exhaustion',
  title: 'IP pools have free addresses',
  category: 'pools',
  scopes: ['cluster', 'entity'],
  description:
    'Counts the usable addresses of every CiliumLoadBalancerIPPool against the LoadBalancer addresses services hold. A full pool leaves new services without an IP (out_of_ips).',
  manualCommand: 'kubectl get ciliumloadbalancerippools',
  remediation:
    'Add a block to the pool (spec.blocks), free an address by deleting an unused LoadBalancer Service, or label the waiting Service for another pool.',
  async run(context) {
    const { cache } = context;
    if (cache.isAbsent('CiliumLoadBalancerIPPool')) {
      return { findings: [], summary: 'Cilium LB-IPAM is not installed', skippedBecause: 'the cluster does not serve cilium.io CiliumLoadBalancerIPPool' };
    }
    const pools = objectsInScope(context, 'CiliumLoadBalancerIPPool').filter(pool => !pool.spec?.disabled);
    const loadBalancers = cache.byIndex('Service', 'type', 'LoadBalancer');
    const addressesByPool = groupAddressesByPool(
      pools,
      loadBalancers.map(service => ({ namespace: service.metadata.namespace, name: service.metadata.name, ips: serviceLoadBalancerIps(service) })),
    );
    const pending = loadBalancers.filter(service => serviceLoadBalancerIps(service).length === 0);
    const version = `cilium.io/${cache.versionOf('CiliumLoadBalancerIPPool') ?? 'v2'}`;
    const findings = pools.flatMap(pool => {
      const usage = poolUsage(pool, addressesByPool.get(pool.metadata.name) ?? []);
      const fields: Record<string, string> = {
        total: String(usage.total),
        used: String(usage.used),
        free: String(usage.free),
        allocations: usage.allocations.slice(0, 20).map(entry => `${entry.ip} ${entry.service.namespace}/${entry.service.name}`).join(', '),
      };
      const ref = refOf('CiliumLoadBalancerIPPool', pool, version);
      if (usage.free === 0) {
        const waiting = pending.filter(service => poolSelectsService(pool, service));
        if (waiting.length > 0) {
          fields.waitingServices = waiting.map(service => `${service.metadata.namespace}/${service.metadata.name}`).join(', ');
          // An entity whose own service holds an address is not failed by another one waiting.
          const waitsInScope = context.scope.kind !== 'entity' || waiting.some(service => context.inScope(refOf('Service', service, 'v1')));
          return [
            objectFinding(
              waitsInScope ? 'fail' : 'warn',
              ref,
              `out_of_ips: all ${usage.total} addresses are in use and ${countOf(waiting.length, 'service')} (${fields.waitingServices}) wait for one`,
              fields,
              waiting.map(service => refOf('Service', service, 'v1')),
            ),
          ];
        }
        return [objectFinding('warn', ref, `Pool is full: all ${usage.total} addresses are in use`, fields)];
      }
      if (usage.total > 0 && usage.used / usage.total >= POOL_NEARLY_FULL_RATIO) {
        return [objectFinding('warn', ref, `Pool is nearly full: ${usage.used} of ${usage.total} addresses in use, ${usage.free} free`, fields)];
      }
      return [];
    });
    return {
      findings,
      summary: findings.length > 0 ? `${countOf(findings.length, 'pool')} of ${pools.length} full or nearly full` : `${countOf(pools.length, 'pool')} with free addresses`,
    };
  },
};
