import { useMemo } from 'react';
import {
  DependencyGraph,
  DependencyGraphTypes,
} from '@backstage/core-components';
import type { Hop, HostnamePath } from '@internal/plugin-network-common';
import { hopGraph, HopEdgeData, HopNodeData } from './hopGraph';
import { HOP_NODE_WIDTH, HopNode } from './HopNode';

const RANK_MARGIN = 40;

/**
 * The graph's natural width: one rank per hop on the chain. The graph is drawn at this size
 * and scrolls sideways, because scaling a ten-hop chain to the card makes its text unreadable.
 */
function naturalWidth(path: HostnamePath): number {
  return (
    Math.max(1, path.hops.length + 1) * (HOP_NODE_WIDTH + RANK_MARGIN + 20)
  );
}

/**
 * One hostname's request path as a left-to-right graph of hops (Backstage's DependencyGraph),
 * with the certificate and policies hanging beside the chain.
 */
export const RequestPathGraph = (props: {
  path: HostnamePath;
  beside: Hop[];
  selectedHopId?: string;
  onSelect: (hop: Hop) => void;
}) => {
  const { path, beside, selectedHopId, onSelect } = props;
  const { nodes, edges } = useMemo(
    () => hopGraph(path, beside),
    [path, beside],
  );
  const renderNode = ({
    node,
  }: DependencyGraphTypes.RenderNodeProps<HopNodeData>) => (
    <HopNode
      node={node}
      selected={node.id === selectedHopId}
      onSelect={selected => onSelect(selected.hop)}
    />
  );
  return (
    <div style={{ overflowX: 'auto' }}>
      <div style={{ width: naturalWidth(path) }}>
        <DependencyGraph<HopNodeData, HopEdgeData>
          nodes={nodes}
          edges={edges}
          renderNode={renderNode}
          direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
          rankMargin={RANK_MARGIN}
          nodeMargin={24}
          paddingX={16}
          paddingY={16}
          showArrowHeads
          zoom="enable-on-click"
          labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
          role="group"
          aria-label={`Request path for ${path.hostname}`}
        />
      </div>
    </div>
  );
};
