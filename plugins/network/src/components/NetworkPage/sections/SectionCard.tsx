import type { ReactNode } from 'react';
import { Box, Paper, Typography } from '@material-ui/core';

/** A titled section of the Network page with an anchor the health summary links to. */
export const SectionCard = (props: {
  id: string;
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
}) => (
  <Paper
    component="section"
    id={props.id}
    aria-labelledby={`${props.id}-title`}
  >
    <Box p={2}>
      <Typography variant="h5" component="h2" id={`${props.id}-title`}>
        {props.title}
      </Typography>
      {props.subtitle && (
        <Typography variant="body2" color="textSecondary">
          {props.subtitle}
        </Typography>
      )}
      <Box mt={1}>{props.children}</Box>
    </Box>
  </Paper>
);
