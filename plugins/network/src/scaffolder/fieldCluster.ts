import type { UsedWhen } from './fieldUsedWhen';

/** The ui:options every network field accepts: which cluster it reads, and when it matters. */
export interface ClusterFieldOptions {
  /** The answers under which the field matters; otherwise it is not checked. */
  usedWhen?: UsedWhen;
  /** A fixed cluster name. */
  cluster?: string;
  /** The form field holding the cluster name (default `cluster`). */
  clusterField?: string;
}

/**
 * The cluster a field reads: `ui:options.cluster`, else the value of the form's cluster
 * field (any page; the scaffolder passes every page's answers as `formContext.formData`),
 * else undefined, and the field falls back to the backend's first cluster.
 */
export function fieldCluster(
  options: ClusterFieldOptions | undefined,
  formData: Record<string, unknown> | undefined,
): string | undefined {
  if (options?.cluster) return options.cluster;
  const value = formData?.[options?.clusterField ?? 'cluster'];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
