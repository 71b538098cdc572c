import { Box, LinearProgress, Typography } from '@material-ui/core';
import type { DiagnosticRun } from '@internal/plugin-network-common';

/** done / total as a bar with the numbers in text beside it. */
export const RunProgress = ({ run }: { run: DiagnosticRun }) => {
  const { done, total } = run.progress;
  const percent = total > 0 ? Math.round((done / total) * 100) : 0;
  const label = `${done} of ${total} checks done`;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 12 }}>
      <Box flexGrow={1}>
        <LinearProgress
          variant={total > 0 ? 'determinate' : 'indeterminate'}
          value={percent}
          aria-label="Checks done"
          aria-valuetext={label}
        />
      </Box>
      <Typography variant="body2" style={{ whiteSpace: 'nowrap' }}>
        {label}
      </Typography>
    </Box>
  );
};
