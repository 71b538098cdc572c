import { PolicyObject } from '@internal/plugin-network-common';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { policiesOf } from '../../../RequestPathResolver/policyHops';

/**
 * The policies that can select a pod of a namespace: that namespace's NetworkPolicies and
 * CiliumNetworkPolicies plus every clusterwide policy. Grouping once keeps each evaluation to
 * the few policies that matter instead of every policy of the cluster.
 */
export class PoliciesByNamespace {
  private readonly namespaced = new Map<string, PolicyObject[]>();
  private readonly clusterwide: PolicyObject[] = [];

  constructor(cache: ClusterCache) {
    for (const policy of policiesOf(cache)) {
      if (policy.kind === 'CiliumClusterwideNetworkPolicy') {
        this.clusterwide.push(policy);
        continue;
      }
      const namespace = policy.metadata.namespace ?? 'default';
      const list = this.namespaced.get(namespace) ?? [];
      list.push(policy);
      this.namespaced.set(namespace, list);
    }
  }

  /** The policies that may apply to pods of `namespace`. */
  for(namespace: string): PolicyObject[] {
    return [...(this.namespaced.get(namespace) ?? []), ...this.clusterwide];
  }

  /** Whether the cluster serves no policy kind at all. */
  static noPolicyApi(cache: ClusterCache): boolean {
    return cache.isAbsent('NetworkPolicy') && cache.isAbsent('CiliumNetworkPolicy');
  }
}
