import { useState } from 'react';
import {
  Box,
  Button,
  Checkbox,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Typography,
} from '@material-ui/core';
import type {
  CheckOutcome,
  DiagnosticRun,
  RunStatus,
} from '@internal/plugin-network-common';
import { OutcomeLabel, RunStatusLabel } from '../OutcomeLabel';
import { StateTable } from '../StateTable';
import { runOutcome } from './runDiff';
import { selectionText } from './selectionText';

const STATUSES: RunStatus[] = ['running', 'succeeded', 'failed', 'interrupted'];
const OUTCOMES: CheckOutcome[] = ['fail', 'error', 'warn', 'pass', 'skipped'];

/** The non-zero counts, worst first, e.g. `7 fail · 3 warn · 12 pass`. */
function totalsText(run: DiagnosticRun): string {
  const text = OUTCOMES.filter(outcome => run.totals[outcome] > 0)
    .map(outcome => `${run.totals[outcome]} ${outcome}`)
    .join(' · ');
  return text || 'no results';
}

/**
 * The cluster's runs, newest first: who, when, why, what, and totals; filtered by status and
 * overall outcome. Each can be opened, and two ticked to compare.
 */
export const RunHistory = (props: {
  runs: DiagnosticRun[];
  openRunId?: string;
  onOpen: (runId: string) => void;
  compared: string[];
  onToggleCompared: (runId: string) => void;
  onCompare: () => void;
}) => {
  const { runs, openRunId, onOpen, compared, onToggleCompared, onCompare } =
    props;
  const [status, setStatus] = useState<RunStatus | ''>('');
  const [outcome, setOutcome] = useState<CheckOutcome | ''>('');
  const shown = runs.filter(
    run =>
      (!status || run.status === status) &&
      (!outcome || runOutcome(run.totals) === outcome),
  );
  if (runs.length === 0) {
    return (
      <Typography variant="body2">
        No diagnostics runs yet on this cluster. Run the checks above; each run
        is kept here with who started it and its results.
      </Typography>
    );
  }
  return (
    <Box>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        mb={1}
        style={{ gap: 12 }}
      >
        <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
          <InputLabel id="history-status-label">Status</InputLabel>
          <Select
            labelId="history-status-label"
            label="Status"
            value={status}
            onChange={event => setStatus(event.target.value as RunStatus | '')}
          >
            <MenuItem value="">Any status</MenuItem>
            {STATUSES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl variant="outlined" size="small" style={{ minWidth: 160 }}>
          <InputLabel id="history-outcome-label">Outcome</InputLabel>
          <Select
            labelId="history-outcome-label"
            label="Outcome"
            value={outcome}
            onChange={event =>
              setOutcome(event.target.value as CheckOutcome | '')
            }
          >
            <MenuItem value="">Any outcome</MenuItem>
            {OUTCOMES.map(o => (
              <MenuItem key={o} value={o}>
                worst: {o}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button
          variant="outlined"
          disabled={compared.length !== 2}
          onClick={onCompare}
        >
          Compare selected runs
        </Button>
        <Typography variant="caption" color="textSecondary">
          Tick two runs to compare them check by check.
        </Typography>
      </Box>
      <StateTable
        label="Diagnostics runs"
        rows={shown}
        rowKey={run => run.id}
        isSelected={run => run.id === openRunId}
        empty="No run matches these filters."
        columns={[
          {
            title: 'Compare',
            noWrap: true,
            width: '1%',
            render: run => (
              <Checkbox
                size="small"
                checked={compared.includes(run.id)}
                disabled={!compared.includes(run.id) && compared.length >= 2}
                onChange={() => onToggleCompared(run.id)}
                inputProps={{
                  'aria-label': `Compare run of ${new Date(
                    run.startedAt,
                  ).toLocaleString()}`,
                }}
              />
            ),
          },
          {
            title: 'Started',
            noWrap: true,
            render: run => new Date(run.startedAt).toLocaleString(),
          },
          { title: 'By', noWrap: true, render: run => run.actor },
          { title: 'Trigger', noWrap: true, render: run => run.trigger },
          {
            title: 'Checks',
            noWrap: true,
            render: run => selectionText(run.selection),
          },
          {
            title: 'Status',
            noWrap: true,
            render: run => <RunStatusLabel status={run.status} />,
          },
          {
            title: 'Outcome',
            noWrap: true,
            render: run => {
              const worst = runOutcome(run.totals);
              return worst ? <OutcomeLabel outcome={worst} /> : '—';
            },
          },
          { title: 'Totals', noWrap: true, render: totalsText },
          {
            title: '',
            render: run => (
              <Button
                size="small"
                onClick={() => onOpen(run.id)}
                aria-label={`Open run of ${new Date(
                  run.startedAt,
                ).toLocaleString()}`}
              >
                Open
              </Button>
            ),
          },
        ]}
      />
    </Box>
  );
};
