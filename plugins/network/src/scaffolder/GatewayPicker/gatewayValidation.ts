import type { ErrorCollector } from '../fieldValidation';
import { fieldCluster } from '../fieldCluster';
import { FieldReads } from '../fieldReads';
import { gatewayRef, listenerProblem } from './gatewayChoices';
import type { GatewayPickerOptions } from './GatewayPicker';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Checks the form of a GatewayPicker value: `namespace/name` (gateway) or a listener name. */
export function gatewayValueProblem(
  value: string,
  pick: 'gateway' | 'listener',
): string | undefined {
  if (pick === 'listener')
    return NAME.test(value) && value.length <= 253
      ? undefined
      : `'${value}' is not a listener name (lowercase letters, digits and '-')`;
  const parts = value.split('/');
  return parts.length === 2 && parts.every(part => NAME.test(part))
    ? undefined
    : `'${value}' is not a gateway as namespace/name`;
}

/**
 * The GatewayPicker's check when the user moves on: the value's form, and for a listener
 * that it exists on the chosen gateway and admits routes from the service's namespace.
 */
export async function validateGatewayPicker(
  value: string | undefined,
  validation: ErrorCollector,
  context: {
    reads?: FieldReads;
    formData: Record<string, unknown>;
    options?: GatewayPickerOptions;
  },
): Promise<void> {
  if (!value) return;
  const pick = context.options?.pick ?? 'gateway';
  const problem = gatewayValueProblem(value, pick);
  if (problem) {
    validation.addError(problem);
    return;
  }
  const cluster = fieldCluster(context.options, context.formData);
  if (!context.reads || !cluster) return;
  let gateways;
  try {
    gateways = await context.reads.gateways(cluster);
  } catch {
    // An unreadable cluster does not block the form; the preflight step checks again.
    return;
  }
  const wanted =
    pick === 'gateway'
      ? value
      : String(context.formData[context.options?.gatewayField ?? 'gateway']);
  const gateway = gateways.find(candidate => gatewayRef(candidate) === wanted);
  if (!gateway) {
    validation.addError(
      `gateway ${wanted} does not exist in cluster ${cluster}`,
    );
    return;
  }
  if (pick === 'listener') {
    const namespace =
      context.formData[context.options?.namespaceField ?? 'namespace'];
    const listener = listenerProblem(
      gateway,
      value,
      typeof namespace === 'string' ? namespace : undefined,
    );
    if (listener) validation.addError(listener);
  }
}
