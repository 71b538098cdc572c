import { fieldCluster } from '../fieldCluster';
import { FieldReads } from '../fieldReads';
import type { ErrorCollector } from '../fieldValidation';
import { issuerChoices, issuerProblem } from './issuerChoices';
import { issuerKinds, IssuerPickerOptions } from './IssuerPicker';

/**
 * The IssuerPicker's check when the user moves on: the issuer exists in the cluster and is
 * Ready. Skipped when the cluster cannot be read or the backend lists no issuers; the
 * template's preflight checks the issuer again.
 */
export async function validateIssuerPicker(
  value: string | undefined,
  validation: ErrorCollector,
  context: {
    reads?: FieldReads;
    formData: Record<string, unknown>;
    options?: IssuerPickerOptions;
  },
): Promise<void> {
  if (!value) return;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) {
    validation.addError(`'${value}' is not an issuer name`);
    return;
  }
  const cluster = fieldCluster(context.options, context.formData);
  if (!context.reads || !cluster) return;
  let issuers;
  try {
    issuers = (await context.reads.overview(cluster)).issuers;
  } catch {
    return;
  }
  if (!issuers) return;
  const namespace =
    context.formData[context.options?.namespaceField ?? 'namespace'];
  const problem = issuerProblem(
    value,
    issuerChoices(issuers, {
      kinds: issuerKinds(context.options),
      namespace: typeof namespace === 'string' ? namespace : undefined,
    }),
    cluster,
  );
  if (problem) validation.addError(problem);
}
