import { Box, Typography } from '@material-ui/core';
import PlayArrowIcon from '@material-ui/icons/PlayArrow';
import SkipNextIcon from '@material-ui/icons/SkipNext';
import type { BootstrapPlan } from '@internal/plugin-network-common';
import { PlannedObjectsTable } from './PlannedObjectsTable';
import { InlineRow } from '../Layout';

/** The plan: the totals, then each step with run or skip (and why), objects for the apply step. */
export const BootstrapPlanView = ({ plan }: { plan: BootstrapPlan }) => (
  <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
    <Typography variant="body2">
      Computed {new Date(plan.createdAt).toLocaleString()} with a server-side
      dry run: {plan.totals.create} to create, {plan.totals.update} to update,{' '}
      {plan.totals.unchanged} unchanged.
    </Typography>
    <Box component="ol" m={0} pl={3} aria-label="Plan steps">
      {plan.steps.map(step => (
        <Box component="li" key={step.id} mb={2}>
          <InlineRow>
            <Typography component="span" style={{ fontWeight: 600 }}>
              {step.title}
            </Typography>
            <Box
              component="span"
              display="inline-flex"
              alignItems="center"
              style={{ gap: 4 }}
            >
              {step.intent === 'run' ? (
                <PlayArrowIcon fontSize="small" />
              ) : (
                <SkipNextIcon fontSize="small" />
              )}
              <Typography component="span" variant="body2">
                {step.intent === 'run' ? 'Will run' : 'Will skip'}
                {step.note ? `: ${step.note}` : ''}
              </Typography>
            </Box>
          </InlineRow>
          <Typography variant="body2" color="textSecondary">
            {step.description}
          </Typography>
          {step.objects && (
            <Box mt={1}>
              <PlannedObjectsTable objects={step.objects} />
            </Box>
          )}
        </Box>
      ))}
    </Box>
  </Box>
);
