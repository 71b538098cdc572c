import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { NetworkClient } from './NetworkClient';
import { backendMessage } from '../components/NetworkErrorPanel';
import {
  demoCluster,
  overviewFixture,
  routePageFixture,
} from '../testing/overviewFixture';
import { failingRequestPath } from '../testing/requestPathFixture';
import { diagnosticRun } from '../testing/diagnosticsFixture';
import { bootstrapRun } from '../testing/bootstrapFixture';

const baseUrl = 'http://localhost:7007/api/network';

describe('NetworkClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const client = new NetworkClient({
    discoveryApi: { getBaseUrl: async () => baseUrl },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });

  it('lists clusters from the items envelope', async () => {
    server.use(
      http.get(`${baseUrl}/clusters`, () =>
        HttpResponse.json({ items: [demoCluster] }),
      ),
    );
    await expect(client.getClusters()).resolves.toEqual([demoCluster]);
  });

  it('reads one cluster overview, encoding the name', async () => {
    let requested = '';
    server.use(
      http.get(`${baseUrl}/clusters/:cluster/overview`, ({ request }) => {
        requested = new URL(request.url).pathname;
        return HttpResponse.json(overviewFixture());
      }),
    );
    const overview = await client.getOverview('home lab');
    expect(requested).toBe('/api/network/clusters/home%20lab/overview');
    expect(overview.routeCounts).toMatchObject({ total: 2, failing: 1 });
  });

  it('reads a page of routes with the query as parameters, leaving out unset ones', async () => {
    const urls: URL[] = [];
    server.use(
      http.get(`${baseUrl}/clusters/:cluster/routes`, ({ request }) => {
        urls.push(new URL(request.url));
        return HttpResponse.json(routePageFixture());
      }),
    );
    const page = await client.getRoutes('home lab', {
      offset: 40,
      limit: 20,
      search: 'sonarr media',
      states: ['failing', 'warning'],
      gateway: 'network/envoy-internal',
      hostname: 'jellyfin.demo.lab',
    });
    await client.getRoutes('demo');
    // An empty search or state list is no filter.
    await client.getRoutes('demo', { search: '', states: [], limit: 10 });

    expect(urls[0].pathname).toBe('/api/network/clusters/home%20lab/routes');
    expect(Object.fromEntries(urls[0].searchParams)).toEqual({
      offset: '40',
      limit: '20',
      search: 'sonarr media',
      state: 'failing,warning',
      gateway: 'network/envoy-internal',
      hostname: 'jellyfin.demo.lab',
    });
    expect(urls[1].search).toBe('');
    expect(urls[2].search).toBe('?limit=10');
    expect(page.items.map(route => route.name)).toEqual(['sonarr', 'jellyfin']);
    expect(page).toMatchObject({ total: 2, matched: 2 });
  });

  it('rejects a refused route query with the backend message (400)', async () => {
    server.use(
      http.get(`${baseUrl}/clusters/:cluster/routes`, () =>
        HttpResponse.json(
          {
            error: { name: 'InputError', message: 'limit must be 1..500' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        ),
      ),
    );
    const error = await client.getRoutes('demo', { limit: 900 }).catch(e => e);
    expect(error.statusCode).toBe(400);
    expect(backendMessage(error)).toBe('limit must be 1..500');
  });

  it('reads an entity request path, with the cluster as a query parameter when given', async () => {
    const urls: string[] = [];
    server.use(
      http.get(
        `${baseUrl}/entities/:kind/:namespace/:name/request-path`,
        ({ request }) => {
          urls.push(request.url);
          return HttpResponse.json(failingRequestPath());
        },
      ),
    );
    await client.getRequestPath({
      kind: 'Component',
      namespace: 'default',
      name: 'sonarr',
    });
    await client.getRequestPath(
      { kind: 'Component', namespace: 'default', name: 'sonarr' },
      { cluster: 'demo' },
    );
    expect(urls).toEqual([
      `${baseUrl}/entities/Component/default/sonarr/request-path`,
      `${baseUrl}/entities/Component/default/sonarr/request-path?cluster=demo`,
    ]);
  });

  it('rejects with the status and the backend message', async () => {
    server.use(
      http.get(`${baseUrl}/clusters/:cluster/overview`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'NotAllowedError',
              message: 'network.read is not allowed',
            },
            response: { statusCode: 403 },
          },
          { status: 403 },
        ),
      ),
    );
    const error = await client.getOverview('demo').catch(e => e);
    expect(error.statusCode).toBe(403);
    expect(backendMessage(error)).toBe('network.read is not allowed');
  });

  it('starts a diagnostics run with the selection as the body', async () => {
    let body: unknown;
    server.use(
      http.post(
        `${baseUrl}/clusters/:cluster/diagnostics/runs`,
        async ({ request }) => {
          body = await request.json();
          return HttpResponse.json(diagnosticRun({ status: 'running' }), {
            status: 202,
          });
        },
      ),
    );
    const run = await client.startDiagnosticRun('demo', {
      kind: 'category',
      category: 'dns',
    });
    expect(body).toEqual({ selection: { kind: 'category', category: 'dns' } });
    expect(run.status).toBe('running');
  });

  it('lists runs with the limit and unwraps items', async () => {
    let url = '';
    server.use(
      http.get(
        `${baseUrl}/clusters/:cluster/diagnostics/runs`,
        ({ request }) => {
          url = request.url;
          return HttpResponse.json({ items: [diagnosticRun()] });
        },
      ),
    );
    const runs = await client.listDiagnosticRuns('demo');
    expect(url).toBe(`${baseUrl}/clusters/demo/diagnostics/runs?limit=50`);
    expect(runs.map(r => r.id)).toEqual(['run-1']);
  });

  it('rejects a stale bootstrap plan hash with 409', async () => {
    server.use(
      http.post(`${baseUrl}/clusters/:cluster/bootstrap/runs`, () =>
        HttpResponse.json(
          { error: { name: 'ConflictError', message: 'plan changed' } },
          { status: 409 },
        ),
      ),
    );
    const error = await client
      .startBootstrapRun('demo', 'sha256:x')
      .catch(e => e);
    expect(error.statusCode).toBe(409);
  });

  it('follows a bootstrap run event stream through msw until run-finished', async () => {
    const finished = bootstrapRun();
    server.use(
      http.get(`${baseUrl}/bootstrap/runs/:runId/events`, ({ request }) => {
        expect(new URL(request.url).searchParams.get('after')).toBe('1');
        const text =
          `id: 2\nevent: step-started\ndata: ${JSON.stringify({
            seq: 2,
            type: 'step-started',
            stepId: 'api',
          })}\n\n` +
          `id: 3\nevent: run-finished\ndata: ${JSON.stringify({
            seq: 3,
            type: 'run-finished',
            run: finished,
          })}\n\n`;
        return new HttpResponse(text, {
          headers: { 'content-type': 'text/event-stream' },
        });
      }),
    );
    const types = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      client.watchBootstrapRun('boot-1', {
        after: 1,
        onEvent: event => {
          seen.push(event.type);
          if (event.type === 'run-finished') resolve(seen);
        },
        onError: reject,
      });
    });
    expect(types).toEqual(['step-started', 'run-finished']);
  });
});
