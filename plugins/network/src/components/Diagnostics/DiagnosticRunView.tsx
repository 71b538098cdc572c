import { useState } from 'react';
import { Progress } from '@backstage/core-components';
import { Box, Button, Typography } from '@material-ui/core';
import type { CheckOutcome } from '@internal/plugin-network-common';
import { Alert } from '@material-ui/lab';
import { NetworkErrorPanel } from '../NetworkErrorPanel';
import { OutcomeLabel, RunStatusLabel } from '../OutcomeLabel';
import { CheckResultItem } from './CheckResultItem';
import { sortResults } from './diagnosticRunState';
import { RunProgress } from './RunProgress';
import { selectionText } from './selectionText';
import { useDiagnosticRun } from './useDiagnosticRun';
import { InlineRow } from '../Layout';

const QUIET_OUTCOMES: CheckOutcome[] = ['pass', 'skipped'];

function statusOf(error: Error): number | undefined {
  return (error as { statusCode?: number }).statusCode;
}

/**
 * One diagnostics run, live: status, the progress bar, the checks running now, and each
 * result as it finishes (worst first), expandable to findings, evidence and remediation.
 * Shared by the Diagnostics tab and the entity's Diagnose button.
 */
export const DiagnosticRunView = (props: {
  runId: string;
  onFinished?: () => void;
}) => {
  const { state, error, streamError } = useDiagnosticRun(
    props.runId,
    props.onFinished,
  );
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [showQuiet, setShowQuiet] = useState(false);
  const toggle = (checkId: string) =>
    setExpanded(current => {
      const next = new Set(current);
      if (next.has(checkId)) next.delete(checkId);
      else next.add(checkId);
      return next;
    });

  if (error && statusOf(error) === 404) {
    return (
      <Alert severity="warning">
        Run {props.runId} was not found: it may have been removed, or the link
        is from another portal. Pick a run from the history, or start a new one.
      </Alert>
    );
  }
  if (error && !state) return <NetworkErrorPanel error={error} />;
  if (!state) return <Progress />;

  const { run, results, running, logs } = state;
  // With problems found, the passes are noise until asked for.
  const sorted = sortResults(results);
  const problems = sorted.filter(r => !QUIET_OUTCOMES.includes(r.outcome));
  const shown = showQuiet || problems.length === 0 ? sorted : problems;
  const hiddenCount = sorted.length - shown.length;
  return (
    <Box display="flex" flexDirection="column" style={{ gap: 12 }}>
      <InlineRow gap={16}>
        <RunStatusLabel status={run.status} />
        <Typography variant="body2">
          {selectionText(run.selection)} on cluster {run.cluster}, started by{' '}
          {run.actor} at {new Date(run.startedAt).toLocaleString()}
        </Typography>
      </InlineRow>
      <RunProgress run={run} />
      {run.status !== 'running' && (
        <Box
          display="flex"
          flexWrap="wrap"
          style={{ gap: 16 }}
          aria-label="Totals"
        >
          {(['fail', 'error', 'warn', 'pass', 'skipped'] as const).map(
            outcome => (
              <OutcomeLabel
                key={outcome}
                outcome={outcome}
                detail={String(run.totals[outcome])}
              />
            ),
          )}
        </Box>
      )}
      {run.error && (
        <Alert severity="error">The run stopped: {run.error}</Alert>
      )}
      {streamError && (
        <Alert severity="info">
          Lost the live connection ({streamError.message}); reconnecting.
          Results already shown stay.
        </Alert>
      )}
      {running.length > 0 && (
        <Box role="status" aria-live="polite">
          {running.map(checkId => (
            <Typography key={checkId} variant="body2" color="textSecondary">
              Running {checkId}
              {logs[checkId] ? `: ${logs[checkId]}` : '…'}
            </Typography>
          ))}
        </Box>
      )}
      <Box>
        {results.length === 0 && run.status === 'running' && (
          <Typography variant="body2">No check has finished yet.</Typography>
        )}
        {shown.map(result => (
          <CheckResultItem
            key={result.checkId}
            result={result}
            expanded={expanded.has(result.checkId)}
            onToggle={() => toggle(result.checkId)}
          />
        ))}
        {hiddenCount > 0 && (
          <Box mt={1}>
            <Button size="small" onClick={() => setShowQuiet(true)}>
              Show {hiddenCount} passed or skipped{' '}
              {hiddenCount === 1 ? 'check' : 'checks'}
            </Button>
          </Box>
        )}
      </Box>
    </Box>
  );
};
