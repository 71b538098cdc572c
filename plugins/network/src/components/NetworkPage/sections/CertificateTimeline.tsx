import { Box, Typography } from '@material-ui/core';
import { useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import type { HopState } from '@internal/plugin-network-common';
import { stateColor } from '../../StateLabel';

/** The span the timeline draws: a Let's Encrypt certificate lives 90 days. */
export const TIMELINE_DAYS = 90;

/**
 * Where a certificate stands on a 0–90 day line: the bar is the time left, the tick marks
 * the 30-day renewal point, and the days left are written out.
 */
export const CertificateTimeline = (props: {
  daysLeft?: number;
  notAfter?: string;
  state: HopState;
  renewalMarkDays: number;
}) => {
  const { daysLeft, notAfter, state, renewalMarkDays } = props;
  const theme = useTheme<BackstageTheme>();
  if (daysLeft === undefined) {
    return (
      <Typography variant="caption">
        No expiry known (not issued yet)
      </Typography>
    );
  }
  const clamped = Math.max(0, Math.min(daysLeft, TIMELINE_DAYS));
  let label = `${daysLeft} days left`;
  if (daysLeft < 0) label = `expired ${-daysLeft} days ago`;
  return (
    <Box minWidth={200}>
      <div
        role="img"
        aria-label={`${label} of ${TIMELINE_DAYS}`}
        style={{
          position: 'relative',
          height: 10,
          borderRadius: 5,
          background: theme.palette.action.disabledBackground,
        }}
      >
        <div
          style={{
            width: `${(clamped / TIMELINE_DAYS) * 100}%`,
            minWidth: 4,
            height: '100%',
            borderRadius: 5,
            background: stateColor(theme, state),
          }}
        />
        <div
          style={{
            position: 'absolute',
            left: `${(renewalMarkDays / TIMELINE_DAYS) * 100}%`,
            top: -3,
            height: 16,
            borderLeft: `2px dashed ${theme.palette.text.secondary}`,
          }}
        />
      </div>
      <Typography variant="caption">
        {label}
        {notAfter ? ` (until ${notAfter.slice(0, 10)})` : ''}
      </Typography>
    </Box>
  );
};
