import type { Entity } from '@backstage/catalog-model';
import type { FilterPredicate } from '@backstage/filter-predicates';

/** The annotations the Kubernetes plugin uses to find an entity's workload. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
/** See {@link KUBERNETES_ID_ANNOTATION}. */
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION =
  'backstage.io/kubernetes-label-selector';

/**
 * The entity filter of the Network tab in the new frontend system: entities set up for the
 * Kubernetes plugin (a filter predicate, so app-config can override it).
 */
export const networkEntityFilter: FilterPredicate = {
  $any: [
    { [`metadata.annotations.${KUBERNETES_ID_ANNOTATION}`]: { $exists: true } },
    {
      [`metadata.annotations.${KUBERNETES_LABEL_SELECTOR_ANNOTATION}`]: {
        $exists: true,
      },
    },
  ],
};

/** True when the entity has a workload to draw a request path for (legacy `EntitySwitch.Case`). */
export function isNetworkAvailable(entity: Entity): boolean {
  const annotations = entity.metadata.annotations ?? {};
  return Boolean(
    annotations[KUBERNETES_ID_ANNOTATION] ||
      annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION],
  );
}
