import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useState } from 'react';
import { Box, Button, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { networkApiRef } from '../../api';
import { NetworkErrorPanel } from '../NetworkErrorPanel';
import { OutcomeLabel } from '../OutcomeLabel';
import { StateTable } from '../StateTable';
import { ClassifiedDiffEntry, diffRuns, DiffChange } from './runDiff';

const CHANGE_TEXT: Record<DiffChange, string> = {
  regressed: 'Worse',
  fixed: 'Better',
  changed: 'Changed',
  added: 'Only in the newer run',
  removed: 'Only in the older run',
  unchanged: 'Same',
};

const Outcome = ({ outcome }: { outcome?: ClassifiedDiffEntry['before'] }) =>
  outcome ? <OutcomeLabel outcome={outcome} /> : <span>not run</span>;

/** Two runs compared check by check: the older run's outcome, then the newer one's. */
export const RunDiffView = (props: { runIds: [string, string] }) => {
  const networkApi = useApi(networkApiRef);
  const { value, loading, error } = useAsync(async () => {
    const runs = await Promise.all(
      props.runIds.map(id => networkApi.getDiagnosticRun(id)),
    );
    runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    return { before: runs[0], after: runs[1] };
  }, [networkApi, props.runIds[0], props.runIds[1]]);

  const [showUnchanged, setShowUnchanged] = useState(false);

  if (loading) return <Progress />;
  if (error) return <NetworkErrorPanel error={error} />;
  if (!value) return null;
  const entries = diffRuns(value.before.results, value.after.results);
  const changedEntries = entries.filter(e => e.change !== 'unchanged');
  const changed = changedEntries.length;
  const rows = showUnchanged ? entries : changedEntries;
  return (
    <Box>
      <Typography variant="body2" paragraph>
        {new Date(value.before.startedAt).toLocaleString()} →{' '}
        {new Date(value.after.startedAt).toLocaleString()}: {changed} of{' '}
        {entries.length} checks changed.
      </Typography>
      <StateTable
        label="Run comparison"
        rows={rows}
        empty="No check changed its outcome between these runs."
        rowKey={entry => entry.checkId}
        columns={[
          { title: 'Check', render: entry => entry.title },
          {
            title: 'Before',
            render: entry => <Outcome outcome={entry.before} />,
          },
          { title: '', render: () => '→' },
          {
            title: 'After',
            render: entry => <Outcome outcome={entry.after} />,
          },
          { title: 'Change', render: entry => CHANGE_TEXT[entry.change] },
        ]}
      />
      {!showUnchanged && changed < entries.length && (
        <Box mt={1}>
          <Button size="small" onClick={() => setShowUnchanged(true)}>
            Show the {entries.length - changed} unchanged checks too
          </Button>
        </Box>
      )}
    </Box>
  );
};
