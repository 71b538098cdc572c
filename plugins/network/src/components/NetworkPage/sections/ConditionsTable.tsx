import type { Condition } from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { StateTable } from '../../StateTable';

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
    <StateTable
      label="Conditions"
      rows={conditions}
      rowKey={condition => condition.type}
      columns={[
        { title: 'Condition', render: condition => condition.type },
        {
          title: 'Status',
          render: condition => {
            let state = conditionState(condition);
            if (inverted.includes(condition.type) && state !== 'unknown') {
              state = state === 'ok' ? 'failing' : 'ok';
            }
            return <StateLabel state={state}>{condition.status}</StateLabel>;
          },
        },
        { title: 'Reason', render: condition => condition.reason ?? '—' },
        { title: 'Message', render: condition => condition.message ?? '' },
      ]}
    />
  );
};
