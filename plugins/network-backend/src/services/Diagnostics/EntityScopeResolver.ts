import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ObjectRef, RequestPath } from '@internal/plugin-network-common';
import { RequestPathResolver } from '../RequestPathResolver/RequestPathResolver';
import { CheckRunScope } from './DiagnosticCheck';

/**
 * Narrows a run to an entity: the objects of its request path (pods, services, routes, gateways,
 * certificate, policies, pool) are what its checks report on.
 */
export class EntityScopeResolver {
  constructor(private readonly options: { catalog: CatalogService; requestPaths: RequestPathResolver }) {}

  async resolve(entityRef: string, cluster: string, credentials: BackstageCredentials): Promise<Extract<CheckRunScope, { kind: 'entity' }>> {
    let ref;
    try {
      ref = parseEntityRef(entityRef);
    } catch (error) {
      throw new InputError(`selection.entityRef: '${entityRef}' is not an entity ref (kind:namespace/name)`);
    }
    const entity = await this.options.catalog.getEntityByRef(ref, { credentials });
    if (!entity) throw new NotFoundError(`selection.entityRef: entity ${stringifyEntityRef(ref)} not found`);
    const path = await this.options.requestPaths.resolve(entity, { cluster });
    return scopeOfRequestPath(stringifyEntityRef(ref), path);
  }
}

/** The objects, namespaces and hostnames of a request path. */
export function scopeOfRequestPath(entityRef: string, path: RequestPath): Extract<CheckRunScope, { kind: 'entity' }> {
  const objects = new Map<string, ObjectRef>();
  const hops = [...path.paths.flatMap(hostnamePath => hostnamePath.hops), ...path.beside];
  for (const hop of hops) {
    for (const object of hop.evidence.objects) {
      objects.set(`${object.kind}/${object.namespace ?? ''}/${object.name}`, object);
    }
  }
  const namespaces = new Set([path.namespace]);
  for (const object of objects.values()) if (object.namespace) namespaces.add(object.namespace);
  return {
    kind: 'entity',
    entityRef,
    namespaces: [...namespaces].filter(Boolean),
    objects: [...objects.values()],
    hostnames: path.paths.map(hostnamePath => hostnamePath.hostname),
  };
}
