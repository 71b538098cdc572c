import { PoolAllocation } from '../types';
import { formatIp, parseIp } from './ipAddress';
import { ipRangeContains } from './ipRange';
import {
  allowsFirstLastIps,
  countAsNumber,
  IpPoolSpec,
  isReservedAddress,
  parsePoolRanges,
  poolCapacity,
} from './ipPool';

/** A service and the LoadBalancer addresses it holds (`status.loadBalancer.ingress[].ip`). */
export interface ServiceAddresses {
  namespace: string;
  name: string;
  ips: string[];
}

/** How full a pool is and who holds its addresses. */
export interface PoolUsage {
  total: number;
  used: number;
  free: number;
  /** True when `total` (and so `free`) was capped at Number.MAX_SAFE_INTEGER. */
  totalIsCapped: boolean;
  /** One entry per service per address, sorted by address then service. */
  allocations: PoolAllocation[];
  /** Addresses held that the pool reserves (first/last); they do not count as used. */
  reservedInUse: string[];
}

/**
 * Computes a pool's usage from the services' assigned addresses. An address shared
 * by several services (sharing keys) counts once but lists every holder.
 */
export function poolUsage(
  pool: { spec?: IpPoolSpec },
  services: ServiceAddresses[],
): PoolUsage {
  const { ranges } = parsePoolRanges(pool.spec);
  const allowFirstLast = allowsFirstLastIps(pool.spec);
  const usedAddresses = new Set<string>();
  const reservedInUse = new Set<string>();
  const allocations: (PoolAllocation & { sortKey: bigint; family: number })[] =
    [];
  for (const service of services) {
    for (const text of new Set(service.ips)) {
      const ip = parseIp(text);
      if (!ip) continue;
      const range = ranges.find(candidate => ipRangeContains(candidate, ip));
      if (!range) continue;
      const canonical = formatIp(ip);
      if (isReservedAddress(range, ip, allowFirstLast)) {
        reservedInUse.add(canonical);
      } else {
        usedAddresses.add(canonical);
      }
      allocations.push({
        ip: canonical,
        service: { namespace: service.namespace, name: service.name },
        sortKey: ip.value,
        family: ip.family,
      });
    }
  }
  allocations.sort(
    (a, b) =>
      a.family - b.family ||
      compareBigInt(a.sortKey, b.sortKey) ||
      a.service.namespace.localeCompare(b.service.namespace) ||
      a.service.name.localeCompare(b.service.name),
  );
  const capacity = poolCapacity(pool.spec);
  const used = BigInt(usedAddresses.size);
  const total = countAsNumber(capacity);
  const free = countAsNumber(capacity > used ? capacity - used : 0n);
  return {
    total: total.value,
    used: usedAddresses.size,
    free: free.value,
    totalIsCapped: total.capped,
    allocations: allocations.map(({ ip, service }) => ({ ip, service })),
    reservedInUse: [...reservedInUse],
  };
}

/** The LoadBalancer addresses a Kubernetes Service object holds, from its status. */
export function serviceLoadBalancerIps(service: {
  status?: { loadBalancer?: { ingress?: { ip?: string }[] } };
}): string[] {
  const ingress = service.status?.loadBalancer?.ingress;
  if (!Array.isArray(ingress)) return [];
  return ingress
    .map(entry => entry?.ip)
    .filter((ip): ip is string => typeof ip === 'string' && ip !== '');
}

function compareBigInt(a: bigint, b: bigint): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
