/*
 * Benchmark of the request-path endpoint against the demo cluster at --scale large. Prints
 * figures; not a test. Run from the package directory:
 *
 *   npm run bench            (node --require @backstage/cli/config/nodeTransform.cjs bench/request-path.bench.ts)
 *
 * It starts the demo cluster (child process), then a backend in this process with the network
 * plugin and Backstage's Kubernetes plugin pointed at it (auth and permissions mocked to allow,
 * the same for every endpoint), and measures at 10 concurrent clients:
 *   - GET /api/network/ping                              (the floor: same auth and permission check)
 *   - GET /api/network/entities/.../request-path         (from the watch cache)
 *   - POST /api/kubernetes/services/<id>                 (the Kubernetes plugin: fans out to the API server)
 * plus cache fill time and the backend's RSS.
 *
 * BENCH_SCALE=small runs against the small topology; BENCH_STATE_DIR=<dir> uses a demo cluster
 * already running with that state directory (it is left running).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createBackend } from '@backstage/backend-defaults';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { readDemoClusterState, startDemoClusterProcess } from '../src/testing/demoClusterProcess';

const CONCURRENCY = 10;
const SCALE = (process.env.BENCH_SCALE as 'small' | 'large') ?? 'large';
const NAMESPACE = 'load-07';
const SERVICE_ID = 'svc-005';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: SERVICE_ID,
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': SERVICE_ID, 'backstage.io/kubernetes-namespace': NAMESPACE },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team' },
};

const keepAlive = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

interface Sample {
  latenciesMs: number[];
  durationMs: number;
  errors: number;
}

function call(port: number, method: string, path: string, body?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: '127.0.0.1', port, method, path, agent: keepAlive, headers: body ? { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } : {} },
      response => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}


async function load(port: number, method: string, path: string, total: number, body?: string): Promise<Sample> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) {
        next += 1;
        const begin = performance.now();
        const status = await call(port, method, path, body);
        latenciesMs.push(performance.now() - begin);
        if (status !== 200) errors += 1;
      }
    }),
  );
  return { latenciesMs, durationMs: performance.now() - started, errors };
}

function getJson(port: number, path: string): Promise<any> {
  return new Promise((resolve, reject) =>
    http
      .get({ host: '127.0.0.1', port, path }, response => {
        let text = '';
        response.on('data', chunk => {
          text += chunk;
        });
        response.on('end', () => resolve(JSON.parse(text)));
      })
      .on('error', reject),
  );
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function describe(name: string, sample: Sample) {
  const sorted = [...sample.latenciesMs].sort((a, b) => a - b);
  const figures = {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    rps: (sample.latenciesMs.length / sample.durationMs) * 1000,
  };
  console.log(
    `${name.padEnd(34)} n=${String(sorted.length).padStart(5)} errors=${sample.errors}  p50=${figures.p50.toFixed(2)} ms  p95=${figures.p95.toFixed(2)} ms  p99=${figures.p99.toFixed(2)} ms  ${figures.rps.toFixed(0)} req/s`,
  );
  return figures;
}

/** One machine-readable figure for bench/run-all.mjs, next to the human lines. */
function printBench(name: string, value: number, unit: string, target?: string) {
  console.log(`BENCH ${JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...(target ? { target } : {}) })}`);
}

