import {
  allowsFirstLastIps,
  ipRangeContains,
  parseIp,
  parsePoolRanges,
  ServiceAddresses,
  findPoolConflicts,
  formatLabelSelector,
  IpPoolSummary,
  matchesLabelSelector,
  poolUsage,
  serviceLoadBalancerIps,
} from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { toConditions } from './toCondition';

function blockText(block: any): string {
  if (block.cidr) return block.cidr;
  return block.stop ? `${block.start}-${block.stop}` : block.start;
}

/**
 * The services holding addresses of each pool. Parsing every service address once here keeps the
 * pools view linear (200 pools x 2,000 LoadBalancer services took a second when each pool parsed
 * every address itself).
 */
export function groupAddressesByPool(pools: any[], services: ServiceAddresses[]): Map<string, ServiceAddresses[]> {
  const parsedPools = pools.map(pool => ({ name: pool.metadata.name as string, ranges: parsePoolRanges(pool.spec).ranges }));
  const byPool = new Map<string, ServiceAddresses[]>();
  for (const service of services) {
    const poolNames = new Set<string>();
    for (const text of service.ips) {
      const ip = parseIp(text);
      if (!ip) continue;
      for (const pool of parsedPools) {
        if (pool.ranges.some(range => ipRangeContains(range, ip))) poolNames.add(pool.name);
      }
    }
    for (const name of poolNames) {
      const list = byPool.get(name) ?? [];
      list.push(service);
      byPool.set(name, list);
    }
  }
  return byPool;
}

/** Every CiliumLoadBalancerIPPool: capacity, usage, who holds each address, conflicts and dead selectors. */
export function poolSummaries(cache: ClusterCache): IpPoolSummary[] {
  const pools = cache.list('CiliumLoadBalancerIPPool');
  const loadBalancers = cache.byIndex('Service', 'type', 'LoadBalancer');
  const addressesByPool = groupAddressesByPool(
    pools,
    loadBalancers.map(service => ({ namespace: service.metadata.namespace, name: service.metadata.name, ips: serviceLoadBalancerIps(service) })),
  );
  const conflicts = findPoolConflicts(
    pools.map(pool => ({ name: pool.metadata.name, creationTimestamp: pool.metadata.creationTimestamp, spec: pool.spec })),
  );
  const version = cache.versionOf('CiliumLoadBalancerIPPool') ?? 'v2';
  return pools.map(pool => {
    const usage = poolUsage(pool, addressesByPool.get(pool.metadata.name) ?? []);
    const selector = pool.spec?.serviceSelector;
    const conflict = conflicts.get(pool.metadata.name);
    return {
      name: pool.metadata.name,
      apiVersion: `cilium.io/${version}`,
      disabled: Boolean(pool.spec?.disabled),
      blocks: [...(pool.spec?.blocks ?? []), ...(pool.spec?.cidrs ?? [])].map(blockText),
      allowFirstLastIPs: allowsFirstLastIps(pool.spec) ? 'Yes' : 'No',
      total: usage.total,
      used: usage.used,
      free: usage.free,
      totalIsCapped: usage.totalIsCapped,
      conflicts: conflict ? [conflict] : [],
      conditions: toConditions(pool.status?.conditions),
      allocations: usage.allocations,
      serviceSelector: formatLabelSelector(selector),
      selectorMatchesNothing: !loadBalancers.some(service =>
        matchesLabelSelector(selector, service.metadata.labels, 'matches-everything'),
      ),
    };
  });
}
