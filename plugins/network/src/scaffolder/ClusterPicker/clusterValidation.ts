import { FieldReads } from '../fieldReads';
import type { ErrorCollector } from '../fieldValidation';

/** The ClusterPicker's check: a cluster the network backend knows. */
export async function validateClusterPicker(
  value: string | undefined,
  validation: ErrorCollector,
  context: { reads?: FieldReads },
): Promise<void> {
  if (!value) return;
  if (!context.reads) return;
  let names: string[];
  try {
    names = (await context.reads.clusters()).map(cluster => cluster.name);
  } catch {
    return;
  }
  if (!names.includes(value))
    validation.addError(
      `cluster ${value} is not configured (known: ${
        names.join(', ') || 'none'
      })`,
    );
}
