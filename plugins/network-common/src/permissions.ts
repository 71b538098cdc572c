import { createPermission } from '@backstage/plugin-permission-common';

/** Read the network model: clusters, overview, pools, gateways, request paths. */
export const networkReadPermission = createPermission({
  name: 'network.read',
  attributes: { action: 'read' },
});

/**
 * Run the diagnostic checklist. Separate from read because a run probes live
 * systems (DNS servers, Cilium agents, Talos nodes) and is recorded.
 */
export const networkDiagnosticsRunPermission = createPermission({
  name: 'network.diagnostics.run',
  attributes: {},
});

/** Bootstrap a cluster (etcd and the network baseline); changes the cluster. */
export const networkBootstrapRunPermission = createPermission({
  name: 'network.bootstrap.run',
  attributes: {},
});

/** Every permission the network plugins define, for permission policies and metadata. */
export const networkPermissions = [
  networkReadPermission,
  networkDiagnosticsRunPermission,
  networkBootstrapRunPermission,
];
