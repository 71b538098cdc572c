import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { networkPlugin } from './plugin';

// A cluster nothing listens for: the plugin must answer partially, never fail.
const config = {
  kubernetes: {
    clusterLocatorMethods: [
      { type: 'config', clusters: [{ name: 'lab', url: 'https://127.0.0.1:1', authProvider: 'serviceAccount', serviceAccountToken: 'x' }] },
    ],
  },
};

const entities = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'jellyfin', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'jellyfin' } },
    spec: { type: 'service', lifecycle: 'production', owner: 'team' },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'plain', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team' },
  },
];

async function startBackend(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const published: unknown[] = [];
  const { server } = await startTestBackend({
    features: [
      networkPlugin,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.permissions.factory({ result }),
      catalogServiceMock.factory({ entities }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: unknown) => {
            published.push(signal);
          },
        }),
      }),
    ],
  });
  return server;
}

describe('network router', () => {
  describe('allowed user', () => {
    let server: Awaited<ReturnType<typeof startBackend>>;
    beforeAll(async () => {
      server = await startBackend(AuthorizeResult.ALLOW);
    });

    it('lists the configured clusters with their health', async () => {
      const response = await request(server).get('/api/network/clusters');
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
      expect(response.body.items[0]).toMatchObject({ name: 'lab', health: 'unreachable' });
      expect(response.body.items[0].kinds.map((kind: any) => kind.kind)).toContain('gateway.networking.k8s.io/HTTPRoute');
      // Credentials never reach the browser.
      expect(JSON.stringify(response.body)).not.toContain('serviceAccountToken');
    });

    it('answers 404 for an unknown cluster', async () => {
      for (const section of ['overview', 'pools', 'gateways', 'routes']) {
        const response = await request(server).get(`/api/network/clusters/nope/${section}`);
        expect(response.status).toBe(404);
        expect(response.body.error.name).toBe('NotFoundError');
      }
    });

    it('answers an unreachable cluster partially: stale, and the cluster listed as missing', async () => {
      const overview = await request(server).get('/api/network/clusters/lab/overview');
      expect(overview.status).toBe(200);
      expect(overview.body).toMatchObject({ stale: true, gateways: [], pools: [] });
      expect(overview.body.missing[0]).toBe('cluster');
      expect(overview.body.routeCounts).toEqual({ total: 0, ok: 0, warning: 0, failing: 0, unknown: 0 });
      expect(overview.body.routes).toBeUndefined();
      const routes = await request(server).get('/api/network/clusters/lab/routes?limit=10');
      expect(routes.body).toEqual({ cluster: 'lab', stale: true, missing: ['cluster'], total: 0, matched: 0, offset: 0, limit: 10, items: [] });
      const pools = await request(server).get('/api/network/clusters/lab/pools');
      expect(pools.body).toEqual({ cluster: 'lab', items: [], stale: true, missing: ['cluster'] });
      const path = await request(server).get('/api/network/entities/component/default/jellyfin/request-path');
      expect(path.status).toBe(200);
      expect(path.body).toMatchObject({ entityRef: 'component:default/jellyfin', cluster: 'lab', stale: true, paths: [], state: 'unknown' });
      expect(path.body.missing).toEqual(expect.arrayContaining(['cluster', 'dns-internal', 'dns-external']));
    });

    it.each([
      ['limit=0', 'limit must be from 1 to 500'],
      ['limit=501', "limit must be a whole number from 0 to 500, not '501'"],
      ['offset=-1', "offset must be a whole number"],
      ['offset=1e3', "offset must be a whole number"],
      ['state=broken', "state 'broken' is not one of ok, warning, failing, unknown"],
      ['state=ok&state=failing', 'state must be given once, as text'],
      ['gateway=../../etc', "gateway must be namespace/name, not '../../etc'"],
      [`search=${'x'.repeat(254)}`, 'search must be at most 253 characters'],
      ['sort=name', "Unknown parameter 'sort'"],
    ])('answers 400 naming the parameter for routes?%s', async (query, message) => {
      const response = await request(server).get(`/api/network/clusters/lab/routes?${query}`);
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain(message);
    });

    it('answers 400 for a malformed entity ref', async () => {
      const response = await request(server).get('/api/network/entities/component/default/bad%20name!/request-path');
      expect(response.status).toBe(400);
      expect(response.body.error.name).toBe('InputError');
      expect(response.body.error.message).toContain("name 'bad name!'");
    });

    it('answers 400 for an entity without Kubernetes annotations', async () => {
      const response = await request(server).get('/api/network/entities/component/default/plain/request-path');
      expect(response.status).toBe(400);
      expect(response.body.error.message).toContain('backstage.io/kubernetes-id');
    });

    it('answers 404 for an entity the catalog does not have, and for an unknown ?cluster', async () => {
      expect((await request(server).get('/api/network/entities/component/default/ghost/request-path')).status).toBe(404);
      expect((await request(server).get('/api/network/entities/component/default/jellyfin/request-path?cluster=nope')).status).toBe(404);
    });
  });

  describe('denied user', () => {
    it('answers 403 on every endpoint', async () => {
      const server = await startBackend(AuthorizeResult.DENY);
      for (const path of [
        '/api/network/ping',
        '/api/network/clusters',
        '/api/network/clusters/lab/overview',
        '/api/network/clusters/lab/pools',
        '/api/network/clusters/lab/gateways',
        '/api/network/clusters/lab/routes',
        '/api/network/entities/component/default/jellyfin/request-path',
      ]) {
        const response = await request(server).get(path);
        expect(response.status).toBe(403);
        expect(response.body.error.name).toBe('NotAllowedError');
      }
    });
  });
});
