import { NotFoundError } from '@backstage/errors';
import { ClusterApi } from './ClusterApi/ClusterApi';

/**
 * The cluster an action works on: the one the input names, or the first configured one
 * (the demo cluster in demo mode). Only clusters with API credentials in the Kubernetes
 * plugin's config can be checked or applied to.
 */
export function chooseCluster(
  clusterApi: ClusterApi,
  requested: string | undefined,
): string {
  const names = clusterApi.clusterNames();
  if (requested) {
    if (!names.includes(requested))
      throw new NotFoundError(`Cluster '${requested}' is not configured`);
    return requested;
  }
  if (names.length === 0)
    throw new NotFoundError(
      'No cluster is configured in kubernetes.clusterLocatorMethods',
    );
  return names[0];
}
