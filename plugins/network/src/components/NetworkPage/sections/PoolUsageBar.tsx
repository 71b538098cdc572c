import { Box, Typography } from '@material-ui/core';
import { useTheme } from '@material-ui/core/styles';
import type { BackstageTheme } from '@backstage/theme';
import type { IpPoolSummary } from '@internal/plugin-network-common';
import { stateColor } from '../../StateLabel';
import { poolState } from '../objectStates';

/** How full a pool is, as a bar in the pool's state colour and as "used / free / total" text. */
export const PoolUsageBar = ({ pool }: { pool: IpPoolSummary }) => {
  const theme = useTheme<BackstageTheme>();
  const percent =
    pool.total > 0 ? Math.round((pool.used / pool.total) * 100) : 0;
  const total = `${pool.total}${pool.totalIsCapped ? '+' : ''}`;
  return (
    <Box minWidth={220}>
      <div
        role="progressbar"
        aria-label={`${pool.name} usage`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${pool.used} used of ${total}`}
        style={{
          height: 10,
          borderRadius: 5,
          background: theme.palette.action.disabledBackground,
          overflow: 'hidden',
        }}
      >
        <div
          style={{
            width: `${Math.max(percent, pool.used > 0 ? 2 : 0)}%`,
            height: '100%',
            background: stateColor(theme, poolState(pool).state),
          }}
        />
      </div>
      <Typography variant="caption">
        {pool.used} used / {pool.free} free / {total} total ({percent}%)
      </Typography>
    </Box>
  );
};
