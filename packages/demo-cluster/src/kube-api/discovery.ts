/**
 * API discovery documents: the legacy ones (`/api`, `/apis`, `/apis/<group>/<version>`) and
 * the aggregated `apidiscovery.k8s.io/v2` lists that kubectl 1.32 asks for first.
 */
import type { ResourceRegistry, ResourceType } from '../store/types.ts';
import { formatApiVersion } from '../store/resources.ts';

const OBJECT_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** Verbs and response kind of each subresource the server implements. */
function subresourceInfo(resource: ResourceType, subresource: string): { kind: string; verbs: string[] } {
  switch (subresource) {
    case 'exec':
      return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'log':
      return { kind: 'Pod', verbs: ['get'] };
    case 'scale':
      return { kind: 'Scale', verbs: ['get', 'patch', 'update'] };
    case 'finalize':
      return { kind: resource.kind, verbs: ['update'] };
    default:
      return { kind: resource.kind, verbs: ['get', 'patch', 'update'] };
  }
}

/** A group and the versions it serves, the preferred one first. */
export interface ServedGroup {
  name: string;
  versions: string[];
}

/** The API groups (without the core group), in registry order, with their served versions. */
export function servedGroups(registry: ResourceRegistry): ServedGroup[] {
  const groups = new Map<string, Set<string>>();
  for (const resource of registry.all()) {
    if (resource.group === '') continue;
    const versions = groups.get(resource.group) ?? new Set<string>();
    for (const version of resource.versions) versions.add(version);
    groups.set(resource.group, versions);
  }
  return [...groups].map(([name, versions]) => ({ name, versions: sortVersions([...versions]) }));
}

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
export function sortVersions(versions: string[]): string[] {
  const rank = (version: string): [number, number, number] => {
    const match = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
    if (!match) return [0, 0, 0];
    const stability = match[2] === undefined ? 3 : match[2] === 'beta' ? 2 : 1;
    return [stability, Number(match[1]), Number(match[3] ?? 0)];
  };
  return [...versions].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < 3; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    return 0;
  });
}

function resourcesIn(registry: ResourceRegistry, group: string, version: string): ResourceType[] {
  return registry.all().filter((resource) => resource.group === group && resource.versions.includes(version));
}

/** `/api`: the APIVersions document. */
export function apiVersions(serverAddress: string): Record<string, unknown> {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `/apis`: the APIGroupList document. */
export function apiGroupList(registry: ResourceRegistry): Record<string, unknown> {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: servedGroups(registry).map(apiGroup),
  };
}

/** `/apis/<group>`: one APIGroup document. */
export function apiGroup(group: ServedGroup): Record<string, unknown> {
  const versions = group.versions.map((version) => ({ groupVersion: `${group.name}/${version}`, version }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: group.name, versions, preferredVersion: versions[0] };
}

/** `/api/v1`, `/apis/<group>/<version>`: the APIResourceList, or undefined if nothing is served there. */
export function apiResourceList(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const served = resourcesIn(registry, group, version);
  if (served.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const resource of served) {
    const entry: Record<string, unknown> = {
      name: resource.plural,
      singularName: resource.singular,
      namespaced: resource.namespaced,
      kind: resource.kind,
      verbs: OBJECT_VERBS,
    };
    if (resource.shortNames.length > 0) entry.shortNames = resource.shortNames;
    if (resource.categories.length > 0) entry.categories = resource.categories;
    resources.push(entry);
    for (const subresource of resource.subresources) {
      const info = subresourceInfo(resource, subresource);
      resources.push({
        name: `${resource.plural}/${subresource}`,
        singularName: '',
        namespaced: resource.namespaced,
        kind: info.kind,
        verbs: info.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: formatApiVersion(group, version), resources };
}

/** The Content-Type of an aggregated discovery answer. */
export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

function resourceDiscovery(resource: ResourceType, version: string): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    resource: resource.plural,
    responseKind: { group: resource.group, version, kind: resource.kind },
    scope: resource.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: resource.singular,
    verbs: OBJECT_VERBS,
  };
  if (resource.shortNames.length > 0) entry.shortNames = resource.shortNames;
  if (resource.categories.length > 0) entry.categories = resource.categories;
  if (resource.subresources.length > 0) {
    entry.subresources = resource.subresources.map((subresource) => {
      const info = subresourceInfo(resource, subresource);
      const responseKind =
        subresource === 'scale' ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : { group: resource.group, version, kind: info.kind };
      return { subresource, responseKind, verbs: info.verbs };
    });
  }
  return entry;
}

function groupDiscovery(registry: ResourceRegistry, name: string, versions: string[]): Record<string, unknown> {
  return {
    metadata: { name, creationTimestamp: null },
    versions: versions.map((version) => ({
      version,
      resources: resourcesIn(registry, name, version).map((resource) => resourceDiscovery(resource, version)),
      freshness: 'Current',
    })),
  };
}

/** Aggregated discovery of `/api` (core group only) or `/apis` (every other group). */
export function aggregatedDiscovery(registry: ResourceRegistry, path: '/api' | '/apis'): Record<string, unknown> {
  const items =
    path === '/api'
      ? [groupDiscovery(registry, '', ['v1'])]
      : servedGroups(registry).map((group) => groupDiscovery(registry, group.name, group.versions));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** True when the Accept header asks for aggregated discovery v2. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').some((part) => {
    const params = part.split(';').map((p) => p.trim());
    return params.includes('g=apidiscovery.k8s.io') && params.includes('v=v2') && params.includes('as=APIGroupDiscoveryList');
  });
}
