import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { BootstrapRun } from '@internal/plugin-network-common';
import { DemoClusterProcess, startDemoClusterProcess } from '../testing/demoClusterProcess';
import { freeLoopbackPorts } from '../testing/freeLoopbackPorts';
import { ReplicaProcess, startReplicaProcess } from '../testing/replicaProcess';

jest.setTimeout(180_000);

const REPO_ROOT = path.resolve(resolvePackagePath('@internal/plugin-network-backend'), '../..');
// The smallest allowed: three 5 s heartbeats missed.
const STALE_AFTER_SECONDS = 15;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The backend process dies (SIGKILL: no shutdown hooks) while it bootstraps a fresh demo
 * cluster. Started again on the same SQLite file, it marks the run `interrupted`, frees the
 * cluster's lock, and a new plan confirmed by the user converges to `succeeded`.
 */
describe('fault: the backend killed during a bootstrap run', () => {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-fault-bootstrap-kill-'));
  let demo: DemoClusterProcess;
  const replicas: ReplicaProcess[] = [];

  afterAll(async () => {
    for (const replica of replicas) await replica.stop();
    await demo?.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('marks the run interrupted at restart, frees the lock, and a rerun succeeds', async () => {
    demo = await startDemoClusterProcess({ state: 'empty' });
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/lib/demo-app-config.mjs'), demo.stateDir]);
    const demoConfig = JSON.parse(fs.readFileSync(path.join(demo.stateDir, 'app-config.demo.yaml'), 'utf8'));
    const [port] = await freeLoopbackPorts(1);
    const config = {
      ...demoConfig,
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        // Files (one per plugin in this directory), so the runs survive the process.
        database: { client: 'better-sqlite3', connection: { directory: path.join(workDir, 'db') } },
      },
      network: {
        ...demoConfig.network,
        diagnostics: { schedule: { frequencyMinutes: 0 }, staleAfterSeconds: STALE_AFTER_SECONDS },
      },
    };
    const url = `http://127.0.0.1:${port}`;
    const runOf = async (id: string): Promise<BootstrapRun> => {
      const answer = await request(url).get(`/api/network/bootstrap/runs/${id}`);
      expect(answer.status).toBe(200);
      return answer.body;
    };

    replicas.push(await startReplicaProcess({ port, config, workDir }));
    const plan = await request(url).get('/api/network/clusters/demo/bootstrap/plan');
    expect(plan.status).toBe(200);
    const started = await request(url).post('/api/network/clusters/demo/bootstrap/runs').send({ planHash: plan.body.hash });
    expect(started.status).toBe(202);
    const runId: string = started.body.id;

    // Kill it once etcd is bootstrapped and the baseline is being applied or verified.
    let atKill: BootstrapRun;
    const waitStarted = Date.now();
    for (;;) {
      atKill = await runOf(runId);
      const current = atKill.steps.find(step => step.status === 'running');
      if (atKill.status !== 'running') throw new Error(`the run finished (${atKill.status}) before it could be killed`);
      if (current && (current.kind === 'apply-baseline' || current.kind === 'verify-diagnostics')) break;
      if (Date.now() - waitStarted > 60_000) throw new Error(`no apply/verify step within 60 s: ${JSON.stringify(atKill.steps)}`);
      await sleep(100);
    }
    await replicas[0].kill('SIGKILL');
    const killedAt = Date.now();
    const runningStep = atKill.steps.find(step => step.status === 'running')!;

    // A heartbeat younger than the stale limit may belong to a live replica: wait it out.
    await sleep(Math.max(0, killedAt + STALE_AFTER_SECONDS * 1000 + 500 - Date.now()));
    replicas.push(await startReplicaProcess({ port, config, workDir }));
    const restartedMs = Date.now() - killedAt;

    const interrupted = await runOf(runId);
    expect(interrupted.status).toBe('interrupted');
    expect(interrupted.finishedAt).toBeDefined();
    expect(interrupted.error).toBeTruthy();
    const listed = await request(url).get('/api/network/clusters/demo/bootstrap/runs');
    expect(listed.status).toBe(200);
    expect(listed.body.items.find((run: BootstrapRun) => run.id === runId)?.status).toBe('interrupted');

    // The lock is free: a new plan (from what the cluster now holds) is accepted at once.
    const replan = await request(url).get('/api/network/clusters/demo/bootstrap/plan');
    expect(replan.status).toBe(200);
    const rerun = await request(url).post('/api/network/clusters/demo/bootstrap/runs').send({ planHash: replan.body.hash });
    expect(rerun.status).toBe(202);
    const rerunStarted = Date.now();
    let finished: BootstrapRun;
    for (;;) {
      finished = await runOf(rerun.body.id);
      if (finished.status !== 'running') break;
      if (Date.now() - rerunStarted > 90_000) throw new Error(`the rerun is still running after 90 s: ${JSON.stringify(finished.steps)}`);
      await sleep(250);
    }
    const rerunMs = Date.now() - rerunStarted;
    // eslint-disable-next-line no-console
    console.log(
      `backend killed during "${runningStep.kind}"; restarted ${restartedMs} ms after the kill with the run ${interrupted.status} ("${interrupted.error}"); ` +
        `rerun plan ${replan.body.steps.map((step: any) => `${step.kind}:${step.intent}`).join(',')} ${finished.status} in ${rerunMs} ms`,
    );
    expect(finished.status).toBe('succeeded');
    expect(finished.steps.every(step => step.status === 'succeeded' || step.status === 'skipped')).toBe(true);
  });
});
