/**
 * CustomResourceDefinition objects for the custom kinds of the registry, so that
 * `kubectl get crd` and tools that read CRDs see what a real cluster with Cilium, Gateway API,
 * cert-manager and external-dns installed would list.
 */
import { resourceTypeFromDefinition } from '../store/resources.ts';
import type { KubeObject, ObjectStore, ResourceType } from '../store/types.ts';
import { ApiError } from './status.ts';

const CRD_KEY = { group: 'apiextensions.k8s.io', plural: 'customresourcedefinitions' };

/** The CRD object describing one custom resource type. */
export function customResourceDefinitionFor(resource: ResourceType): KubeObject {
  const names: Record<string, unknown> = {
    plural: resource.plural,
    singular: resource.singular,
    kind: resource.kind,
    listKind: resource.listKind,
  };
  if (resource.shortNames.length > 0) names.shortNames = resource.shortNames;
  if (resource.categories.length > 0) names.categories = resource.categories;
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${resource.plural}.${resource.group}` },
    spec: {
      group: resource.group,
      names,
      scope: resource.namespaced ? 'Namespaced' : 'Cluster',
      versions: resource.versions.map((version, index) => ({
        name: version,
        served: true,
        storage: index === 0,
        schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
        ...(resource.subresources.includes('status') ? { subresources: { status: {} } } : {}),
      })),
      conversion: { strategy: 'None' },
    },
    status: {
      acceptedNames: names,
      storedVersions: [resource.versions[0]],
      conditions: [
        { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
        { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
      ],
    },
  };
}

/** Creates the CRD objects that are missing from the store. */
export function ensureCustomResourceDefinitions(store: ObjectStore): void {
  for (const resource of store.resources.all()) {
    if (!resource.isCustomResource) continue;
    const crd = customResourceDefinitionFor(resource);
    if (store.get(CRD_KEY, undefined, crd.metadata.name)) continue;
    store.create(crd);
  }
}

/**
 * Checks a CustomResourceDefinition sent by a client and gives it the status the apiextensions
 * server reports once the names are accepted (`NamesAccepted`, `Established`). 422 when the
 * definition is not usable.
 */
export function prepareDefinitionForCreate(definition: KubeObject): void {
  const defined = resourceTypeFromDefinition(definition);
  if (!defined) {
    throw new ApiError(
      422,
      'Invalid',
      `CustomResourceDefinition.apiextensions.k8s.io "${definition.metadata.name}" is invalid: spec: Invalid value: the definition needs spec.group, spec.names.kind, spec.names.plural, a served version, and the name <plural>.<group>`,
      { name: definition.metadata.name, group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' },
    );
  }
  const spec = definition.spec as { names: Record<string, unknown>; versions: Array<{ name: string; storage?: boolean }> };
  definition.status = {
    acceptedNames: spec.names,
    storedVersions: [defined.versions[0]],
    conditions: [
      { type: 'NamesAccepted', status: 'True', reason: 'NoConflicts', message: 'no conflicts found' },
      { type: 'Established', status: 'True', reason: 'InitialNamesAccepted', message: 'the initial names have been accepted' },
    ],
  };
}
