import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { NetworkBackendClient } from './NetworkView';

describe('NetworkBackendClient', () => {
  const seen: { url: string; authorization?: string }[] = [];
  let server: http.Server;
  let client: NetworkBackendClient;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ url: req.url!, authorization: req.headers.authorization });
      if (req.url!.includes('/clusters/missing/')) {
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(
          JSON.stringify({
            error: {
              name: 'NotFoundError',
              message: "Cluster 'missing' is not configured",
            },
            request: { method: 'GET', url: req.url },
            response: { statusCode: 404 },
          }),
        );
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ items: [{ name: 'jellyfin' }] }));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new NetworkBackendClient({
      discovery: {
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/network`,
        getExternalBaseUrl: async () => '',
      },
      auth: mockServices.auth(),
    });
  });

  afterAll(() => new Promise(resolve => server.close(resolve)));

  it('asks for the routes naming a hostname, encoded, with a plugin token', async () => {
    const page = await client.routesNaming('home lab', 'Jelly&fin.demo.lab');
    expect(page.items).toEqual([{ name: 'jellyfin' }]);
    const request = seen.at(-1)!;
    expect(request.url).toBe(
      '/api/network/clusters/home%20lab/routes?hostname=Jelly%26fin.demo.lab&limit=500',
    );
    expect(request.authorization).toMatch(/^Bearer \S+/);
  });

  it('rejects with the status and the backend error when the cluster is unknown', async () => {
    await expect(client.overview('missing')).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 404,
      cause: {
        name: 'NotFoundError',
        message: "Cluster 'missing' is not configured",
      },
    });
  });
});
