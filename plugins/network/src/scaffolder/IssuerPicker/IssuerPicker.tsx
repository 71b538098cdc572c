import { backendMessage } from '../../components/NetworkErrorPanel';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ChoiceSelect } from '../ChoiceSelect';
import { useClusterFieldRead } from '../useClusterFieldRead';
import { ClusterFieldOptions } from '../fieldCluster';
import { issuerChoices } from './issuerChoices';

/** ui:options of the IssuerPicker. */
export interface IssuerPickerOptions extends ClusterFieldOptions {
  /** Which kinds to offer (default ClusterIssuer only, as the wizard's certificates reference). */
  kinds?: ('ClusterIssuer' | 'Issuer')[];
  /** The form field holding the certificate's namespace, for Issuers (default `namespace`). */
  namespaceField?: string;
}

/** Which kinds an IssuerPicker offers. */
export const issuerKinds = (options?: IssuerPickerOptions) =>
  options?.kinds && options.kinds.length > 0
    ? options.kinds
    : ['ClusterIssuer' as const];

/** Picks a cert-manager issuer from the cluster's overview, each with its Ready state and type. */
export const IssuerPicker = (
  props: FieldExtensionComponentProps<string, IssuerPickerOptions>,
) => {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const {
    options,
    form,
    cluster,
    result: overview,
    failure,
  } = useClusterFieldRead(props, (reads, name) => reads.overview(name));
  const namespace = form[options?.namespaceField ?? 'namespace'];
  const choices = issuerChoices(overview.value?.issuers ?? [], {
    kinds: issuerKinds(options),
    namespace: typeof namespace === 'string' ? namespace : undefined,
  });
  const chosen = choices.find(choice => choice.value === formData);
  let helperText: string | undefined = schema.description;
  if (failure)
    helperText = `Could not read the issuers: ${backendMessage(failure)}`;
  else if (overview.loading) helperText = `Reading the issuers of ${cluster}…`;
  else if (overview.value && !overview.value.issuers)
    helperText =
      'This network backend does not list issuers; type-checked at preflight';
  else if (chosen && !chosen.healthy)
    helperText = `${chosen.label} is ${chosen.state}: certificates from it will not become Ready`;

  return (
    <ChoiceSelect
      id={idSchema?.$id ?? 'issuer-picker'}
      label={schema.title ?? 'Issuer'}
      value={formData}
      choices={choices}
      onChange={onChange}
      required={required}
      error={
        Boolean(failure) ||
        (chosen !== undefined && !chosen.healthy) ||
        (rawErrors ?? []).length > 0
      }
      helperText={helperText}
    />
  );
};
