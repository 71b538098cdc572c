import { CiliumSummary } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { podReady } from '../RequestPathResolver/backendHops';

/** Cilium from its pods, DaemonSet, operator Deployment and cilium-config (deep status is the diagnostics' job). */
export function ciliumSummary(cache: ClusterCache): CiliumSummary {
  const daemonSet = cache.get('DaemonSet', 'kube-system', 'cilium');
  const operator = cache.get('Deployment', 'kube-system', 'cilium-operator');
  const config = cache.get('ConfigMap', 'kube-system', 'cilium-config');
  const agents = cache
    .byIndex('Pod', 'label', 'k8s-app=cilium')
    .filter(pod => pod.metadata.namespace === 'kube-system')
    .map(pod => ({
      node: pod.spec?.nodeName ?? '',
      pod: pod.metadata.name,
      ready: podReady(pod),
      restarts: (pod.status?.containerStatuses ?? []).reduce((sum: number, status: any) => sum + (status.restartCount ?? 0), 0),
      phase: pod.status?.phase ?? 'Unknown',
    }))
    .sort((a, b) => a.node.localeCompare(b.node));
  const image: string | undefined = daemonSet?.spec?.template?.spec?.containers?.[0]?.image;
  return {
    installed: Boolean(daemonSet) || agents.length > 0,
    agents,
    daemonSet: daemonSet
      ? {
          desired: daemonSet.status?.desiredNumberScheduled ?? 0,
          ready: daemonSet.status?.numberReady ?? 0,
          available: daemonSet.status?.numberAvailable ?? 0,
        }
      : undefined,
    operator: operator ? { desired: operator.spec?.replicas ?? 1, ready: operator.status?.readyReplicas ?? 0 } : undefined,
    kubeProxyReplacement: config?.data?.['kube-proxy-replacement'],
    version: image?.match(/:v?([0-9][^@]*)/)?.[1],
  };
}
