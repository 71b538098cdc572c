import type { HostnameClaimOwner } from '@internal/plugin-network-common';
import { fieldCluster } from '../fieldCluster';
import { FieldReads } from '../fieldReads';
import type { ErrorCollector } from '../fieldValidation';
import {
  hostnameAvailability,
  hostnameFormProblem,
} from './hostnameAvailability';
import type { HostnamePickerOptions } from './HostnamePicker';
import { readHostnameSources } from './hostnameSources';

/** The service the form describes, whose own route does not make its hostname taken. */
export function hostnameOwner(
  formData: Record<string, unknown>,
  options: HostnamePickerOptions | undefined,
): HostnameClaimOwner | undefined {
  const namespace = formData[options?.namespaceField ?? 'namespace'];
  const name = formData[options?.nameField ?? 'name'];
  return typeof namespace === 'string' &&
    typeof name === 'string' &&
    namespace &&
    name
    ? { namespace, name }
    : undefined;
}

/**
 * The HostnamePicker's check when the user moves on: the form of the name, then (when the
 * cluster can be read) the domains and availability. An unreadable cluster does not block
 * the form; the template's `network:hostname:check` step checks again before publishing.
 */
export async function validateHostnamePicker(
  value: string | undefined,
  validation: ErrorCollector,
  context: {
    reads?: FieldReads;
    formData: Record<string, unknown>;
    options?: HostnamePickerOptions;
  },
): Promise<void> {
  if (!value) return;
  const formProblem = hostnameFormProblem(value);
  if (formProblem) {
    validation.addError(formProblem);
    return;
  }
  const cluster = fieldCluster(context.options, context.formData);
  if (!context.reads || !cluster) return;
  let sources;
  try {
    sources = await readHostnameSources(context.reads, cluster, value);
  } catch {
    return;
  }
  const verdict = hostnameAvailability(value, sources, {
    allowedDomains: context.options?.allowedDomains,
    owner: hostnameOwner(context.formData, context.options),
  });
  if (verdict.state !== 'available') validation.addError(verdict.message);
}
