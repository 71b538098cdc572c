import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { NetworkBootstrapClient } from './NetworkBootstrap';

describe('NetworkBootstrapClient', () => {
  let server: http.Server;
  const requests: {
    method?: string;
    url?: string;
    auth?: string;
    body: string;
  }[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', chunk => (body += chunk));
      req.on('end', () => {
        requests.push({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization,
          body,
        });
        res.setHeader('Content-Type', 'application/json');
        if (req.url === '/api/network/clusters/demo/bootstrap/runs') {
          res.statusCode = 409;
          // The error body every Backstage backend answers with.
          res.end(
            JSON.stringify({
              error: {
                name: 'ConflictError',
                message: 'A bootstrap run is in progress for cluster demo',
              },
              request: { method: req.method, url: req.url },
              response: { statusCode: 409 },
            }),
          );
          return;
        }
        res.end(JSON.stringify({ hash: 'h', url: req.url }));
      });
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  function client() {
    const { port } = server.address() as AddressInfo;
    return new NetworkBootstrapClient({
      discovery: mockServices.discovery.mock({
        getBaseUrl: async () => `http://127.0.0.1:${port}/api/network`,
      }),
      auth: mockServices.auth(),
    });
  }

  it('reads the plan with a token issued on behalf of the user, not the scaffolder', async () => {
    const user = mockCredentials.user('user:default/operator');
    const plan = await client().plan('demo', user);
    expect(plan).toEqual({
      hash: 'h',
      url: '/api/network/clusters/demo/bootstrap/plan',
    });
    const request = requests[requests.length - 1];
    expect(request.method).toBe('GET');
    // The mock auth service encodes the subject and target plugin in the token.
    expect(request.auth).toBe(
      `Bearer ${mockCredentials.service.token({
        onBehalfOf: user,
        targetPluginId: 'network',
      })}`,
    );
  });

  it('posts the confirmed hash and keeps the backend’s 409 ConflictError', async () => {
    const user = mockCredentials.user();
    await expect(client().startRun('demo', 'abc', user)).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
      cause: {
        name: 'ConflictError',
        message: 'A bootstrap run is in progress for cluster demo',
      },
    });
    const request = requests[requests.length - 1];
    expect(request).toMatchObject({
      method: 'POST',
      body: '{"planHash":"abc"}',
    });
  });

  it('reads one run by id, escaping it', async () => {
    const run = await client().run('run/1', mockCredentials.user());
    expect(run).toMatchObject({ url: '/api/network/bootstrap/runs/run%2F1' });
  });
});
