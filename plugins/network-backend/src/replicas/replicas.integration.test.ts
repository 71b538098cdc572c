import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import request from 'supertest';
import { BootstrapPlan, DiagnosticRun, DiagnosticRunDetail } from '@internal/plugin-network-common';
import { DemoClusterProcess, startDemoClusterProcess } from '../testing/demoClusterProcess';
import { freeLoopbackPorts } from '../testing/freeLoopbackPorts';
import { ReplicaProcess, startReplicaProcess } from '../testing/replicaProcess';

jest.setTimeout(240_000);

const POSTGRES = process.env.BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING;
const SCHEDULE_SECONDS = 6;

/**
 * Two backend processes on one PostgreSQL database and one demo cluster: a scheduled run
 * happens once per interval across both, a run started on one is read (results and progress)
 * from the other, and a second bootstrap is refused while one runs.
 */
(POSTGRES ? describe : describe.skip)('two replicas on one PostgreSQL database', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-replicas-'));
  const prefix = `network_replicas_${process.pid}_`;
  let demo: DemoClusterProcess;
  const replicas: ReplicaProcess[] = [];
  const url = (replica: ReplicaProcess) => `http://127.0.0.1:${replica.port}`;

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    const connection = new URL(POSTGRES!);
    const ports = await freeLoopbackPorts(2);
    const configFor = (port: number) => ({
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: {
          client: 'pg',
          connection: { host: connection.hostname, port: Number(connection.port || 5432), user: connection.username || 'postgres', password: connection.password || undefined },
          prefix,
        },
      },
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [{ name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData }],
          },
        ],
      },
      network: {
        clusters: { demo: { dns: { internal: demo.endpoints.dns, external: [] }, talos: { talosconfigPath: `${demo.stateDir}/talosconfig` } } },
        diagnostics: { schedule: { frequencyMinutes: SCHEDULE_SECONDS / 60 } },
      },
    });
    // One after the other: the first creates the database and runs the migrations.
    replicas.push(await startReplicaProcess({ port: ports[0], config: configFor(ports[0]), workDir }));
    replicas.push(await startReplicaProcess({ port: ports[1], config: configFor(ports[1]), workDir }));
  });

  afterAll(async () => {
    await Promise.all(replicas.map(replica => replica.stop()));
    await demo?.stop();
    const admin = knexFactory({ client: 'pg', connection: POSTGRES });
    const { rows } = await admin.raw('SELECT datname FROM pg_database WHERE datname LIKE ?', [`${prefix}%`]);
    for (const row of rows) await admin.raw(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    await admin.destroy();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('runs the scheduled diagnostics once per interval across both replicas', async () => {
    // Long enough for several intervals after the first (which waits one interval).
    await new Promise(resolve => setTimeout(resolve, (SCHEDULE_SECONDS * 4 + 3) * 1000));
    const listed = await request(url(replicas[1])).get('/api/network/clusters/demo/diagnostics/runs?trigger=schedule&limit=100');
    const starts = (listed.body.items as DiagnosticRun[]).map(run => Date.parse(run.startedAt)).sort();
    // 27 s hold 3 to 5 intervals; both replicas running each one would make 6 to 10 runs.
    expect(starts.length).toBeGreaterThanOrEqual(2);
    expect(starts.length).toBeLessThanOrEqual(6);
    // and would start two runs within the scheduler's polling moment of each other.
    const gaps = starts.slice(1).map((start, index) => start - starts[index]);
    expect(Math.min(...gaps)).toBeGreaterThan(1500);
  });

  it('streams and serves from one replica a run started on the other', async () => {
    const started = await request(url(replicas[0])).post('/api/network/clusters/demo/diagnostics/runs').send({ selection: { kind: 'category', category: 'gateway' } });
    expect(started.status).toBe(202);
    const stream = await request(url(replicas[1]))
      .get(`/api/network/diagnostics/runs/${started.body.id}/events`)
      .buffer(true)
      .parse((res, callback) => {
        let text = '';
        res.on('data', chunk => (text += chunk));
        res.on('end', () => callback(null, text));
      });
    const events = (stream.body as string).split('\n').filter(line => line.startsWith('event: ')).map(line => line.slice(7));
    expect(events.filter(event => event === 'check-finished').length).toBeGreaterThanOrEqual(5);
    expect(events[events.length - 1]).toBe('run-finished');
    const detail: DiagnosticRunDetail = (await request(url(replicas[1])).get(`/api/network/diagnostics/runs/${started.body.id}`)).body;
    expect(detail.status).toBe('succeeded');
    expect(detail.results.find(result => result.checkId === 'gateway.routes-resolved-refs')?.outcome).toBe('fail');
  });

  it('refuses a second bootstrap on the other replica while one runs', async () => {
    const plan: BootstrapPlan = (await request(url(replicas[0])).get('/api/network/clusters/demo/bootstrap/plan')).body;
    const first = await request(url(replicas[0])).post('/api/network/clusters/demo/bootstrap/runs').send({ planHash: plan.hash });
    expect(first.status).toBe(202);
    const second = await request(url(replicas[1])).post('/api/network/clusters/demo/bootstrap/runs').send({ planHash: plan.hash });
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain(`a bootstrap of demo is running (run ${first.body.id}`);
  });
});
