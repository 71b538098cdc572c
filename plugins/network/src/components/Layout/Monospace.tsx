import type { ReactNode } from 'react';
import { Box } from '@material-ui/core';

/** The font for commands, object names and field paths. */
export const monospaceStyle = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
};

/**
 * Command output or log lines in a shaded monospace block that keeps line breaks. Long
 * output (a full `cilium-dbg status`) scrolls inside the block, which takes keyboard focus
 * so it can be scrolled without a mouse.
 */
export const MonospaceBlock = (props: {
  children: ReactNode;
  'data-testid'?: string;
}) => (
  <Box
    component="pre"
    p={1}
    m={0}
    data-testid={props['data-testid']}
    tabIndex={0}
    style={{
      maxHeight: '24em',
      overflowY: 'auto',
      ...monospaceStyle,
      background: 'rgba(127,127,127,0.12)',
      borderRadius: 4,
      overflowX: 'auto',
      whiteSpace: 'pre-wrap',
      wordBreak: 'break-all',
    }}
  >
    {props.children}
  </Box>
);
