/**
 * Benchmark of the demo cluster at `--scale large` (not a test; prints figures):
 * - start time of the whole cluster (PKI, seeding ~75,000 objects, controllers, servers);
 * - listing all 20,000 pods over HTTPS (one JSON list, kubectl's Table form, and 500-item pages);
 * - sustained watch event rate: a watch client in a worker thread counts events while the main
 *   thread commits updates to the store as fast as the event loop allows.
 *
 * Run: node bench/demo-cluster.bench.ts [--events N]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { startDemoCluster } from '../src/index.ts';
import type { KubeObject } from '../src/store/types.ts';

const eventsArgument = process.argv.indexOf('--events');
const WATCH_EVENTS = eventsArgument > 0 ? Number(process.argv[eventsArgument + 1]) : 50_000;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function get(url: string, token: string, caPem: string, accept = 'application/json'): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { Authorization: `Bearer ${token}`, Accept: accept }, ca: caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

// The watch client: counts events and reports when it has seen `expected` of them.
const WATCH_CLIENT = `
const { workerData, parentPort } = require('node:worker_threads');
const https = require('node:https');
const { url, token, caPem, expected } = workerData;
let count = 0;
let first = 0;
let buffer = '';
const req = https.request(url, { headers: { Authorization: 'Bearer ' + token }, ca: caPem }, (res) => {
  parentPort.postMessage({ type: 'open' });
  res.setEncoding('utf8');
  res.on('data', (chunk) => {
    buffer += chunk;
    let newline;
    while ((newline = buffer.indexOf('\\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      const event = JSON.parse(line);
      if (event.type !== 'MODIFIED') continue;
      if (count === 0) first = performance.now() + performance.timeOrigin;
      count++;
      if (count === expected) {
        parentPort.postMessage({ type: 'done', first, last: performance.now() + performance.timeOrigin, count });
        req.destroy();
      }
    }
  });
});
req.on('error', () => {});
req.end();
`;

/** One machine-readable figure for bench/run-all.mjs, next to the human lines. */
function printBench(name: string, value: number, unit: string, target?: string): void {
  console.log(`BENCH ${JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...(target ? { target } : {}) })}`);
}

async function main(): Promise<void> {
  const stateDir = mkdtempSync(join(tmpdir(), 'demo-bench-'));
  const startedAt = performance.now();
  const cluster = await startDemoCluster({ stateDir, scale: 'large', seed: 1 });
  const startSeconds = (performance.now() - startedAt) / 1000;
  const { store, token, kubernetesCaPem: caPem } = cluster;
  const base = cluster.endpoints.kubernetesApiUrl;
  const podCount = store.count({ group: '', plural: 'pods' });
  console.log(`scale large: ${store.count()} objects (${podCount} pods, ${store.count({ group: '', plural: 'services' })} services, ${store.count({ group: 'gateway.networking.k8s.io', plural: 'httproutes' })} HTTPRoutes, ${store.count({ group: 'cilium.io', plural: 'ciliumloadbalancerippools' })} pools, ${store.count({ group: '', plural: 'nodes' })} nodes)`);
  console.log(`start time (startDemoCluster, scale large): ${startSeconds.toFixed(2)} s`);
  printBench('start time, scale large', startSeconds, 's');

  try {
    const jsonTimes: number[] = [];
    let items = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const answer = await get(`${base}/api/v1/pods`, token, caPem);
      items = (JSON.parse(answer.body) as { items: unknown[] }).items.length;
      jsonTimes.push(performance.now() - t);
    }
    console.log(`list all pods, JSON (GET /api/v1/pods, ${items} items): median ${median(jsonTimes).toFixed(0)} ms (runs: ${jsonTimes.map((t) => t.toFixed(0)).join(', ')} ms)`);
    printBench(`list all pods, JSON (${items} items, median of 3)`, median(jsonTimes), 'ms');

    const tableTimes: number[] = [];
    let rows = 0;
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const answer = await get(`${base}/api/v1/pods`, token, caPem, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
      rows = (JSON.parse(answer.body) as { rows: unknown[] }).rows.length;
      tableTimes.push(performance.now() - t);
    }
    console.log(`list all pods, Table as kubectl asks (${rows} rows): median ${median(tableTimes).toFixed(0)} ms`);
    printBench(`list all pods, Table (${rows} rows, median of 3)`, median(tableTimes), 'ms');

    const pagedStart = performance.now();
    let continueToken = '';
    let paged = 0;
    let pages = 0;
    do {
      const answer = await get(`${base}/api/v1/pods?limit=500${continueToken ? `&continue=${continueToken}` : ''}`, token, caPem);
      const list = JSON.parse(answer.body) as { items: unknown[]; metadata: { continue?: string } };
      paged += list.items.length;
      pages++;
      continueToken = list.metadata.continue ?? '';
    } while (continueToken);
    console.log(`list all pods in pages of 500 (${pages} pages, ${paged} items): ${(performance.now() - pagedStart).toFixed(0)} ms`);
    printBench('list all pods in pages of 500', performance.now() - pagedStart, 'ms');

    // Watch rate: a namespace of ConfigMaps updated round-robin. Every write must change
    // something: the store drops no-op writes without an event, like the real API server.
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
    const targets: KubeObject[] = [];
    for (let i = 0; i < 100; i++) {
      targets.push(store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `bench-${i}`, namespace: 'bench' }, data: { n: 'initial' } }));
    }
    const watchUrl = `${base}/api/v1/namespaces/bench/configmaps?watch=true&resourceVersion=${store.currentResourceVersion()}`;
    const worker = new Worker(WATCH_CLIENT, { eval: true, workerData: { url: watchUrl, token, caPem, expected: WATCH_EVENTS } });
    await new Promise<void>((resolve) => worker.on('message', (message: { type: string }) => message.type === 'open' && resolve()));
    const done = new Promise<{ first: number; last: number; count: number }>((resolve) =>
      worker.on('message', (message: { type: string; first: number; last: number; count: number }) => message.type === 'done' && resolve(message)),
    );
    const writeStart = performance.now() + performance.timeOrigin;
    let written = 0;
    await new Promise<void>((resolve) => {
      const burst = () => {
        // Bursts of 200 writes, yielding in between so the server can flush the stream.
        for (let i = 0; i < 200 && written < WATCH_EVENTS; i++, written++) {
          const target = store.get({ group: '', plural: 'configmaps' }, 'bench', `bench-${written % targets.length}`)!;
          store.update({ ...target, data: { n: String(written) } });
        }
        if (written < WATCH_EVENTS) setImmediate(burst);
        else resolve();
      };
      burst();
    });
    const writeSeconds = (performance.now() + performance.timeOrigin - writeStart) / 1000;
    const result = await done;
    await worker.terminate();
    const seconds = (result.last - writeStart) / 1000;
    console.log(`store update rate (with the controllers subscribed): ${(WATCH_EVENTS / writeSeconds).toFixed(0)} writes/s`);
    console.log(`sustained watch event rate (HTTPS watch, client in a worker thread): ${result.count} events in ${seconds.toFixed(2)} s = ${(result.count / seconds).toFixed(0)} events/s`);
    printBench('store update rate', WATCH_EVENTS / writeSeconds, 'writes/s');
    printBench('sustained watch event rate', result.count / seconds, 'events/s');
  } finally {
    await cluster.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

await main();
