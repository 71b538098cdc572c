import { KubernetesApiError } from '../../KubernetesClient/KubernetesClient';
import { BOOTSTRAP_FIELD_MANAGER, BootstrapKubernetes } from '../BootstrapKubernetes';
import { manifestLabel } from '../planObjectChange';
import { StepContext, StepOutcome } from './StepOutcome';

/**
 * Applies, for real and in plan order, the objects the plan said would be created or updated
 * (unchanged ones are not written, so a second run changes nothing). Never forces: a conflict
 * with another field manager stops the step and names the manager and fields.
 */
export async function applyBaselineStep(context: StepContext, client: BootstrapKubernetes): Promise<StepOutcome> {
  const planned = context.planStep.objects ?? [];
  const counts = { created: 0, updated: 0, unchanged: 0 };
  for (const [index, manifest] of context.manifests.entries()) {
    const change = planned[index]?.change ?? 'create';
    const label = manifestLabel(manifest);
    if (change === 'unchanged') {
      counts.unchanged += 1;
      continue;
    }
    try {
      await client.apply(manifest, { fieldManager: BOOTSTRAP_FIELD_MANAGER, force: false });
    } catch (error) {
      return { status: 'failed', message: `${label}: ${describeApplyError(error)} (${summary(counts)} before it)` };
    }
    counts[change === 'create' ? 'created' : 'updated'] += 1;
    await context.log(`${change === 'create' ? 'created' : 'updated'} ${label}`);
  }
  const message = summary(counts);
  if (counts.created + counts.updated === 0) return { status: 'skipped', message: `${message}: nothing to apply` };
  return { status: 'succeeded', message };
}

function summary(counts: { created: number; updated: number; unchanged: number }): string {
  return `created ${counts.created}, updated ${counts.updated}, unchanged ${counts.unchanged}`;
}

/** A conflict names the other managers and their fields: `conflict with "helm" using v1: .spec.x`. */
function describeApplyError(error: unknown): string {
  if (error instanceof KubernetesApiError && error.statusCode === 409 && error.causes?.length) {
    const conflicts = error.causes.map(cause => `${cause.message ?? 'conflict'}${cause.field ? `: ${cause.field}` : ''}`);
    return `field conflicts (not forced): ${conflicts.join('; ')}`;
  }
  return error instanceof Error ? error.message : String(error);
}
