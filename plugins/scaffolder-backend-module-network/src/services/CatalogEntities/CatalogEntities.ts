import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Whether the catalog serves an entity yet. */
export interface CatalogEntities {
  /** True once `entityRef` (`kind:namespace/name`) can be read from the catalog, as `onBehalfOf` sees it. */
  isServed(
    entityRef: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<boolean>;
}

/** Parses `kind:namespace/name` (namespace optional, default `default`). */
export function parseEntityRef(entityRef: string): {
  kind: string;
  namespace: string;
  name: string;
} {
  const match = /^([^:/]+):(?:([^:/]+)\/)?([^:/]+)$/.exec(entityRef);
  if (!match) throw new TypeError(`'${entityRef}' is not an entity reference`);
  return {
    kind: match[1].toLowerCase(),
    namespace: match[2] ?? 'default',
    name: match[3],
  };
}

/** {@link CatalogEntities} over the catalog's REST API. */
export class CatalogEntitiesClient implements CatalogEntities {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  async isServed(
    entityRef: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<boolean> {
    const { kind, namespace, name } = parseEntityRef(entityRef);
    const baseUrl = await this.options.discovery.getBaseUrl('catalog');
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'catalog',
    });
    const response = await fetch(
      `${baseUrl}/entities/by-name/${[kind, namespace, name]
        .map(encodeURIComponent)
        .join('/')}`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    if (response.status === 404) return false;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return true;
  }
}
