/**
 * The system services a Talos node runs, for topologies that do not list them: every node
 * runs apid, containerd, cri, kubelet, machined and udevd; control-plane nodes add etcd and
 * trustd. All are Running and healthy, as on a settled cluster.
 */
import type { TalosServiceSpec } from './types.ts';

function running(id: string, healthUnknown = false): TalosServiceSpec {
  return { id, state: 'Running', healthy: !healthUnknown, healthUnknown, lastMessage: healthUnknown ? '' : 'Health check successful' };
}

/** The default service set of a node with the given role, sorted by id like `talosctl services`. */
export function defaultTalosServices(role: 'controlplane' | 'worker'): TalosServiceSpec[] {
  const ids = role === 'controlplane'
    ? ['apid', 'containerd', 'cri', 'etcd', 'kubelet', 'machined', 'trustd', 'udevd']
    : ['apid', 'containerd', 'cri', 'kubelet', 'machined', 'udevd'];
  return ids.map((id) => running(id));
}
