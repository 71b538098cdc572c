import { BaselineIpPool, BaselineManifest } from './networkBaseline';

/**
 * CiliumLoadBalancerIPPools. Only `blocks` is rendered: v2 has no `cidrs` and v2alpha1
 * deprecates it, so both versions read the same spec.
 */
export function ipPoolManifests(pools: BaselineIpPool[]): BaselineManifest[] {
  return pools.map(pool => ({
    apiVersion: pool.apiVersion,
    kind: 'CiliumLoadBalancerIPPool',
    metadata: { name: pool.name },
    spec: {
      blocks: pool.blocks.map(block => ({ ...block })),
      ...(pool.allowFirstLastIPs ? { allowFirstLastIPs: pool.allowFirstLastIPs } : {}),
      ...(pool.serviceSelector ? { serviceSelector: pool.serviceSelector } : {}),
      ...(pool.disabled !== undefined ? { disabled: pool.disabled } : {}),
    },
  }));
}
