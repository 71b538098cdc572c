import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import type { Condition } from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';

function conditionState(condition: Condition) {
  if (condition.status === 'True') return 'ok' as const;
  if (condition.status === 'False') return 'failing' as const;
  return 'unknown' as const;
}

/**
 * Status conditions as Kubernetes wrote them: type, status (in words and colour), reason
 * and message. Conditions whose True means trouble (e.g. PoolConflict) pass `inverted`.
 */
export const ConditionsTable = (props: {
  conditions: Condition[];
  inverted?: string[];
}) => {
  const { conditions, inverted = [] } = props;
  if (conditions.length === 0) {
    return <em>No conditions reported yet.</em>;
  }
  return (
    <Table size="small" aria-label="Conditions">
      <TableHead>
        <TableRow>
          <TableCell>Condition</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Reason</TableCell>
          <TableCell>Message</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {conditions.map(condition => {
          let state = conditionState(condition);
          if (inverted.includes(condition.type) && state !== 'unknown') {
            state = state === 'ok' ? 'failing' : 'ok';
          }
          return (
            <TableRow key={condition.type}>
              <TableCell>{condition.type}</TableCell>
              <TableCell>
                <StateLabel state={state}>{condition.status}</StateLabel>
              </TableCell>
              <TableCell>{condition.reason ?? '—'}</TableCell>
              <TableCell>{condition.message ?? ''}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
};
