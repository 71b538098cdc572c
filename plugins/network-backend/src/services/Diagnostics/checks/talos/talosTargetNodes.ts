import { CheckContext } from '../../DiagnosticCheck';

/** A machine the Talos checks ask about. */
export interface TalosTargetNode {
  /** The Kubernetes node name, or the address for a talosconfig node Kubernetes does not know. */
  name: string;
  /** What goes into the `node` metadata: the InternalIP, or the talosconfig entry as written. */
  address: string;
  /** Carries the control-plane role label; undefined when only the talosconfig names it. */
  controlPlane?: boolean;
}

const CONTROL_PLANE_LABELS = [
  'node-role.kubernetes.io/control-plane',
  'node-role.kubernetes.io/master',
];

/**
 * The machines of the cluster: every Kubernetes Node (InternalIP, role from its labels) and
 * the talosconfig's nodes Kubernetes does not list (a machine that never joined is exactly
 * what these checks should see). Talos answers `node` metadata with an address or a hostname.
 */
export function talosTargetNodes(context: CheckContext): TalosTargetNode[] {
  const nodes: TalosTargetNode[] = context.cache.list('Node').map(node => {
    const addresses: Array<{ type?: string; address?: string }> =
      node.status?.addresses ?? [];
    const internalIp = addresses.find(
      entry => entry.type === 'InternalIP',
    )?.address;
    const labels: Record<string, string> = node.metadata.labels ?? {};
    return {
      name: node.metadata.name,
      address: internalIp ?? node.metadata.name,
      controlPlane: CONTROL_PLANE_LABELS.some(label => label in labels),
    };
  });
  for (const configured of configuredNodes(context)) {
    if (
      !nodes.some(
        node => node.address === configured || node.name === configured,
      )
    ) {
      nodes.push({ name: configured, address: configured });
    }
  }
  return nodes;
}

/** The talosconfig's (or config's) nodes; empty when the credentials cannot be read. */
function configuredNodes(context: CheckContext): string[] {
  try {
    return context.talos?.defaultNodes() ?? [];
  } catch {
    // The calls report the configuration error; here it only means no extra nodes.
    return [];
  }
}

/** `talos-cp-1 (127.0.1.50)`, or the address alone when that is the name. */
export function nodeLabel(node: TalosTargetNode): string {
  return node.name === node.address
    ? node.address
    : `${node.name} (${node.address})`;
}
