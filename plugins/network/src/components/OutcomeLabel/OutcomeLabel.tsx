import type { ComponentType } from 'react';
import { Box, Typography } from '@material-ui/core';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import WarningIcon from '@material-ui/icons/Warning';
import CancelIcon from '@material-ui/icons/Cancel';
import ReportIcon from '@material-ui/icons/Report';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import HourglassEmptyIcon from '@material-ui/icons/HourglassEmpty';
import PauseCircleOutlineIcon from '@material-ui/icons/PauseCircleOutline';
import type {
  BootstrapStepStatus,
  CheckOutcome,
  RunStatus,
} from '@internal/plugin-network-common';

/** How a label looks: a distinct icon shape and a word, so colour is never the only cue. */
interface LabelLook {
  text: string;
  Icon: ComponentType<{ fontSize?: 'small'; style?: object }>;
  color: string;
}

const OK = '#2e7d32';
const WARN = '#b26a00';
const BAD = '#c62828';
const NEUTRAL = '#616161';
const BUSY = '#1565c0';

const OUTCOME_LOOK: Record<CheckOutcome, LabelLook> = {
  pass: { text: 'Pass', Icon: CheckCircleIcon, color: OK },
  warn: { text: 'Warning', Icon: WarningIcon, color: WARN },
  fail: { text: 'Fail', Icon: CancelIcon, color: BAD },
  error: { text: 'Error', Icon: ReportIcon, color: BAD },
  skipped: { text: 'Skipped', Icon: RemoveCircleOutlineIcon, color: NEUTRAL },
};

const STATUS_LOOK: Record<RunStatus | BootstrapStepStatus, LabelLook> = {
  running: { text: 'Running', Icon: HourglassEmptyIcon, color: BUSY },
  pending: { text: 'Pending', Icon: PauseCircleOutlineIcon, color: NEUTRAL },
  succeeded: { text: 'Succeeded', Icon: CheckCircleIcon, color: OK },
  failed: { text: 'Failed', Icon: CancelIcon, color: BAD },
  interrupted: { text: 'Interrupted', Icon: ReportIcon, color: WARN },
  skipped: { text: 'Skipped', Icon: RemoveCircleOutlineIcon, color: NEUTRAL },
};

const Label = ({ look, detail }: { look: LabelLook; detail?: string }) => (
  <Box
    component="span"
    display="inline-flex"
    alignItems="center"
    style={{ gap: 4, verticalAlign: 'middle' }}
  >
    <look.Icon fontSize="small" style={{ color: look.color }} />
    <Typography component="span" variant="body2" style={{ fontWeight: 500 }}>
      {look.text}
      {detail ? `: ${detail}` : ''}
    </Typography>
  </Box>
);

/** A check's or finding's outcome as icon + word (Pass, Warning, Fail, Error, Skipped). */
export const OutcomeLabel = (props: {
  outcome: CheckOutcome;
  detail?: string;
}) => <Label look={OUTCOME_LOOK[props.outcome]} detail={props.detail} />;

/** A run's or bootstrap step's status as icon + word (Running, Succeeded, Failed...). */
export const RunStatusLabel = (props: {
  status: RunStatus | BootstrapStepStatus;
  detail?: string;
}) => <Label look={STATUS_LOOK[props.status]} detail={props.detail} />;

/** The word for an outcome, for text such as the diff's `Fail -> Pass`. */
export function outcomeText(outcome: CheckOutcome): string {
  return OUTCOME_LOOK[outcome].text;
}
