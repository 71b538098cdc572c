/**
 * Minimal OpenAPI documents. kubectl reads `/openapi/v3` to learn whether the server validates
 * fields itself (a `fieldValidation` query parameter on each PATCH operation); when it does,
 * kubectl skips client-side schema validation. Schemas are left open: objects are free-form.
 */
import type { ResourceRegistry, ResourceType } from '../store/types.ts';
import { formatApiVersion } from '../store/resources.ts';

const INFO = { title: 'Kubernetes', version: 'v1.32.3' };

function groupVersions(registry: ResourceRegistry): Array<{ group: string; version: string }> {
  const seen = new Map<string, { group: string; version: string }>();
  for (const resource of registry.all()) {
    for (const version of resource.versions) seen.set(`${resource.group}/${version}`, { group: resource.group, version });
  }
  return [...seen.values()];
}

function pathPrefix(group: string, version: string): string {
  return group === '' ? `api/${version}` : `apis/${group}/${version}`;
}

/** `/openapi/v3`: where each group-version's document lives. */
export function openApiV3Root(registry: ResourceRegistry): Record<string, unknown> {
  const paths: Record<string, unknown> = {};
  for (const { group, version } of groupVersions(registry)) {
    const prefix = pathPrefix(group, version);
    paths[prefix] = { serverRelativeURL: `/openapi/v3/${prefix}?hash=${INFO.version}` };
  }
  return { paths };
}

const QUERY_PARAMETERS = ['dryRun', 'fieldManager', 'fieldValidation', 'force'].map((name) => ({
  name,
  in: 'query',
  schema: { type: name === 'force' ? 'boolean' : 'string', uniqueItems: true },
}));

function objectPath(resource: ResourceType, group: string, version: string): string {
  const base = `/${pathPrefix(group, version)}`;
  return resource.namespaced
    ? `${base}/namespaces/{namespace}/${resource.plural}/{name}`
    : `${base}/${resource.plural}/{name}`;
}

/** `/openapi/v3/api/v1`, `/openapi/v3/apis/<group>/<version>`; undefined if nothing is served there. */
export function openApiV3Document(registry: ResourceRegistry, group: string, version: string): Record<string, unknown> | undefined {
  const resources = registry.all().filter((resource) => resource.group === group && resource.versions.includes(version));
  if (resources.length === 0) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const resource of resources) {
    const gvk = { group, version, kind: resource.kind };
    const schemaName = `${group === '' ? 'io.k8s.api.core' : group}.${version}.${resource.kind}`;
    schemas[schemaName] = {
      type: 'object',
      'x-kubernetes-group-version-kind': [gvk],
      'x-kubernetes-preserve-unknown-fields': true,
    };
    const response = { '200': { description: 'OK', content: { 'application/json': { schema: { $ref: `#/components/schemas/${schemaName}` } } } } };
    paths[objectPath(resource, group, version)] = {
      get: { 'x-kubernetes-action': 'get', 'x-kubernetes-group-version-kind': gvk, responses: response },
      put: { 'x-kubernetes-action': 'put', 'x-kubernetes-group-version-kind': gvk, parameters: QUERY_PARAMETERS, responses: response },
      patch: { 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': gvk, parameters: QUERY_PARAMETERS, responses: response },
    };
  }
  return { openapi: '3.0.0', info: INFO, paths, components: { schemas } };
}

/** `/openapi/v2`: an empty but well-formed Swagger document. */
export function openApiV2Document(registry: ResourceRegistry): Record<string, unknown> {
  const definitions: Record<string, unknown> = {};
  for (const resource of registry.all()) {
    for (const version of resource.versions) {
      definitions[`${resource.group || 'io.k8s.api.core'}.${version}.${resource.kind}`] = {
        type: 'object',
        'x-kubernetes-group-version-kind': [{ group: resource.group, version, kind: resource.kind }],
      };
    }
  }
  return { swagger: '2.0', info: { ...INFO, version: formatApiVersion('', INFO.version) }, paths: {}, definitions };
}
