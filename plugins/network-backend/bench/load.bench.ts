/*
 * Load benchmark: 200 concurrent connections for 60 s on the request-path, overview and first
 * routes page endpoints (what the Network tab and the Network page fetch) of a backend process (the network plugin alone, dev/index.ts, SQLite) watching the demo
 * cluster at --scale large. Three consecutive rounds; prints throughput, p50/p99, errors and the
 * backend process's RSS before and after each round. Not a test. From the package directory:
 *
 *   npm run bench:load          (LOAD_SECONDS=10 for a quick look)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { startDemoClusterProcess } from '../src/testing/demoClusterProcess';
import { freeLoopbackPorts } from '../src/testing/freeLoopbackPorts';
import { startReplicaProcess } from '../src/testing/replicaProcess';

const CONNECTIONS = 200;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const ROUNDS = 3;
const SCALE = (process.env.BENCH_SCALE as 'small' | 'large') ?? 'large';

/** Resident set size of a process in MB, from /proc (the backend runs in its own process). */
function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

// The portal's frontend fetches through the browser, which always offers compression; the load
// is sent with the same header (the size of each answer as JSON and as sent is printed).
const BROWSER_HEADERS = { 'accept-encoding': 'gzip, deflate, br' };

async function load(url: string) {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, pipelining: 1, headers: BROWSER_HEADERS });
  const errors = result.errors + result.timeouts + result.non2xx;
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors, total: result.requests.total };
}

/** One machine-readable figure for bench/run-all.mjs, next to the human lines. */
function printBench(name: string, value: number, unit: string, target?: string) {
  console.log(`BENCH ${JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...(target ? { target } : {}) })}`);
}

async function main() {
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-load-'));
  const demo = await startDemoClusterProcess({ scale: SCALE, timeoutMs: 180_000 });
  const [port] = await freeLoopbackPorts(1);
  const backend = await startReplicaProcess({
    port,
    workDir,
    timeoutMs: 180_000,
    config: {
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { host: '127.0.0.1', port },
        database: { client: 'better-sqlite3', connection: ':memory:' },
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
        clusters: { demo: { dns: { internal: demo.endpoints.dns, external: [] } } },
        diagnostics: { schedule: { frequencyMinutes: 0 } },
      },
    },
  });
  const base = `http://127.0.0.1:${port}/api/network`;
  // Wait for the cache to fill.
  for (;;) {
    const body = await (await fetch(`${base}/clusters`)).json();
    if (body.items?.[0]?.health === 'healthy') break;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const endpoints = [
    ['request-path', `${base}/entities/component/default/jellyfin/request-path`],
    ['overview', `${base}/clusters/demo/overview`],
    ['routes page', `${base}/clusters/demo/routes?limit=20`],
  ] as const;
  for (const [name, url] of endpoints) {
    const started = performance.now();
    const response = await fetch(url, { headers: BROWSER_HEADERS });
    const body = await response.text();
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body}`);
    const sent = response.headers.get('content-length');
    console.log(
      `${name}: ${(body.length / 1024).toFixed(0)} KB of JSON, sent as ${sent ? `${(Number(sent) / 1024).toFixed(0)} KB` : 'chunks'} (${response.headers.get('content-encoding') ?? 'identity'}), first answer in ${(performance.now() - started).toFixed(0)} ms`,
    );
    if (name === 'overview') {
      const sections = Object.entries(JSON.parse(body)).map(([key, value]) => `${key} ${(JSON.stringify(value).length / 1024).toFixed(0)} KB`);
      console.log(`  by section: ${sections.join(', ')}`);
    }
  }

  console.log(`backend pid ${backend.pid}, demo cluster ${SCALE}, ${CONNECTIONS} connections, ${SECONDS} s per endpoint and round`);
  console.log('round  endpoint       req/s    p50 ms  p99 ms  errors  RSS before  RSS after');
  const rssAfterRounds: number[] = [];
  // Worst figures per endpoint over the rounds, for the BENCH lines.
  const worst = new Map<string, { rps: number; p99: number; errors: number }>();
  for (let round = 1; round <= ROUNDS; round += 1) {
    for (const [name, url] of endpoints) {
      const before = rssMb(backend.pid);
      const figures = await load(url);
      const after = rssMb(backend.pid);
      const seen = worst.get(name) ?? { rps: Infinity, p99: 0, errors: 0 };
      worst.set(name, { rps: Math.min(seen.rps, figures.rps), p99: Math.max(seen.p99, figures.p99), errors: seen.errors + figures.errors });
      console.log(
        `${String(round).padEnd(6)} ${name.padEnd(13)} ${figures.rps.toFixed(0).padStart(6)}  ${String(figures.p50).padStart(6)}  ${String(figures.p99).padStart(6)}  ${String(figures.errors).padStart(6)}  ${before.toFixed(0).padStart(7)} MB  ${after.toFixed(0).padStart(6)} MB`,
      );
    }
    rssAfterRounds.push(rssMb(backend.pid));
  }
  const growth = ((rssAfterRounds[ROUNDS - 1] - rssAfterRounds[0]) / rssAfterRounds[0]) * 100;
  console.log(`RSS after each round: ${rssAfterRounds.map(value => `${value.toFixed(0)} MB`).join(', ')}; growth from round 1 to ${ROUNDS}: ${growth.toFixed(1)}% (target <= 10%)`);
  console.log('targets: 0 errors, p99 <= 250 ms');
  for (const [name, figures] of worst) {
    printBench(`${name} throughput (lowest round)`, figures.rps, 'req/s');
    printBench(`${name} p99 (highest round)`, figures.p99, 'ms', '<= 250');
    printBench(`${name} errors (all rounds)`, figures.errors, 'errors', '<= 0');
  }
  printBench('backend RSS after round 1', rssAfterRounds[0], 'MB');
  printBench(`backend RSS growth, round 1 to ${ROUNDS}`, growth, '%', '<= 10');

  await backend.stop();
  await demo.stop();
  fs.rmSync(workDir, { recursive: true, force: true });
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
