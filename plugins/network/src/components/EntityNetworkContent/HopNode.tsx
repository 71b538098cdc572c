import type { KeyboardEvent } from 'react';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import { STATE_TEXT, stateColor } from '../StateLabel';
import { HOP_KIND_TEXT } from './hopKindText';
import type { HopNodeData } from './hopGraph';

/** Node size in px; fixed so the layout does not depend on text measurement. */
export const HOP_NODE_WIDTH = 220;
/** See {@link HOP_NODE_WIDTH}. */
export const HOP_NODE_HEIGHT = 72;

const useStyles = makeStyles(theme => ({
  node: {
    cursor: 'pointer',
    outline: 'none',
    '&:focus $focusRing, &:hover $focusRing': { opacity: 1 },
  },
  // Drawn outside the node so focus shows without changing the state colour.
  focusRing: {
    opacity: 0,
    fill: 'none',
    stroke: theme.palette.primary.main,
    strokeWidth: 3,
  },
}));

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * One hop drawn in the graph: kind, title and state in words, the border and badge in the
 * state's colour. Focusable; Enter or Space opens its details like a click.
 */
export const HopNode = (props: {
  node: HopNodeData;
  selected: boolean;
  onSelect: (node: HopNodeData) => void;
}) => {
  const { node, selected, onSelect } = props;
  const { hop } = node;
  const theme = useTheme<BackstageTheme>();
  const classes = useStyles();
  const color = stateColor(theme, hop.state);
  const stateLine = `${STATE_TEXT[hop.state]}${
    hop.reason ? `: ${hop.reason}` : ''
  }`;
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(node);
    }
  };
  return (
    <g
      role="button"
      tabIndex={0}
      aria-label={`${HOP_KIND_TEXT[hop.kind]} ${
        hop.title
      }: ${stateLine}. Press Enter for details.`}
      data-hop-id={hop.id}
      data-hop-state={hop.state}
      onClick={() => onSelect(node)}
      onKeyDown={onKeyDown}
      className={classes.node}
    >
      <title>{`${HOP_KIND_TEXT[hop.kind]}: ${hop.title} (${stateLine})`}</title>
      <rect
        className={classes.focusRing}
        x={-5}
        y={-5}
        width={HOP_NODE_WIDTH + 10}
        height={HOP_NODE_HEIGHT + 10}
        rx={11}
      />
      <rect
        width={HOP_NODE_WIDTH}
        height={HOP_NODE_HEIGHT}
        rx={8}
        fill={theme.palette.background.paper}
        stroke={color}
        strokeWidth={selected ? 4 : 2}
        strokeDasharray={node.beside ? '6 3' : undefined}
      />
      <rect width={8} height={HOP_NODE_HEIGHT} rx={4} fill={color} />
      <text x={16} y={18} fontSize={11} fill={theme.palette.text.secondary}>
        {HOP_KIND_TEXT[hop.kind].toLocaleUpperCase('en-US')}
      </text>
      <text
        x={16}
        y={38}
        fontSize={14}
        fontWeight={600}
        fill={theme.palette.text.primary}
      >
        {truncate(hop.title, 26)}
      </text>
      <text x={16} y={60} fontSize={12} fontWeight={600} fill={color}>
        {truncate(stateLine, 30)}
      </text>
    </g>
  );
};
