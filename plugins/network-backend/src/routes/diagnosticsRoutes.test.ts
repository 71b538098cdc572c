import express from 'express';
import request from 'supertest';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createRouter } from '../router';
import { createTestRunner, fakeClusters, migrate, testCheck } from '../services/Diagnostics/testing/runnerHarness';
import { ClusterOverviewBuilder } from '../services/ClusterOverviewBuilder/ClusterOverviewBuilder';
import { RequestPathResolver } from '../services/RequestPathResolver/RequestPathResolver';
import { EntityScopeResolver } from '../services/Diagnostics/EntityScopeResolver';

jest.setTimeout(30_000);

const checks = [
  testCheck('gateway.routes', async () => ({
    summary: '1 route not Accepted',
    findings: [{ outcome: 'fail', subject: 'HTTPRoute wiki/wiki', message: 'NoMatchingListenerHostname' }],
  })),
  testCheck('pools.free', async () => ({ summary: 'ok', findings: [] })),
];

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

async function createApp(result: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const db = await databases.init('SQLITE_3');
  await migrate(db);
  const catalog = catalogServiceMock({ entities: [] });
  const { runner, store, events, registry } = createTestRunner(db, checks, {
    entityScopes: new EntityScopeResolver({ catalog, requestPaths: {} as RequestPathResolver }),
  });
  const router = await createRouter({
    httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user('user:default/alice') }),
    permissions: mockServices.permissions.mock({ authorize: async requests => requests.map(() => ({ result })) }),
    catalog,
    clusters: fakeClusters(),
    overviews: {} as ClusterOverviewBuilder,
    requestPaths: {} as RequestPathResolver,
    diagnostics: { registry, runner, store, events },
  });
  const app = express().use(router);
  app.use(MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: mockServices.logger.mock() }).error());
  return { app, runner };
}

/** Parses a text/event-stream body into its messages. */
function parseEventStream(body: string) {
  return body
    .split('\n\n')
    .filter(block => block.startsWith('id:'))
    .map(block => {
      const fields = Object.fromEntries(block.split('\n').map(line => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2)]));
      return { id: Number(fields.id), event: fields.event, data: JSON.parse(fields.data) };
    });
}

describe('diagnostics routes', () => {
  it('lists the checklist', async () => {
    const { app } = await createApp(AuthorizeResult.ALLOW);
    const response = await request(app).get('/diagnostics/checks');
    expect(response.status).toBe(200);
    expect(response.body.items.map((check: { id: string }) => check.id)).toEqual(['gateway.routes', 'pools.free']);
  });

  it('starts a run as the caller, streams its progress to the end, and serves it and the history', async () => {
    const { app, runner } = await createApp(AuthorizeResult.ALLOW);
    const started = await request(app).post('/clusters/lab/diagnostics/runs').send({ selection: { kind: 'all' } });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ cluster: 'lab', status: 'running', actor: 'user:default/alice', trigger: 'manual' });

    const stream = await request(app).get(`/diagnostics/runs/${started.body.id}/events`).buffer(true).parse((res, callback) => {
      let text = '';
      res.on('data', chunk => (text += chunk));
      res.on('end', () => callback(null, text));
    });
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const messages = parseEventStream(stream.body);
    expect(messages.map(message => message.id)).toEqual(messages.map((_, index) => index + 1));
    expect(messages.filter(message => message.event === 'check-finished')).toHaveLength(2);
    expect(messages[messages.length - 1]).toMatchObject({ event: 'run-finished', data: { run: { status: 'succeeded' } } });

    // Resuming after the third event replays only what came later.
    const resumed = await request(app).get(`/diagnostics/runs/${started.body.id}/events?after=3`).buffer(true).parse((res, callback) => {
      let text = '';
      res.on('data', chunk => (text += chunk));
      res.on('end', () => callback(null, text));
    });
    expect(parseEventStream(resumed.body)[0].id).toBe(4);

    await runner.waitFor(started.body.id, 20);
    const detail = await request(app).get(`/diagnostics/runs/${started.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.totals).toMatchObject({ fail: 1, pass: 1 });
    expect(detail.body.results.find((result: { checkId: string }) => result.checkId === 'gateway.routes')).toMatchObject({
      outcome: 'fail',
      remediation: 'Fix gateway.routes',
    });

    const history = await request(app).get('/clusters/lab/diagnostics/runs?limit=5');
    expect(history.status).toBe(200);
    expect(history.body.items[0].id).toBe(started.body.id);
  });

  it.each([
    [{}, 'selection: '],
    [{ selection: { kind: 'category', category: 'weather' } }, 'selection.category: '],
    [{ selection: { kind: 'checks', checkIds: ['gateway.routes', 'x.unknown'] } }, "selection.checkIds: unknown check id 'x.unknown'"],
    [{ selection: { kind: 'all', extra: '<script>' } }, 'selection: '],
    [{ selection: { kind: 'namespace', namespace: '../../etc/passwd' } }, "selection.namespace: '../../etc/passwd' is not a namespace name"],
    [{ selection: { kind: 'entity', entityRef: 'not a ref at all' } }, 'selection.entityRef: '],
  ])('refuses %j with a 400 naming the field', async (body, message) => {
    const { app } = await createApp(AuthorizeResult.ALLOW);
    const response = await request(app).post('/clusters/lab/diagnostics/runs').send(body);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toContain(message);
    expect(JSON.stringify(response.body)).not.toContain('    at ');
  });

  it('answers 404 for an unknown cluster or run, 400 for a malformed run id or resume point', async () => {
    const { app } = await createApp(AuthorizeResult.ALLOW);
    expect((await request(app).post('/clusters/nowhere/diagnostics/runs').send({ selection: { kind: 'all' } })).status).toBe(404);
    expect((await request(app).get('/diagnostics/runs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await request(app).get('/diagnostics/runs/..%2F..%2Fetc')).status).toBe(400);
    expect((await request(app).get('/clusters/lab/diagnostics/runs?limit=100000')).status).toBe(400);
  });

  it('answers 403 on every diagnostics endpoint for a denied user', async () => {
    const { app } = await createApp(AuthorizeResult.DENY);
    const responses = await Promise.all([
      request(app).get('/diagnostics/checks'),
      request(app).post('/clusters/lab/diagnostics/runs').send({ selection: { kind: 'all' } }),
      request(app).get('/clusters/lab/diagnostics/runs'),
      request(app).get('/diagnostics/runs/00000000-0000-4000-8000-000000000000'),
      request(app).get('/diagnostics/runs/00000000-0000-4000-8000-000000000000/events'),
    ]);
    expect(responses.map(response => response.status)).toEqual([403, 403, 403, 403, 403]);
  });
});
