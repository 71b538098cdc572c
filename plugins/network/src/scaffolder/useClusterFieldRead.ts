import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ClusterFieldOptions } from './fieldCluster';
import { FieldReads } from './fieldReads';
import { useFieldCluster } from './useFieldCluster';
import { useFieldRead } from './useFieldRead';
import { useFieldReads } from './useFieldReads';

/**
 * What every picker that lists something of the chosen cluster needs: its ui:options, the
 * rest of the form's answers, the cluster, and `read` of that cluster (re-read when the
 * cluster changes, retried after a failure). `failure` is the first thing that went wrong.
 */
export function useClusterFieldRead<T, O extends ClusterFieldOptions>(
  props: FieldExtensionComponentProps<string, O>,
  read: (reads: FieldReads, cluster: string) => Promise<T>,
) {
  const options = props.uiSchema['ui:options'];
  const form = (props.formContext?.formData ?? {}) as Record<string, unknown>;
  const reads = useFieldReads();
  const { cluster, error: clusterError } = useFieldCluster(
    reads,
    options,
    form,
  );
  const result = useFieldRead(
    async () => (cluster ? read(reads, cluster) : undefined),
    [reads, cluster],
  );
  return {
    options,
    form,
    cluster,
    result,
    failure: clusterError ?? result.error,
  };
}
