import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService, PermissionsService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { networkReadPermission } from '@internal/plugin-network-common';
import { NetworkClusters } from './services/NetworkClusters/NetworkClusters';
import { ClusterOverviewBuilder } from './services/ClusterOverviewBuilder/ClusterOverviewBuilder';
import { RequestPathResolver } from './services/RequestPathResolver/RequestPathResolver';
import { createAuthorize } from './routes/authorize';
import { parseRouteQuery } from './routes/routeQueryParams';
import { sendSerializedJson, serializedOnce } from './routes/SerializedJson';
import { DiagnosticsRouteDeps, addDiagnosticsRoutes } from './routes/diagnosticsRoutes';
import { BootstrapRouteDeps, addBootstrapRoutes } from './routes/bootstrapRoutes';

/** What the router delegates to. */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  clusters: NetworkClusters;
  overviews: ClusterOverviewBuilder;
  requestPaths: RequestPathResolver;
  /** The diagnostics endpoints; absent in tests of the read model alone. */
  diagnostics?: Omit<DiagnosticsRouteDeps, 'authorize' | 'clusters'>;
  /** The bootstrap endpoints; absent in tests of the read model alone. */
  bootstrap?: BootstrapRouteDeps['bootstrap'];
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

/**
 * The REST API under /api/network: parses, authorizes (`network.read` on every endpoint)
 * and delegates; errors are @backstage/errors classes so the status follows from the class.
 */
export async function createRouter(options: RouterOptions): Promise<express.Router> {
  const { httpAuth, permissions, catalog, clusters, overviews, requestPaths } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const authorize = createAuthorize(httpAuth, permissions);

  function authorizeRead(req: express.Request): Promise<BackstageCredentials> {
    return authorize(req, networkReadPermission);
  }

  function clusterParam(req: express.Request): string {
    const name = req.params.cluster;
    if (!clusters.definition(name)) throw new NotFoundError(`Cluster '${name}' is not configured`);
    return name;
  }

  // The benchmark's floor: the same authentication and permission check, no work.
  router.get('/ping', async (req, res) => {
    await authorizeRead(req);
    res.json({ ok: true });
  });

  router.get('/clusters', async (req, res) => {
    await authorizeRead(req);
    const items = clusters.definitions().map(definition => clusters.summary(definition.name)!);
    res.json({ items });
  });

  router.get('/clusters/:cluster/overview', async (req, res) => {
    await authorizeRead(req);
    await sendSerializedJson(req, res, await overviews.serialized('overview', clusterParam(req)));
  });

  router.get('/clusters/:cluster/routes', async (req, res) => {
    await authorizeRead(req);
    const cluster = clusterParam(req);
    await sendSerializedJson(req, res, await overviews.serializedRoutes(cluster, parseRouteQuery(req.query)));
  });

  router.get('/clusters/:cluster/pools', async (req, res) => {
    await authorizeRead(req);
    await sendSerializedJson(req, res, await overviews.serialized('pools', clusterParam(req)));
  });

  router.get('/clusters/:cluster/gateways', async (req, res) => {
    await authorizeRead(req);
    await sendSerializedJson(req, res, await overviews.serialized('gateways', clusterParam(req)));
  });

  router.get('/entities/:kind/:namespace/:name/request-path', async (req, res) => {
    const credentials = await authorizeRead(req);
    const { kind, namespace, name } = req.params;
    for (const [field, value] of Object.entries({ kind, namespace, name })) {
      if (!NAME_PATTERN.test(value)) {
        throw new InputError(`Malformed entity ref: ${field} '${value}' is not a valid entity ${field}`);
      }
    }
    const cluster = typeof req.query.cluster === 'string' ? req.query.cluster : undefined;
    if (req.query.cluster !== undefined && (!cluster || !clusters.definition(cluster))) {
      throw new NotFoundError(`Cluster '${String(req.query.cluster)}' is not configured`);
    }
    const entity = await catalog.getEntityByRef({ kind, namespace, name }, { credentials });
    if (!entity) throw new NotFoundError(`Entity ${kind}:${namespace}/${name} not found`);
    // A path is reused while its cluster is unchanged, so its serialized form is too.
    await sendSerializedJson(req, res, serializedOnce(await requestPaths.resolve(entity, { cluster })));
  });

  if (options.diagnostics) addDiagnosticsRoutes(router, { authorize, clusters, ...options.diagnostics });
  if (options.bootstrap) addBootstrapRoutes(router, { authorize, clusters, bootstrap: options.bootstrap });

  return router;
}
