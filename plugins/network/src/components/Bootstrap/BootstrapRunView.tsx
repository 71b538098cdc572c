import { Link, Progress } from '@backstage/core-components';
import { Box, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { NetworkErrorPanel } from '../NetworkErrorPanel';
import { RunStatusLabel } from '../OutcomeLabel';
import { InlineRow, MonospaceBlock } from '../Layout';
import { useBootstrapRun } from './useBootstrapRun';

/**
 * One bootstrap run, live: each step with its state, its one-line outcome and its log
 * lines; the result on top once it has finished, with a link to the verification run.
 */
export const BootstrapRunView = (props: {
  runId: string;
  onFinished?: () => void;
}) => {
  const { state, error, streamError } = useBootstrapRun(
    props.runId,
    props.onFinished,
  );
  if (error && (error as { statusCode?: number }).statusCode === 404) {
    return (
      <Alert severity="warning">
        Bootstrap run {props.runId} was not found. Pick a run from the history.
      </Alert>
    );
  }
  if (error && !state) return <NetworkErrorPanel error={error} />;
  if (!state) return <Progress />;
  const { run, logs } = state;
  const done = run.steps.filter(
    s => !['pending', 'running'].includes(s.status),
  ).length;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      {run.status === 'succeeded' && (
        <Alert severity="success">
          Bootstrap of cluster {run.cluster} succeeded.
        </Alert>
      )}
      {(run.status === 'failed' || run.status === 'interrupted') && (
        <Alert severity="error">
          Bootstrap of cluster {run.cluster} {run.status}
          {run.error ? `: ${run.error}` : '.'} Steps after the failed one did
          not run; fix the cause and run a fresh plan.
        </Alert>
      )}
      {streamError && (
        <Alert severity="info">
          Lost the live connection ({streamError.message}); reconnecting.
        </Alert>
      )}
      <InlineRow gap={16}>
        <RunStatusLabel status={run.status} />
        <Typography variant="body2">
          {done} of {run.steps.length} steps done · confirmed by {run.actor} at{' '}
          {new Date(run.startedAt).toLocaleString()} · plan {run.planHash}
        </Typography>
      </InlineRow>
      <Box component="ol" m={0} pl={3} aria-label="Bootstrap steps">
        {run.steps.map(step => (
          <Box component="li" key={step.id} mb={1}>
            <InlineRow>
              <Typography component="span" style={{ fontWeight: 600 }}>
                {step.title}
              </Typography>
              <RunStatusLabel status={step.status} />
              {step.message && (
                <Typography component="span" variant="body2">
                  {step.message}
                </Typography>
              )}
            </InlineRow>
            {logs[step.id] && logs[step.id].length > 0 && (
              <Box mt={0.5}>
                <MonospaceBlock>{logs[step.id].join('\n')}</MonospaceBlock>
              </Box>
            )}
          </Box>
        ))}
      </Box>
      {run.diagnosticsRunId && (
        <Typography variant="body2">
          Verification:{' '}
          <Link
            to={`../diagnostics?cluster=${encodeURIComponent(
              run.cluster,
            )}&run=${encodeURIComponent(run.diagnosticsRunId)}`}
          >
            open the diagnostics run
          </Link>
        </Typography>
      )}
    </Box>
  );
};
