/**
 * The services a node reports right now: the topology's list (or the defaults for its role),
 * with etcd held in its pre-bootstrap state while the cluster is not bootstrapped, the way
 * a fresh control-plane node waits in "Running pre state" until `talosctl bootstrap`.
 */
import { defaultTalosServices } from './default-services.ts';
import type { TalosClusterState, TalosNodeSpec, TalosServiceSpec } from './types.ts';

/** The etcd service of a control-plane node whose cluster has not been bootstrapped. */
export const ETCD_WAITING_FOR_BOOTSTRAP: TalosServiceSpec = {
  id: 'etcd',
  state: 'Preparing',
  healthy: false,
  healthUnknown: true,
  lastMessage: 'Running pre state',
};

/** The node's services as ServiceList and the health check see them. */
export function effectiveServices(node: TalosNodeSpec, state: TalosClusterState): TalosServiceSpec[] {
  const services = node.services.length > 0 ? node.services : defaultTalosServices(node.role);
  if (state.etcdBootstrapped || node.role !== 'controlplane') return services;
  return services.map((service) => (service.id === 'etcd' ? ETCD_WAITING_FOR_BOOTSTRAP : service));
}
