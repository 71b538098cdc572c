import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@material-ui/core';
import type { BootstrapPlan } from '@internal/plugin-network-common';
import { MonospaceBlock } from '../Layout';

/**
 * Asks for confirmation of exactly this plan: the run is started with the plan's hash, so the
 * backend refuses if the cluster changed after the user read it.
 */
export const ConfirmBootstrapDialog = (props: {
  plan: BootstrapPlan;
  open: boolean;
  starting: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) => {
  const { plan, open, starting, onCancel, onConfirm } = props;
  const runSteps = plan.steps.filter(step => step.intent === 'run');
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      aria-labelledby="bootstrap-confirm-title"
    >
      <DialogTitle id="bootstrap-confirm-title">
        Bootstrap cluster {plan.cluster}?
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          This runs {runSteps.length} of {plan.steps.length} steps (
          {runSteps.map(step => step.title).join(', ')}) and applies{' '}
          {plan.totals.create} new and {plan.totals.update} changed objects to
          the cluster. The run is recorded with your name.
        </DialogContentText>
        <DialogContentText>You confirm the plan with hash</DialogContentText>
        <MonospaceBlock data-testid="plan-hash">{plan.hash}</MonospaceBlock>
      </DialogContent>
      <DialogActions>
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          color="secondary"
          variant="contained"
          disabled={starting}
          onClick={onConfirm}
        >
          Run bootstrap
        </Button>
      </DialogActions>
    </Dialog>
  );
};
