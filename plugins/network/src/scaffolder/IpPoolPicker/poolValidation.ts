import { fieldCluster } from '../fieldCluster';
import { FieldReads } from '../fieldReads';
import type { ErrorCollector } from '../fieldValidation';
import type { IpPoolPickerOptions } from './IpPoolPicker';
import { poolProblem } from './poolChoices';

/** The IpPoolPicker's check when the user moves on: the pool exists and can allocate an IP. */
export async function validateIpPoolPicker(
  value: string | undefined,
  validation: ErrorCollector,
  context: {
    reads?: FieldReads;
    formData: Record<string, unknown>;
    options?: IpPoolPickerOptions;
  },
): Promise<void> {
  if (!value) return;
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value)) {
    validation.addError(`'${value}' is not an IP pool name`);
    return;
  }
  const cluster = fieldCluster(context.options, context.formData);
  if (!context.reads || !cluster) return;
  let pools;
  try {
    pools = await context.reads.pools(cluster);
  } catch {
    return;
  }
  const problem = poolProblem(value, pools, cluster);
  if (problem) validation.addError(problem);
}
