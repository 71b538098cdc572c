import { useMemo } from 'react';
import { DependencyGraph, DependencyGraphTypes } from '@backstage/core-components';
import type { Hop, HostnamePath } from '@internal/plugin-network-common';
import { hopGraph, HopEdgeData, HopNodeData } from './hopGraph';
import { HopNode } from './HopNode';

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
  const { nodes, edges } = useMemo(() => hopGraph(path, beside), [path, beside]);
  const renderNode = ({ node }: DependencyGraphTypes.RenderNodeProps<HopNodeData>) => (
    <HopNode
      node={node}
      selected={node.id === selectedHopId}
      onSelect={selected => onSelect(selected.hop)}
    />
  );
  return (
    <DependencyGraph<HopNodeData, HopEdgeData>
      nodes={nodes}
      edges={edges}
      renderNode={renderNode}
      direction={DependencyGraphTypes.Direction.LEFT_RIGHT}
      rankMargin={40}
      nodeMargin={24}
      paddingX={16}
      paddingY={16}
      showArrowHeads
      zoom="enable-on-click"
      fit="contain"
      labelPosition={DependencyGraphTypes.LabelPosition.CENTER}
      role="group"
      aria-label={`Request path for ${path.hostname}`}
      style={{ width: '100%', minHeight: 220 }}
    />
  );
};
