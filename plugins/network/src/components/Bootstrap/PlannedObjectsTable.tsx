import { Box, Typography } from '@material-ui/core';
import AddCircleOutlineIcon from '@material-ui/icons/AddCircleOutline';
import EditIcon from '@material-ui/icons/Edit';
import DoneIcon from '@material-ui/icons/Done';
import type {
  FieldChange,
  ObjectChange,
  PlannedObject,
} from '@internal/plugin-network-common';
import { objectText } from '../Diagnostics/EvidenceView';
import { monospaceStyle } from '../Layout';
import { StateTable } from '../StateTable';

const CHANGE_LOOK: Record<
  ObjectChange,
  { text: string; Icon: typeof DoneIcon }
> = {
  create: { text: 'Create', Icon: AddCircleOutlineIcon },
  update: { text: 'Update', Icon: EditIcon },
  unchanged: { text: 'Unchanged', Icon: DoneIcon },
};

/** What applying an object would do, as icon + word. */
export const ChangeLabel = ({ change }: { change: ObjectChange }) => {
  const { text, Icon } = CHANGE_LOOK[change];
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4 }}
    >
      <Icon fontSize="small" />
      <Typography component="span" variant="body2">
        {text}
      </Typography>
    </Box>
  );
};

/** A field value as the manifest would show it. */
export function valueText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One field change: `path: before → after`, with added and removed said in words. */
const FieldChangeLine = ({ change }: { change: FieldChange }) => {
  let text: string;
  if (change.before === undefined) text = `${valueText(change.after)} (added)`;
  else if (change.after === undefined)
    text = `${valueText(change.before)} (removed)`;
  else text = `${valueText(change.before)} → ${valueText(change.after)}`;
  return (
    <Box component="li" style={monospaceStyle}>
      {change.path}: {text}
    </Box>
  );
};

const CHANGE_ORDER: Record<ObjectChange, number> = {
  create: 0,
  update: 1,
  unchanged: 2,
};

/**
 * The baseline's objects with what applying each would do and the fields it would change;
 * the ones that change come first, the plan's order kept within each kind of change.
 */
export const PlannedObjectsTable = ({
  objects,
}: {
  objects: PlannedObject[];
}) => (
  <StateTable
    label="Planned objects"
    rows={[...objects].sort(
      (a, b) => CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change],
    )}
    rowKey={object => `${object.ref.apiVersion}/${objectText(object.ref)}`}
    empty="The baseline has no objects."
    columns={[
      {
        title: 'Object',
        render: object => (
          <span style={monospaceStyle}>{objectText(object.ref)}</span>
        ),
      },
      {
        title: 'Change',
        render: object => <ChangeLabel change={object.change} />,
      },
      {
        title: 'Fields (before → after)',
        render: object =>
          object.fieldChanges.length === 0 ? (
            '—'
          ) : (
            <Box component="ul" m={0} pl={2}>
              {object.fieldChanges.map(change => (
                <FieldChangeLine key={change.path} change={change} />
              ))}
            </Box>
          ),
      },
    ]}
  />
);
