import type { Hop, HostnamePath } from '@internal/plugin-network-common';

/** A graph node: one hop, and whether it sits beside the chain rather than on it. */
export interface HopNodeData {
  id: string;
  hop: Hop;
  beside: boolean;
}

/** A graph edge between two hops. */
export interface HopEdgeData {
  from: string;
  to: string;
  label?: string;
}

/** Which chain hop a beside-hop hangs from: certificates at the listener, policies at the pods. */
const BESIDE_ANCHORS: Record<string, string[]> = {
  certificate: ['gateway-listener', 'ingress', 'loadbalancer-ip'],
  policy: ['pods', 'endpoints', 'service'],
};

/**
 * Turns one hostname's chain and the hops beside it into graph nodes and edges: the chain
 * in traffic order, the certificate hung from the listener and the policies from the pods.
 * Beside-hops get ids prefixed per path so several graphs on one page stay distinct.
 */
export function hopGraph(
  path: HostnamePath,
  beside: Hop[],
): { nodes: HopNodeData[]; edges: HopEdgeData[] } {
  const nodes: HopNodeData[] = path.hops.map(hop => ({
    id: hop.id,
    hop,
    beside: false,
  }));
  const edges: HopEdgeData[] = [];
  for (let i = 1; i < path.hops.length; i++) {
    edges.push({ from: path.hops[i - 1].id, to: path.hops[i].id });
  }
  const ids = new Set(nodes.map(node => node.id));
  for (const hop of beside) {
    if (ids.has(hop.id)) continue;
    ids.add(hop.id);
    nodes.push({ id: hop.id, hop, beside: true });
    const anchors = BESIDE_ANCHORS[hop.kind] ?? [];
    const anchor =
      anchors
        .map(kind => path.hops.find(candidate => candidate.kind === kind))
        .find(Boolean) ?? path.hops[path.hops.length - 1];
    if (anchor) {
      edges.push({
        from: anchor.id,
        to: hop.id,
        label: hop.kind === 'certificate' ? 'TLS' : 'policy',
      });
    }
  }
  return { nodes, edges };
}
