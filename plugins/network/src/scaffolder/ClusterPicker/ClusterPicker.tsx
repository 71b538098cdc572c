import { useFieldRead } from '../useFieldRead';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { backendMessage } from '../../components/NetworkErrorPanel';
import { ChoiceSelect } from '../ChoiceSelect';
import { useFieldReads } from '../useFieldReads';
import { clusterChoices } from './clusterChoices';

/** Picks one of the network backend's clusters (`GET /api/network/clusters`), with its health. */
export const ClusterPicker = (props: FieldExtensionComponentProps<string>) => {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const reads = useFieldReads();
  const clusters = useFieldRead(() => reads.clusters(), [reads]);
  let helperText: string | undefined = schema.description;
  if (clusters.error)
    helperText = `Could not read the clusters: ${backendMessage(
      clusters.error,
    )}`;
  return (
    <ChoiceSelect
      id={idSchema?.$id ?? 'cluster-picker'}
      label={schema.title ?? 'Cluster'}
      value={formData}
      choices={clusterChoices(clusters.value ?? [])}
      onChange={onChange}
      required={required}
      error={Boolean(clusters.error) || (rawErrors ?? []).length > 0}
      helperText={helperText}
    />
  );
};
