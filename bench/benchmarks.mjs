/**
 * Every benchmark of the project, in the order `npm run bench` runs them. Each prints human
 * lines and `BENCH {...}` figure lines (see benchLine.mjs). `quick` holds what `--quick` changes:
 * shorter load, small scale where the benchmark supports it.
 */

/** Where the portal's backend answers, for the benchmarks that need a running portal. */
export const portalBackendUrl = (process.env.PORTAL_BACKEND_URL ?? 'http://localhost:7007').replace(/\/$/, '');

/** Undefined when the portal's backend answers; otherwise why the benchmark cannot run. */
async function portalBackendReachable() {
  try {
    await fetch(`${portalBackendUrl}/api/scaffolder/v2/actions`, { signal: AbortSignal.timeout(3000) });
    return undefined;
  } catch {
    return `no portal backend at ${portalBackendUrl}`;
  }
}

export const benchmarks = [
  {
    name: 'demo-cluster',
    measures: 'demo cluster at --scale large: start time, listing 20,000 pods, watch event rate',
    cwd: 'packages/demo-cluster',
    command: ['npm', 'run', '--silent', 'bench'],
    // The demo cluster benchmark is always --scale large; --quick only counts fewer watch events.
    quick: { args: ['--', '--events', '10000'] },
    timeoutMinutes: 10,
  },
  {
    name: 'request-path',
    measures: 'request-path endpoint vs the no-op floor vs the Kubernetes plugin at 10 clients; cache fill; RSS',
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench'],
    quick: { env: { BENCH_SCALE: 'small' } },
    timeoutMinutes: 15,
  },
  {
    name: 'diagnostics',
    measures: 'full and entity-scoped diagnostics runs vs the same checklist as sequential kubectl commands',
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench:diagnostics'],
    quick: { env: { BENCH_SCALE: 'small' } },
    timeoutMinutes: 20,
  },
  {
    name: 'load',
    measures: 'autocannon, 200 connections on request-path and overview, three rounds; errors, p99, RSS growth',
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench:load'],
    quick: { env: { LOAD_SECONDS: '5', BENCH_SCALE: 'small' } },
    timeoutMinutes: 20,
  },
  {
    name: 'create-service-dry-run',
    measures: 'scaffolder dry run of the "Create service" template through a running portal backend',
    cwd: '.',
    command: ['node', 'bench/create-service-dry-run.mjs'],
    quick: {},
    timeoutMinutes: 5,
    precondition: portalBackendReachable,
  },
];
