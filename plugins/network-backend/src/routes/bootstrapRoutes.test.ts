import express from 'express';
import Router from 'express-promise-router';
import request from 'supertest';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { DemoClusterProcess, startDemoClusterProcess } from '../testing/demoClusterProcess';
import { BootstrapService, createBootstrapService } from '../services/Bootstrap/createBootstrapService';
import { bootstrapTestBaseline } from '../services/Bootstrap/testing/bootstrapTestBaseline';
import { FakeEtcd } from '../services/Bootstrap/testing/FakeEtcd';
import { createAuthorize } from './authorize';
import { addBootstrapRoutes } from './bootstrapRoutes';

jest.setTimeout(60_000);

const PASSING = { pass: 10, warn: 0, fail: 0, error: 0, skipped: 0 };

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

describe('bootstrap routes', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let demo: DemoClusterProcess;
  let service: BootstrapService;

  beforeAll(async () => {
    demo = await startDemoClusterProcess({ state: 'empty' });
    const db = await databases.init('SQLITE_3');
    await db.migrate.latest({ directory: resolvePackagePath('@internal/plugin-network-backend', 'migrations') });
    const etcd = new FakeEtcd();
    service = createBootstrapService({
      db,
      clusters: { definition: name => (name === 'demo' ? { name, url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData } : undefined) },
      baselines: () => bootstrapTestBaseline(),
      talos: () => ({ client: etcd, node: '127.0.1.50' }),
      verifier: { runAndWait: async () => ({ runId: 'diagnostics-1', totals: PASSING }) },
      auditor: mockServices.auditor.mock(),
      logger: mockServices.logger.mock(),
      timings: { heartbeatMs: 50, apiPollMs: 20 },
    });
  });

  afterAll(async () => {
    service?.close();
    await demo?.stop();
  });

  /** An app whose permission policy allows exactly the given permissions. */
  function createApp(allowed: string[]) {
    const router = Router();
    addBootstrapRoutes(router, {
      authorize: createAuthorize(
        mockServices.httpAuth({ defaultCredentials: mockCredentials.user('user:default/alice') }),
        mockServices.permissions.mock({
          authorize: async requests =>
            requests.map(item => ({
              result: allowed.includes((item as { permission: { name: string } }).permission.name) ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
            })),
        }),
      ),
      clusters: { definition: name => (name === 'demo' ? {} : undefined) },
      bootstrap: service,
    });
    const app = express().use(express.json()).use(router);
    app.use(MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: mockServices.logger.mock() }).error());
    return app;
  }

  it('answers 403 to a user without the permissions, before doing anything', async () => {
    const app = createApp([]);
    for (const call of [
      request(app).get('/clusters/demo/bootstrap/plan'),
      request(app).post('/clusters/demo/bootstrap/runs').send({ planHash: 'a'.repeat(64) }),
      request(app).get('/clusters/demo/bootstrap/runs'),
      request(app).get('/bootstrap/runs/00000000-0000-0000-0000-000000000000'),
      request(app).get('/bootstrap/runs/00000000-0000-0000-0000-000000000000/events'),
    ]) {
      const response = await call;
      expect(response.status).toBe(403);
    }
    const readOnly = createApp(['network.read']);
    const plan = await request(readOnly).get('/clusters/demo/bootstrap/plan');
    expect(plan.status).toBe(403);
    expect(plan.body.error.message).toBe('network.bootstrap.run is not allowed');
    expect((await request(readOnly).get('/clusters/demo/bootstrap/runs')).status).toBe(200);
    expect(await service.store.listRuns('demo')).toEqual([]);
  });

  it('refuses bad input naming the field, unknown clusters and stale hashes', async () => {
    const app = createApp(['network.read', 'network.bootstrap.run']);
    const badHash = await request(app).post('/clusters/demo/bootstrap/runs').send({ planHash: 'abc' });
    expect(badHash.status).toBe(400);
    expect(badHash.body.error.message).toBe('planHash: must be the 64 hex digits of the plan hash');
    const extra = await request(app).post('/clusters/demo/bootstrap/runs').send({ planHash: 'a'.repeat(64), force: true });
    expect(extra.status).toBe(400);
    expect(extra.body.error.message).toMatch(/force/);
    const badLimit = await request(app).get('/clusters/demo/bootstrap/runs?limit=0');
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.error.message).toMatch(/^limit: /);
    expect((await request(app).get('/bootstrap/runs/not-a-run')).status).toBe(400);
    expect((await request(app).get('/bootstrap/runs/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await request(app).get('/clusters/nowhere/bootstrap/plan')).status).toBe(404);
    const stale = await request(app).post('/clusters/demo/bootstrap/runs').send({ planHash: 'a'.repeat(64) });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/re-plan/);
  });

  it('plans, runs the confirmed hash as the caller, streams the run to its end and lists it', async () => {
    const app = createApp(['network.read', 'network.bootstrap.run']);
    const plan = await request(app).get('/clusters/demo/bootstrap/plan');
    expect(plan.status).toBe(200);
    expect(plan.body).toMatchObject({ cluster: 'demo', hash: expect.stringMatching(/^[0-9a-f]{64}$/), totals: { create: 13, update: 0, unchanged: 0 } });

    const started = await request(app).post('/clusters/demo/bootstrap/runs').send({ planHash: plan.body.hash });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ cluster: 'demo', status: 'running', actor: 'user:default/alice', planHash: plan.body.hash });

    const stream = await request(app)
      .get(`/bootstrap/runs/${started.body.id}/events`)
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => callback(null, text));
      });
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const messages = parseEventStream(stream.body);
    expect(messages.map(message => message.id)).toEqual(messages.map((_, index) => index + 1));
    expect(messages.filter(message => message.event === 'step-finished').map(message => message.data.step.status)).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect(messages[messages.length - 1]).toMatchObject({ event: 'run-finished', data: { run: { id: started.body.id, status: 'succeeded' } } });

    // Resuming after an event replays only what came later.
    const resumed = await request(app).get(`/bootstrap/runs/${started.body.id}/events?after=${messages.length - 1}`);
    expect(parseEventStream(resumed.text).map(message => message.event)).toEqual(['run-finished']);

    const run = await request(app).get(`/bootstrap/runs/${started.body.id}`);
    expect(run.body).toMatchObject({ status: 'succeeded', diagnosticsRunId: 'diagnostics-1' });
    const history = await request(app).get('/clusters/demo/bootstrap/runs');
    expect(history.body.items.map((item: { id: string }) => item.id)).toEqual([started.body.id]);

    const second = await request(app).get('/clusters/demo/bootstrap/plan');
    expect(second.body.totals).toEqual({ create: 0, update: 0, unchanged: 13 });
  });
});
