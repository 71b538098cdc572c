import type { ReactNode } from 'react';
import { Box } from '@material-ui/core';

/** Items side by side, vertically centred, wrapping on narrow screens: a label row. */
export const InlineRow = (props: {
  children: ReactNode;
  gap?: number;
  'aria-label'?: string;
}) => (
  <Box
    display="flex"
    flexWrap="wrap"
    alignItems="center"
    style={{ gap: props.gap ?? 12 }}
    aria-label={props['aria-label']}
  >
    {props.children}
  </Box>
);
