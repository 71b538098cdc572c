import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  LabelRequirement,
  matchesLabelRequirements,
  matchesLabelSelector,
  parseLabelSelectorString,
} from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';

/** The Kubernetes plugin's annotations, read the same way it reads them. */
export const KUBERNETES_ID_ANNOTATION = 'backstage.io/kubernetes-id';
export const KUBERNETES_NAMESPACE_ANNOTATION = 'backstage.io/kubernetes-namespace';
export const KUBERNETES_LABEL_SELECTOR_ANNOTATION = 'backstage.io/kubernetes-label-selector';

/** Which objects belong to an entity: a label selector, optionally limited to a namespace. */
export interface WorkloadSelector {
  /** The selector as text, for evidence. */
  text: string;
  requirements: LabelRequirement[];
  namespace?: string;
}

/**
 * Reads the entity's Kubernetes annotations: the label selector annotation wins, else
 * `backstage.io/kubernetes-id=<id>`. An entity with neither is a 400: there is nothing to look for.
 */
export function workloadSelectorOf(entity: Entity): WorkloadSelector {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[KUBERNETES_NAMESPACE_ANNOTATION] || undefined;
  const selectorText = annotations[KUBERNETES_LABEL_SELECTOR_ANNOTATION];
  if (selectorText) {
    const parsed = parseLabelSelectorString(selectorText);
    if ('error' in parsed) {
      throw new InputError(`Annotation ${KUBERNETES_LABEL_SELECTOR_ANNOTATION} is malformed: ${parsed.error}`);
    }
    return { text: selectorText, requirements: parsed.requirements, namespace };
  }
  const id = annotations[KUBERNETES_ID_ANNOTATION];
  if (id) {
    return {
      text: `${KUBERNETES_ID_ANNOTATION}=${id}`,
      requirements: [{ key: KUBERNETES_ID_ANNOTATION, operator: 'In', values: [id] }],
      namespace,
    };
  }
  throw new InputError(
    `Entity has no ${KUBERNETES_ID_ANNOTATION} or ${KUBERNETES_LABEL_SELECTOR_ANNOTATION} annotation; add one so its workload can be found`,
  );
}

/**
 * Objects of a kind that carry the selector's labels. Starts from the label index with the
 * first single-value `In` requirement, so large clusters are not scanned.
 */
export function selectByLabels(cache: ClusterCache, kind: string, selector: WorkloadSelector): any[] {
  const seed = selector.requirements.find(requirement => requirement.operator === 'In' && requirement.values.length === 1);
  let candidates: any[];
  if (seed && cache.hasIndex(kind, 'label')) {
    candidates = cache.byIndex(kind, 'label', `${seed.key}=${seed.values[0]}`);
  } else {
    candidates = cache.list(kind, selector.namespace);
  }
  return candidates.filter(
    object =>
      (!selector.namespace || object.metadata.namespace === selector.namespace) &&
      matchesLabelRequirements(selector.requirements, object.metadata.labels),
  );
}

/** Services in the pods' namespaces whose spec.selector selects at least one of the pods. */
export function servicesSelectingPods(cache: ClusterCache, pods: any[]): any[] {
  const namespaces = new Set(pods.map(pod => pod.metadata.namespace));
  const services: any[] = [];
  for (const namespace of namespaces) {
    const podsHere = pods.filter(pod => pod.metadata.namespace === namespace);
    for (const service of cache.list('Service', namespace)) {
      const selector = service.spec?.selector;
      if (!selector || Object.keys(selector).length === 0) continue;
      if (podsHere.some(pod => matchesLabelSelector({ matchLabels: selector }, pod.metadata.labels))) {
        services.push(service);
      }
    }
  }
  return services;
}
