/**
 * API groups whose answers are computed rather than stored: the metrics API and the access
 * review APIs. Each declares its resources for discovery and answers its own requests.
 */
import type { MemoryStore } from '../store/memory-store.ts';

/** One resource of a computed API group. */
export interface VirtualResource {
  name: string;
  kind: string;
  singular: string;
  namespaced: boolean;
  verbs: string[];
}

/** A request under `/apis/<group>/<version>/`. */
export interface VirtualRequest {
  method: string;
  /** Path segments after the version. */
  rest: string[];
  params: URLSearchParams;
  /** The decoded body of a POST (undefined when absent or not JSON/YAML). */
  body: unknown;
}

/** A computed API group. */
export interface VirtualApi {
  group: string;
  version: string;
  resources: VirtualResource[];
  /** Answers a request (status code and body); throws an ApiError for errors. */
  answer(store: MemoryStore, request: VirtualRequest): { code: number; body: Record<string, unknown> };
}

/** `/apis/<group>/<version>`: the APIResourceList of a computed group. */
export function virtualResourceList(api: VirtualApi): Record<string, unknown> {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: `${api.group}/${api.version}`,
    resources: api.resources.map((resource) => ({
      name: resource.name,
      singularName: resource.singular,
      namespaced: resource.namespaced,
      kind: resource.kind,
      verbs: resource.verbs,
    })),
  };
}

/** A computed group as an aggregated discovery item. */
export function virtualGroupDiscovery(api: VirtualApi): Record<string, unknown> {
  return {
    metadata: { name: api.group, creationTimestamp: null },
    versions: [
      {
        version: api.version,
        resources: api.resources.map((resource) => ({
          resource: resource.name,
          responseKind: { group: api.group, version: api.version, kind: resource.kind },
          scope: resource.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: resource.singular,
          verbs: resource.verbs,
        })),
        freshness: 'Current',
      },
    ],
  };
}
