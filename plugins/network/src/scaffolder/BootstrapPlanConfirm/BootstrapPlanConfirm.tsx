import { useFieldRead } from '../useFieldRead';
import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Typography from '@material-ui/core/Typography';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { BootstrapPlanView } from '../../components/Bootstrap/BootstrapPlanView';
import { backendMessage } from '../../components/NetworkErrorPanel';
import { ClusterFieldOptions } from '../fieldCluster';
import { useFieldCluster } from '../useFieldCluster';
import { useFieldReads } from '../useFieldReads';

/**
 * Shows the cluster's bootstrap plan (computed by the backend with a server-side dry run)
 * and sets the field to the plan's hash once the user ticks the confirmation: the value
 * the bootstrap actions check against a fresh plan before they run anything.
 */
export const BootstrapPlanConfirm = (
  props: FieldExtensionComponentProps<string, ClusterFieldOptions>,
) => {
  const { formData, onChange, schema, uiSchema, rawErrors, idSchema } = props;
  const form = (props.formContext?.formData ?? {}) as Record<string, unknown>;
  const reads = useFieldReads();
  const { cluster } = useFieldCluster(reads, uiSchema['ui:options'], form);
  const plan = useFieldRead(
    async () => (cluster ? reads.bootstrapPlan(cluster) : undefined),
    [reads, cluster],
  );
  const id = idSchema?.$id ?? 'bootstrap-plan';

  if (plan.error)
    return (
      <FormHelperText error id={`${id}-error`}>
        Could not compute the plan of cluster {cluster}:{' '}
        {backendMessage(plan.error)}
      </FormHelperText>
    );
  if (!plan.value)
    return (
      <Typography variant="body2">
        Computing the plan of cluster {cluster ?? '…'} with a dry run…
      </Typography>
    );
  const confirmed = formData === plan.value.hash;
  return (
    <Box my={2}>
      <Typography variant="h6">{schema.title ?? 'Plan'}</Typography>
      <BootstrapPlanView plan={plan.value} />
      <FormControlLabel
        control={
          <Checkbox
            id={id}
            checked={confirmed}
            onChange={event =>
              onChange(event.target.checked ? plan.value!.hash : undefined)
            }
          />
        }
        label={`I reviewed this plan and confirm it (hash ${plan.value.hash.slice(
          0,
          12,
        )}…)`}
      />
      {formData && !confirmed ? (
        <FormHelperText error>
          The plan changed since you confirmed it; review it and confirm again.
        </FormHelperText>
      ) : null}
      {(rawErrors ?? []).map(error => (
        <FormHelperText error key={error}>
          {error}
        </FormHelperText>
      ))}
    </Box>
  );
};
