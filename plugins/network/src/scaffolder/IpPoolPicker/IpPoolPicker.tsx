import { backendMessage } from '../../components/NetworkErrorPanel';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ChoiceSelect } from '../ChoiceSelect';
import { useClusterFieldRead } from '../useClusterFieldRead';
import { ClusterFieldOptions } from '../fieldCluster';
import { poolChoices } from './poolChoices';

/** ui:options of the IpPoolPicker. */
export type IpPoolPickerOptions = ClusterFieldOptions;

/**
 * Picks a CiliumLoadBalancerIPPool (`GET /api/network/clusters/:cluster/pools`), showing each
 * pool's free IPs; disabled, exhausted and conflicting pools are listed but not pickable.
 */
export const IpPoolPicker = (
  props: FieldExtensionComponentProps<string, IpPoolPickerOptions>,
) => {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const {
    cluster,
    result: pools,
    failure,
  } = useClusterFieldRead(props, (reads, name) => reads.pools(name));
  let helperText: string | undefined = schema.description;
  if (failure)
    helperText = `Could not read the IP pools: ${backendMessage(failure)}`;
  else if (pools.loading) helperText = `Reading the IP pools of ${cluster}…`;
  else if (pools.value && pools.value.length === 0)
    helperText = `Cluster ${cluster} has no CiliumLoadBalancerIPPool`;

  return (
    <ChoiceSelect
      id={idSchema?.$id ?? 'ip-pool-picker'}
      label={schema.title ?? 'IP pool'}
      value={formData}
      choices={poolChoices(pools.value ?? [])}
      onChange={onChange}
      required={required}
      error={Boolean(failure) || (rawErrors ?? []).length > 0}
      helperText={helperText}
    />
  );
};
