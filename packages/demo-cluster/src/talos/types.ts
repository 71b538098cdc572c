/** What the simulated Talos apid knows of each machine. Filled by the topology. */
export interface TalosNodeSpec {
  hostname: string;
  /** The node's address (in 127.0.0.0/8); the `node` gRPC metadata value that routes to it. */
  address: string;
  role: 'controlplane' | 'worker';
  talosVersion: string;
  /** Talos services (apid, containerd, cri, etcd, kubelet, machined, trustd, udevd). */
  services: TalosServiceSpec[];
}

export interface TalosServiceSpec {
  id: string;
  /** 'Running', 'Finished', 'Failed', 'Waiting', 'Preparing'... */
  state: string;
  healthy: boolean;
  /** True when the service has no health check (health.unknown). */
  healthUnknown: boolean;
  lastMessage: string;
}

/** Bootstrap state of the simulated cluster's etcd. */
export interface TalosClusterState {
  nodes: TalosNodeSpec[];
  /** False for an empty (not yet bootstrapped) cluster; Bootstrap flips it. */
  etcdBootstrapped: boolean;
  /** Hostnames of etcd members that are still learners. */
  etcdLearners: string[];
  /** Set by the demo apid: hostname of the node Bootstrap succeeded on. */
  bootstrappedOn?: string;
  /** Set by the demo apid: ISO time Bootstrap succeeded. */
  bootstrappedAt?: string;
  /** Set by the demo apid: Reboot calls received, oldest first. */
  rebootRequests?: TalosRebootRecord[];
}

/** A Reboot call the demo apid accepted (it has no real effect). */
export interface TalosRebootRecord {
  hostname: string;
  /** RebootRequest.Mode name: DEFAULT, POWERCYCLE or FORCE. */
  mode: string;
  /** ISO time of the request. */
  requestedAt: string;
  actorId: string;
}

