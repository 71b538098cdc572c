import { backendMessage } from '../../components/NetworkErrorPanel';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ChoiceSelect } from '../ChoiceSelect';
import { useClusterFieldRead } from '../useClusterFieldRead';
import { ClusterFieldOptions } from '../fieldCluster';
import {
  gatewayChoices,
  gatewayRef,
  listenerChoices,
  listenerProblem,
} from './gatewayChoices';

/** ui:options of the GatewayPicker. */
export interface GatewayPickerOptions extends ClusterFieldOptions {
  /** `gateway` (default) sets `namespace/name`; `listener` sets a listener name of the gateway in `gatewayField`. */
  pick?: 'gateway' | 'listener';
  /** The form field holding the gateway, for `pick: listener` (default `gateway`). */
  gatewayField?: string;
  /** The form field holding the service's namespace, to check the listener admits it (default `namespace`). */
  namespaceField?: string;
}

/**
 * Picks a Gateway, or one of its listeners, from the live cluster
 * (`GET /api/network/clusters/:cluster/gateways`), each with its Programmed state,
 * addresses and which namespaces its listeners admit routes from.
 */
export const GatewayPicker = (
  props: FieldExtensionComponentProps<string, GatewayPickerOptions>,
) => {
  const { formData, onChange, schema, rawErrors, required, idSchema } = props;
  const {
    options,
    form,
    cluster,
    result: gateways,
    failure,
  } = useClusterFieldRead(props, (reads, name) => reads.gateways(name));
  const pick = options?.pick ?? 'gateway';
  const chosenGateway = String(form[options?.gatewayField ?? 'gateway'] ?? '');
  const gateway = gateways.value?.find(
    candidate => gatewayRef(candidate) === chosenGateway,
  );
  let choices = gatewayChoices(gateways.value ?? []);
  if (pick === 'listener') choices = gateway ? listenerChoices(gateway) : [];

  const namespace = form[options?.namespaceField ?? 'namespace'];
  const problem =
    pick === 'listener' && gateway && formData
      ? listenerProblem(
          gateway,
          formData,
          typeof namespace === 'string' ? namespace : undefined,
        )
      : undefined;
  let helperText: string | undefined = schema.description;
  if (failure)
    helperText = `Could not read the gateways: ${backendMessage(failure)}`;
  else if (gateways.loading) helperText = `Reading the gateways of ${cluster}…`;
  else if (pick === 'listener' && !gateway)
    helperText = chosenGateway
      ? `Gateway ${chosenGateway} is not in cluster ${cluster}`
      : 'Pick the gateway first';
  else if (problem) helperText = problem;

  return (
    <ChoiceSelect
      id={idSchema?.$id ?? 'gateway-picker'}
      label={schema.title ?? (pick === 'gateway' ? 'Gateway' : 'Listener')}
      value={formData}
      choices={choices}
      onChange={onChange}
      required={required}
      error={
        Boolean(failure) || Boolean(problem) || (rawErrors ?? []).length > 0
      }
      helperText={helperText}
    />
  );
};
