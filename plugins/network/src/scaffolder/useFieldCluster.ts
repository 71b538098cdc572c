import { useFieldRead } from './useFieldRead';
import { ClusterFieldOptions, fieldCluster } from './fieldCluster';
import { FieldReads } from './fieldReads';

/** The cluster a field reads, asking the backend for its first cluster when the form names none. */
export function useFieldCluster(
  reads: FieldReads,
  options: ClusterFieldOptions | undefined,
  formData: Record<string, unknown> | undefined,
): { cluster?: string; loading: boolean; error?: Error } {
  const named = fieldCluster(options, formData);
  const first = useFieldRead(
    async () => (named ? undefined : (await reads.clusters())[0]?.name),
    [reads, named],
  );
  if (named) return { cluster: named, loading: false };
  return { cluster: first.value, loading: first.loading, error: first.error };
}
