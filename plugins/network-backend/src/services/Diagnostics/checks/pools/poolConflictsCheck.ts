import { findPoolConflicts } from '@internal/plugin-network-common';
import { conditionOf, refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding, objectsInScope } from '../../scopedObjects';

const POOL_CONFLICT = 'cilium.io/PoolConflict';

/**
 * Pools whose blocks overlap an older pool's. LB-IPAM stops handing out addresses from a
 * conflicting pool, so its services stay pending; the newer pool of a pair is the one in conflict.
 */
export const poolConflictsCheck: DiagnosticCheck = {
  id: 'pools.conflicts',
  title: 'IP pools do not overlap',
  category: 'pools',
  scopes: ['cluster', 'entity'],
  description:
    'Compares the blocks of every CiliumLoadBalancerIPPool (blocks and the deprecated cidrs) and reads the cilium.io/PoolConflict condition. A conflicting pool hands out no addresses.',
  manualCommand: 'kubectl get ciliumloadbalancerippools',
  remediation:
    'Change spec.blocks of the newer pool so its ranges no longer overlap the other pool (kubectl edit ciliumloadbalancerippool <name>), or delete the duplicate pool.',
  async run(context) {
    if (context.cache.isAbsent('CiliumLoadBalancerIPPool')) {
      return { findings: [], summary: 'Cilium LB-IPAM is not installed', skippedBecause: 'the cluster does not serve cilium.io CiliumLoadBalancerIPPool' };
    }
    // Conflicts are decided among all pools, then reported for the pools in scope.
    const all = context.cache.list('CiliumLoadBalancerIPPool');
    const computed = findPoolConflicts(
      all.map(pool => ({ name: pool.metadata.name, creationTimestamp: pool.metadata.creationTimestamp, spec: pool.spec })),
    );
    const inScope = objectsInScope(context, 'CiliumLoadBalancerIPPool');
    const findings = inScope.flatMap(pool => {
      const condition = conditionOf(pool.status?.conditions, POOL_CONFLICT);
      const reported = condition?.status === 'True' ? condition.message || condition.reason || 'conflict' : undefined;
      const message = computed.get(pool.metadata.name) ?? reported;
      if (!message) return [];
      const blocks = [...(pool.spec?.blocks ?? []), ...(pool.spec?.cidrs ?? [])]
        .map((block: any) => block.cidr ?? (block.stop ? `${block.start}-${block.stop}` : block.start))
        .join(', ');
      return [
        objectFinding('fail', refOf('CiliumLoadBalancerIPPool', pool, `cilium.io/${context.cache.versionOf('CiliumLoadBalancerIPPool') ?? 'v2'}`), message, {
          'spec.blocks': blocks,
          [`status.conditions[${POOL_CONFLICT}]`]: conditionText(condition),
          'metadata.creationTimestamp': pool.metadata.creationTimestamp ?? 'unknown',
        }),
      ];
    });
    return {
      findings,
      summary: findings.length > 0 ? `${countOf(findings.length, 'pool')} of ${inScope.length} in conflict` : `${countOf(inScope.length, 'pool')}, no overlapping blocks`,
    };
  },
};
