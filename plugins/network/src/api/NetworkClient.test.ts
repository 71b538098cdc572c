import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { NetworkClient } from './NetworkClient';
import { backendMessage } from '../components/NetworkErrorPanel';
import { demoCluster, overviewFixture } from '../testing/overviewFixture';
import { failingRequestPath } from '../testing/requestPathFixture';

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
    expect(overview.routes).toHaveLength(2);
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
});
