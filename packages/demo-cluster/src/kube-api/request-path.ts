/**
 * Parses API server URL paths into what they address:
 * `/api/v1/namespaces/ns/pods/name/exec`, `/apis/apps/v1/deployments`, `/api/v1/namespaces/ns`.
 */
import type { ResourceRegistry, ResourceType } from '../store/types.ts';
import { resourceNotServed } from './status.ts';

/** A request for objects of one resource type. */
export interface ResourceRequest {
  resource: ResourceType;
  group: string;
  version: string;
  /** The namespace from the path (undefined for cluster-scoped or all-namespaces requests). */
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

function serves(resource: ResourceType | undefined, version: string): resource is ResourceType {
  return resource !== undefined && resource.versions.includes(version);
}

/**
 * Parses the path segments after `/api` or `/apis`. Returns undefined for paths that are not
 * resource paths (discovery), throws a 404 ApiError for resource paths the server does not serve.
 */
export function parseResourcePath(registry: ResourceRegistry, segments: string[]): ResourceRequest | undefined {
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api') {
    if (segments.length < 3) return undefined;
    group = '';
    version = segments[1]!;
    rest = segments.slice(2);
  } else if (segments[0] === 'apis') {
    if (segments.length < 4) return undefined;
    group = segments[1]!;
    version = segments[2]!;
    rest = segments.slice(3);
  } else {
    return undefined;
  }

  const lookup = (plural: string) => registry.byKey({ group, plural });
  // `namespaces/<ns>/<plural>...` addresses namespaced objects unless <plural> is a
  // subresource of the Namespace object itself (`namespaces/<ns>/status`).
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const namespaced = lookup(rest[2]!);
    if (namespaced?.namespaced) {
      if (!serves(namespaced, version)) throw resourceNotServed();
      if (rest.length > 5) throw resourceNotServed();
      return {
        resource: namespaced,
        group,
        version,
        namespace: rest[1],
        name: rest[3],
        subresource: rest[4],
      };
    }
  }
  const resource = lookup(rest[0]!);
  if (!serves(resource, version) || rest.length > 3) throw resourceNotServed();
  return { resource, group, version, namespace: undefined, name: rest[1], subresource: rest[2] };
}
