import { backendMessage } from '../../components/NetworkErrorPanel';
import { useState } from 'react';
import { useFieldRead } from '../useFieldRead';
import useDebounce from 'react-use/esm/useDebounce';
import TextField from '@material-ui/core/TextField';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ClusterFieldOptions } from '../fieldCluster';
import { useFieldCluster } from '../useFieldCluster';
import { useFieldReads } from '../useFieldReads';
import {
  hostnameAvailability,
  hostnameFormProblem,
} from './hostnameAvailability';
import { readHostnameSources } from './hostnameSources';
import { hostnameOwner } from './hostnameValidation';

/** ui:options of the HostnamePicker. */
export interface HostnamePickerOptions extends ClusterFieldOptions {
  /** Domains the name must be under; default: the zones of the gateways' wildcard listeners. */
  allowedDomains?: string[];
  /** Form fields naming the service, so its own route does not count as taken (default `namespace`, `name`). */
  namespaceField?: string;
  nameField?: string;
  /** Milliseconds of no typing before the availability check (default 400). */
  debounceMs?: number;
}

/**
 * A hostname input that checks the name's form as you type and, once typing pauses, its
 * availability against the cluster's routes naming it, Ingresses and DNS records (the
 * network backend's routes and overview), with the same rule as the `network:hostname:check` action.
 */
export const HostnamePicker = (
  props: FieldExtensionComponentProps<string, HostnamePickerOptions>,
) => {
  const {
    formData,
    onChange,
    schema,
    uiSchema,
    rawErrors,
    required,
    idSchema,
  } = props;
  const options = uiSchema['ui:options'];
  const form = (props.formContext?.formData ?? {}) as Record<string, unknown>;
  const reads = useFieldReads();
  const { cluster } = useFieldCluster(reads, options, form);
  const value = formData ?? '';
  const formProblem = value ? hostnameFormProblem(value) : undefined;

  const [settled, setSettled] = useState(value);
  useDebounce(() => setSettled(value), options?.debounceMs ?? 400, [value]);
  const owner = hostnameOwner(form, options);
  const verdict = useFieldRead(async () => {
    if (!settled || !cluster || hostnameFormProblem(settled)) return undefined;
    const sources = await readHostnameSources(reads, cluster, settled);
    return hostnameAvailability(settled, sources, {
      allowedDomains: options?.allowedDomains,
      owner,
    });
  }, [settled, cluster, reads, owner?.namespace, owner?.name]);

  let helperText: string | undefined = schema.description;
  let error = (rawErrors ?? []).length > 0;
  if (formProblem) {
    helperText = formProblem;
    error = true;
  } else if (value && (settled !== value || verdict.loading)) {
    helperText = `Checking ${value} in cluster ${cluster ?? '…'}…`;
  } else if (verdict.error) {
    helperText = `Could not check availability: ${backendMessage(
      verdict.error,
    )}`;
  } else if (verdict.value) {
    helperText = verdict.value.message;
    error = verdict.value.state !== 'available';
  }

  return (
    <TextField
      id={idSchema?.$id ?? 'hostname-picker'}
      fullWidth
      margin="normal"
      label={schema.title ?? 'Hostname'}
      value={value}
      required={required}
      error={error}
      helperText={helperText}
      inputProps={{ spellCheck: false, autoCapitalize: 'none' }}
      onChange={event => onChange(event.target.value)}
    />
  );
};
