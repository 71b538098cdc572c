import { fieldCluster, ClusterFieldOptions } from '../fieldCluster';
import { FieldReads } from '../fieldReads';
import type { ErrorCollector } from '../fieldValidation';

/**
 * The plan confirmation's check when the user moves on: a confirmed sha256 hash that still
 * matches a fresh plan (the cluster may have changed while the form was open). The
 * actions check again right before they run.
 */
export async function validateBootstrapPlanConfirm(
  value: string | undefined,
  validation: ErrorCollector,
  context: {
    reads?: FieldReads;
    formData: Record<string, unknown>;
    options?: ClusterFieldOptions;
  },
): Promise<void> {
  if (!value || !/^[0-9a-f]{64}$/.test(value)) {
    validation.addError('confirm the plan before running it');
    return;
  }
  const cluster = fieldCluster(context.options, context.formData);
  if (!context.reads || !cluster) return;
  let plan;
  try {
    plan = await context.reads.bootstrapPlan(cluster);
  } catch {
    return;
  }
  if (plan.hash !== value)
    validation.addError(
      'the plan changed since you confirmed it; review it and confirm again',
    );
}
