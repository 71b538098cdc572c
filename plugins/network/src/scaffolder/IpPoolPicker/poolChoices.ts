import type { IpPoolSummary } from '@internal/plugin-network-common';
import type { FieldChoice } from '../GatewayPicker/gatewayChoices';

/** A pool's free count in words; huge IPv6 pools say "more than". */
function freeText(pool: IpPoolSummary): string {
  if (pool.totalIsCapped)
    return `more than ${pool.free.toLocaleString('en')} free`;
  return `${pool.free} of ${pool.total} free`;
}

/**
 * The CiliumLoadBalancerIPPools as picker entries with their free IP counts. A pool can be
 * picked only when it is enabled, has a free IP and no conflict (Cilium stops allocating
 * from a conflicting pool); the others are listed with the reason.
 */
export function poolChoices(
  pools: IpPoolSummary[],
): (FieldChoice & { selectable: boolean })[] {
  return pools
    .map(pool => {
      let state = freeText(pool);
      let healthy = true;
      if (pool.disabled) {
        state = 'Disabled';
        healthy = false;
      } else if (pool.conflicts.length > 0) {
        state = `Conflict: ${pool.conflicts[0]}`;
        healthy = false;
      } else if (pool.free === 0) {
        state = `Exhausted (${pool.used} of ${pool.total} used)`;
        healthy = false;
      }
      return {
        value: pool.name,
        label: pool.name,
        state,
        healthy,
        selectable: healthy,
        detail: `${pool.blocks.join(', ')}${
          pool.serviceSelector
            ? ` · for services ${pool.serviceSelector}`
            : ' · for every service'
        }`,
      };
    })
    .sort(
      (a, b) =>
        Number(b.healthy) - Number(a.healthy) || a.label.localeCompare(b.label),
    );
}

/** Why a pool cannot give a new LoadBalancer its IP, or undefined when it can. */
export function poolProblem(
  name: string,
  pools: IpPoolSummary[],
  cluster: string,
): string | undefined {
  const choice = poolChoices(pools).find(candidate => candidate.value === name);
  if (!choice) return `IP pool ${name} does not exist in cluster ${cluster}`;
  if (!choice.selectable)
    return `IP pool ${name} cannot allocate: ${choice.state}`;
  return undefined;
}
