import fs from 'node:fs';
import https from 'node:https';
import request from 'supertest';
import { coreServices, createServiceFactory, LoggerService } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { networkPlugin } from './plugin';
import { DemoClusterProcess, startDemoClusterProcess } from './testing/demoClusterProcess';

jest.setTimeout(180_000);

/** A root logger that keeps every line, so the test can look for secrets in them. */
function recordingLogger(lines: string[]): LoggerService {
  const logger: LoggerService = {
    error: (message, meta) => void lines.push(`${message} ${JSON.stringify(meta ?? {})}`),
    warn: (message, meta) => void lines.push(`${message} ${JSON.stringify(meta ?? {})}`),
    info: (message, meta) => void lines.push(`${message} ${JSON.stringify(meta ?? {})}`),
    debug: (message, meta) => void lines.push(`${message} ${JSON.stringify(meta ?? {})}`),
    child: () => logger,
  };
  return logger;
}

const LONG = 'a'.repeat(5000);
const INJECTIONS = ["'; DROP TABLE diagnostic_runs; --", '<script>alert(1)</script>', '${{ secrets.token }}', '{{ parameters.name }}', '$(rm -rf /)', '\u202Edemo', 'de\u0301mo', '\u0000', '../../etc/passwd', '%2e%2e%2f%2e%2e%2fetc'];

/**
 * Objects the portal could change, as `kind/namespace/name` with their labels, annotations and
 * spec, read straight from the API server. Status is left out: the demo's own controllers
 * write it (cert-manager issues grafana-tls after start), the portal never does.
 */
async function clusterState(demo: DemoClusterProcess): Promise<string[]> {
  const paths = [
    '/api/v1/namespaces',
    '/apis/networking.k8s.io/v1/networkpolicies',
    '/apis/cilium.io/v2/ciliumloadbalancerippools',
    '/apis/gateway.networking.k8s.io/v1/httproutes',
    '/apis/cert-manager.io/v1/certificates',
  ];
  const url = new URL(demo.endpoints.kubernetesApiUrl);
  const lists = await Promise.all(
    paths.map(
      apiPath =>
        new Promise<any>((resolve, reject) => {
          https
            .get(
              { hostname: url.hostname, port: url.port, path: apiPath, ca: Buffer.from(demo.caData, 'base64'), headers: { Authorization: `Bearer ${demo.token}` } },
              response => {
                let text = '';
                response.on('data', chunk => (text += chunk));
                response.on('end', () => resolve(JSON.parse(text)));
              },
            )
            .on('error', reject);
        }),
    ),
  );
  return lists
    .flatMap(list =>
      list.items.map(
        (item: any) =>
          `${item.kind}/${item.metadata.namespace ?? ''}/${item.metadata.name} ${JSON.stringify([item.metadata.labels, item.metadata.annotations, item.spec])}`,
      ),
    )
    .sort();
}

/**
 * A catalogue of bad input sent to every endpoint of the network backend: each is refused with
 * a 4xx and a message, nothing is stored or changed, and no secret shows up in an answer or a log.
 */