async function main() {
  const demoStarted = performance.now();
  const demo = process.env.BENCH_STATE_DIR
    ? readDemoClusterState(process.env.BENCH_STATE_DIR)
    : await startDemoClusterProcess({ scale: SCALE, timeoutMs: 180_000 });
  console.log(`demo cluster (${process.env.BENCH_STATE_DIR ? `running in ${process.env.BENCH_STATE_DIR}` : SCALE}) ready in ${((performance.now() - demoStarted) / 1000).toFixed(1)} s`);
  const rssBefore = process.memoryUsage().rss;

  const backend = createBackend();
  let port = 0;
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: { baseUrl: 'http://127.0.0.1:0', listen: { host: '127.0.0.1', port: 0 } },
        kubernetes: {
          serviceLocatorMethod: { type: 'multiTenant' },
          clusterLocatorMethods: [
            {
              type: 'config',
              clusters: [
                { name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData },
              ],
            },
          ],
        },
        network: { clusters: { demo: { dns: { internal: demo.endpoints.dns } } } },
      },
    }),
  );
  backend.add(mockServices.rootLogger.factory({ level: 'warn' }));
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.user() }));
  backend.add(mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }));
  backend.add(mockServices.database.factory());
  backend.add(catalogServiceMock.factory({ entities: [entity] }));
  backend.add(createServiceFactory({ service: signalsServiceRef, deps: {}, factory: () => ({ publish: async () => {} }) }));
  backend.add(
    createServiceFactory({
      service: (await import('@backstage/backend-plugin-api')).coreServices.rootHttpRouter,
      deps: {},
      async factory() {
        // A plain Express app on a free port, so the benchmark needs no fixed port.
        const express = (await import('express')).default;
        const app = express();
        const server = app.listen(0, '127.0.0.1');
        await new Promise(resolve => server.once('listening', resolve));
        port = (server.address() as AddressInfo).port;
        return { use: (path: string, handler: any) => app.use(path, handler) } as any;
      },
    }),
  );
  backend.add(import('../src'));
  backend.add(import('@backstage/plugin-kubernetes-backend'));

  const backendStarted = performance.now();
  await backend.start();
  console.log(`backend started in ${((performance.now() - backendStarted) / 1000).toFixed(2)} s`);
  // The plugin starts its informers during start(); fill is measured from its first answer.
  const fillStarted = performance.now();
  let fillMs = 0;
  for (;;) {
    const body = await getJson(port, '/api/network/clusters');
    if (body.items?.[0]?.health === 'healthy') {
      fillMs = performance.now() - fillStarted;
      const pods = body.items[0].kinds.find((kind: any) => kind.kind === 'Pod').count;
      console.log(`cache filled in ${(fillMs / 1000).toFixed(2)} s (${pods} pods, ${body.items[0].kinds.reduce((sum: number, kind: any) => sum + kind.count, 0)} objects)`);
      break;
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }

  const requestPath = `/api/network/entities/component/default/${SERVICE_ID}/request-path`;
  // Warm up (JIT, DNS cache, sockets).
  await load(port, 'GET', '/api/network/ping', 1000);
  await load(port, 'GET', requestPath, 1000);
  const heapAfterFill = process.memoryUsage().heapUsed;

  const floor = describe('GET /api/network/ping (floor)', await load(port, 'GET', '/api/network/ping', 5000));
  const paths = describe('GET request-path', await load(port, 'GET', requestPath, 5000));
  const kubernetes = describe(
    'POST /api/kubernetes/services/:id',
    await load(port, 'POST', `/api/kubernetes/services/${SERVICE_ID}`, 100, JSON.stringify({ entity })),
  );
  (global as any).gc?.();
  const rss = process.memoryUsage().rss;
  console.log('');
  console.log(`request-path p95 / floor p95            ${(paths.p95 / floor.p95).toFixed(2)}x   (target <= 1.5x)`);
  console.log(`kubernetes plugin p50 / request-path p50 ${(kubernetes.p50 / paths.p50).toFixed(1)}x  (target >= 10x)`);
  console.log(`request-path p95                         ${paths.p95.toFixed(2)} ms (target <= 25 ms)`);
  console.log(`cache fill                               ${(fillMs / 1000).toFixed(2)} s (target <= 10 s)`);
  console.log(`heap used after fill                     ${(heapAfterFill / 1024 / 1024).toFixed(0)} MB`);
  console.log(`backend RSS                              ${(rss / 1024 / 1024).toFixed(0)} MB (before the backend: ${(rssBefore / 1024 / 1024).toFixed(0)} MB; target <= 400 MB)`);
  printBench('request-path p95 / floor p95', paths.p95 / floor.p95, 'x', '<= 1.5');
  printBench('kubernetes plugin p50 / request-path p50', kubernetes.p50 / paths.p50, 'x', '>= 10');
  printBench('request-path p50', paths.p50, 'ms');
  printBench('request-path p95', paths.p95, 'ms', '<= 25');
  printBench('request-path throughput (10 clients)', paths.rps, 'req/s');
  printBench('floor (ping) p95', floor.p95, 'ms');
  printBench('cache fill', fillMs / 1000, 's', '<= 10');
  printBench('heap used after fill', heapAfterFill / 1024 / 1024, 'MB');
  printBench('backend RSS', rss / 1024 / 1024, 'MB', '<= 400');

  await backend.stop();
  await demo.stop();
  keepAlive.destroy();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
