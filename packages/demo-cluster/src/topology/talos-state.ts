/**
 * The Talos side of the topology: what apid reports for each machine (version, services and
 * their health) and whether etcd has been bootstrapped.
 */
import type { TalosClusterState, TalosNodeSpec, TalosServiceSpec } from '../talos/types.ts';
import { DEMO_TALOS_VERSION, type DemoNode } from './demo-constants.ts';

function running(id: string, healthUnknown = false): TalosServiceSpec {
  return { id, state: 'Running', healthy: !healthUnknown, healthUnknown, lastMessage: healthUnknown ? '' : 'Health check successful' };
}

/**
 * The services Talos runs on a machine of `role`. etcd is stored as running: while the cluster
 * is not bootstrapped, `effectiveServices` shows it in its pre-bootstrap state, so Bootstrap
 * only has to flip the cluster's flag.
 */
export function talosServices(role: DemoNode['role'], _etcdBootstrapped: boolean): TalosServiceSpec[] {
  const services: TalosServiceSpec[] = [
    running('apid'),
    running('auditd', true),
    running('containerd'),
    running('cri'),
    running('dashboard', true),
  ];
  if (role === 'controlplane') {
    services.push(running('etcd'));
  }
  services.push(running('kubelet'), running('machined'), running('syslogd', true));
  if (role === 'controlplane') services.push(running('trustd'));
  services.push(running('udevd'));
  return services;
}

/** Talos state for the given machines. */
export function talosClusterState(nodes: readonly DemoNode[], etcdBootstrapped: boolean): TalosClusterState {
  const specs: TalosNodeSpec[] = nodes.map((node) => ({
    hostname: node.name,
    address: node.address,
    role: node.role,
    talosVersion: DEMO_TALOS_VERSION,
    services: talosServices(node.role, etcdBootstrapped),
  }));
  return { nodes: specs, etcdBootstrapped, etcdLearners: [] };
}