describe('hostile input', () => {
  let demo: DemoClusterProcess;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  const logLines: string[] = [];
  let secrets: string[];

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    const talosconfig = fs.readFileSync(`${demo.stateDir}/talosconfig`, 'utf8');
    // The client key and certificate (base64 in the talosconfig) and the service account token.
    secrets = [demo.token, ...[...talosconfig.matchAll(/(?:crt|key):\s*"?([A-Za-z0-9+/=]{40,})/g)].map(match => match[1])];
    if (secrets.length < 3) throw new Error(`expected the token and the talosconfig's certificate and key, found ${secrets.length} secrets`);
    ({ server } = await startTestBackend({
      features: [
        networkPlugin,
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => recordingLogger(logLines) as any }),
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [{ name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData }],
                },
              ],
            },
            network: {
              clusters: { demo: { dns: { internal: demo.endpoints.dns }, talos: { talosconfigPath: `${demo.stateDir}/talosconfig` } } },
              diagnostics: { schedule: { frequencyMinutes: 0 } },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: [] }),
        createServiceFactory({ service: signalsServiceRef, deps: {}, factory: () => ({ publish: async () => {} }) }),
      ],
    }));
  });

  afterAll(async () => {
    await demo?.stop();
  });

  const badNames = [LONG, ...INJECTIONS, '..', '.', ' ', 'UPPER CASE'];
  const badBodies: Array<[string, string | object]> = [
    ['malformed JSON', '{"selection": {"kind": "all"'],
    ['a JSON string', '"all"'],
    ['an array', '[{"kind":"all"}]'],
    ['deep nesting', `${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['a huge body', JSON.stringify({ selection: { kind: 'checks', checkIds: Array.from({ length: 20_000 }, (_, index) => `pools.x${index}`) } })],
    ['wrong types', { selection: { kind: 'checks', checkIds: 'pools.conflicts' } }],
    ['a number kind', { selection: { kind: 7 } }],
    ['missing fields', { selection: { kind: 'category' } }],
    ['extra fields', { selection: { kind: 'all' }, cluster: 'other', __proto__: { admin: true } }],
    ['prototype pollution', '{"selection":{"kind":"all"},"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'],
    ...INJECTIONS.map(value => [`injection ${JSON.stringify(value)}`, { selection: { kind: 'namespace', namespace: value } }] as [string, object]),
    ...INJECTIONS.map(value => [`entity injection ${JSON.stringify(value)}`, { selection: { kind: 'entity', entityRef: value } }] as [string, object]),
  ];

  function expectRefused(response: request.Response, what: string) {
    if (response.status < 400 || response.status >= 500) {
      throw new Error(`${what}: expected a 4xx, got ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    }
    const message = response.body?.error?.message;
    if (typeof message !== 'string' || message.length === 0) throw new Error(`${what}: ${response.status} without an error message`);
    expect(JSON.stringify(response.body)).not.toMatch(/\n\s+at /);
  }

  it('refuses every bad input with a 4xx and a message, stores nothing and changes nothing in the cluster', async () => {
    const before = await clusterState(demo);
    expect(before.length).toBeGreaterThan(20);
    const responses: request.Response[] = [];
    const check = async (what: string, response: request.Response) => {
      responses.push(response);
      expectRefused(response, what);
    };

    for (const name of badNames) {
      const encoded = encodeURIComponent(name);
      await check(`overview of ${name.slice(0, 20)}`, await request(server).get(`/api/network/clusters/${encoded}/overview`));
      await check(`routes of ${name.slice(0, 20)}`, await request(server).get(`/api/network/clusters/${encoded}/routes`));
      await check(`runs of ${name.slice(0, 20)}`, await request(server).post(`/api/network/clusters/${encoded}/diagnostics/runs`).send({ selection: { kind: 'all' } }));
      await check(`plan of ${name.slice(0, 20)}`, await request(server).get(`/api/network/clusters/${encoded}/bootstrap/plan`));
      await check(`request path of ${name.slice(0, 20)}`, await request(server).get(`/api/network/entities/component/${encoded}/x/request-path`));
      await check(`run ${name.slice(0, 20)}`, await request(server).get(`/api/network/diagnostics/runs/${encoded}`));
      await check(`bootstrap run ${name.slice(0, 20)}`, await request(server).get(`/api/network/bootstrap/runs/${encoded}`));
      await check(`events after ${name.slice(0, 20)}`, await request(server).get(`/api/network/diagnostics/runs/00000000-0000-4000-8000-000000000000/events?after=${encoded}`));
    }
    const post = (path: string, body: string | object) =>
      typeof body === 'string'
        ? request(server).post(path).set('Content-Type', 'application/json').send(body)
        : request(server).post(path).send(body);
    for (const [what, body] of badBodies) {
      await check(`diagnostics run with ${what}`, await post('/api/network/clusters/demo/diagnostics/runs', body));
      await check(`bootstrap run with ${what}`, await post('/api/network/clusters/demo/bootstrap/runs', body));
    }
    for (const hash of ['', 'zz', 'a'.repeat(63), 'A'.repeat(64), ...INJECTIONS]) {
      await check(`bootstrap hash ${hash.slice(0, 10)}`, await request(server).post('/api/network/clusters/demo/bootstrap/runs').send({ planHash: hash }));
    }
    for (const query of ['limit=0', 'limit=-1', 'limit=abc', `limit=${LONG}`, 'status=pwned', 'trigger[$ne]=x', 'extra=1']) {
      await check(`history ?${query.slice(0, 20)}`, await request(server).get(`/api/network/clusters/demo/diagnostics/runs?${query}`));
    }
    const routeQueries = [
      'limit=0', 'limit=-1', 'limit=abc', 'offset=1.5', `search=${LONG}`, 'search[$ne]=x', 'state=pwned', 'state[]=ok',
      ...INJECTIONS.map(value => `gateway=${encodeURIComponent(value)}`), 'gateway=%2E%2E%2F%2E%2E', 'hostname[0]=x', 'sort=1',
    ];
    for (const query of routeQueries) {
      await check(`routes ?${query.slice(0, 20)}`, await request(server).get(`/api/network/clusters/demo/routes?${query}`));
    }

    expect(responses.length).toBeGreaterThan(150);
    expect((await request(server).get('/api/network/clusters/demo/diagnostics/runs')).body.items).toEqual([]);
    expect((await request(server).get('/api/network/clusters/demo/bootstrap/runs')).body.items).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
    expect(await clusterState(demo)).toEqual(before);

    for (const response of responses) {
      for (const secret of secrets) expect(response.text.includes(secret)).toBe(false);
    }
  });

  it('never writes a token, private key or talosconfig value to the log, even after full diagnostics and a plan', async () => {
    const run = await request(server).post('/api/network/clusters/demo/diagnostics/runs').send({ selection: { kind: 'all' } });
    expect(run.status).toBe(202);
    let detail = await request(server).get(`/api/network/diagnostics/runs/${run.body.id}`);
    while (detail.body.status === 'running') {
      await new Promise(resolve => setTimeout(resolve, 100));
      detail = await request(server).get(`/api/network/diagnostics/runs/${run.body.id}`);
    }
    for (const secret of secrets) expect(detail.text.includes(secret)).toBe(false);
    const plan = await request(server).get('/api/network/clusters/demo/bootstrap/plan');
    expect(plan.status).toBe(200);
    for (const secret of secrets) expect(plan.text.includes(secret)).toBe(false);
    expect(logLines.length).toBeGreaterThan(0);
    const leaking = logLines.filter(line => secrets.some(secret => line.includes(secret)) || /BEGIN (EC |RSA )?PRIVATE KEY/.test(line));
    expect(leaking).toEqual([]);
  });
});
