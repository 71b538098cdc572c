import { Button, Typography } from '@material-ui/core';
import type { BootstrapRun } from '@internal/plugin-network-common';
import { RunStatusLabel } from '../OutcomeLabel';
import { StateTable } from '../StateTable';

function stepsText(run: BootstrapRun): string {
  const counts = new Map<string, number>();
  for (const step of run.steps) {
    counts.set(step.status, (counts.get(step.status) ?? 0) + 1);
  }
  return [...counts].map(([status, count]) => `${count} ${status}`).join(', ');
}

/** The audit history: who bootstrapped the cluster, when, with which plan, and how it went. */
export const BootstrapHistory = (props: {
  runs: BootstrapRun[];
  openRunId?: string;
  onOpen: (runId: string) => void;
}) => {
  const { runs, openRunId, onOpen } = props;
  return (
    <StateTable
      label="Bootstrap runs"
      rows={runs}
      rowKey={run => run.id}
      isSelected={run => run.id === openRunId}
      empty={
        <Typography variant="body2">
          This cluster has not been bootstrapped from the portal yet. Review the
          plan above and run it; every run is recorded here.
        </Typography>
      }
      columns={[
        {
          title: 'Started',
          noWrap: true,
          render: run => new Date(run.startedAt).toLocaleString(),
        },
        { title: 'By', noWrap: true, render: run => run.actor },
        {
          title: 'Status',
          noWrap: true,
          render: run => <RunStatusLabel status={run.status} />,
        },
        { title: 'Steps', render: stepsText },
        {
          title: 'Plan',
          render: run => <code>{run.planHash.slice(0, 19)}</code>,
        },
        {
          title: '',
          render: run => (
            <Button
              size="small"
              onClick={() => onOpen(run.id)}
              aria-label={`Open bootstrap run of ${new Date(
                run.startedAt,
              ).toLocaleString()}`}
            >
              Open
            </Button>
          ),
        },
      ]}
    />
  );
};
