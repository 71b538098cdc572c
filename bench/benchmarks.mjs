/**
 * Every benchmark of the project, in the order `npm run bench` runs them. Each prints human
 * lines and `BENCH {...}` figure lines (see benchLine.mjs). `quick` holds what `--quick` changes:
 * shorter load, small scale where the benchmark supports it. `precondition` (optional, async)
 * returns why the benchmark cannot run here, or undefined; the benchmark is then skipped.
 */

export const benchmarks = [
  {
    name: 'demo-cluster',
    measures:
      'demo cluster at --scale large: start time, listing 20,000 pods, watch event rate',
    cwd: 'packages/demo-cluster',
    command: ['npm', 'run', '--silent', 'bench'],
    // The demo cluster benchmark is always --scale large; --quick only counts fewer watch events.
    quick: { args: ['--', '--events', '10000'] },
    timeoutMinutes: 10,
  },
  {
    name: 'request-path',
    measures:
      'request-path endpoint vs the no-op floor vs the Kubernetes plugin at 10 clients; cache fill; RSS',
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench'],
    quick: { env: { BENCH_SCALE: 'small' } },
    timeoutMinutes: 15,
  },
  {
    name: 'diagnostics',
    measures:
      'full and entity-scoped diagnostics runs vs the same checklist as sequential kubectl commands',
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench:diagnostics'],
    quick: { env: { BENCH_SCALE: 'small' } },
    timeoutMinutes: 20,
  },
  {
    name: 'load',
    measures:
      'autocannon, 200 connections on request-path, overview and a routes page, three rounds; errors, p99, RSS growth',
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench:load'],
    quick: { env: { LOAD_SECONDS: '5', BENCH_SCALE: 'small' } },
    timeoutMinutes: 20,
  },
  {
    name: 'production-rss',
    measures:
      "the network backend's RSS as production runs it: built plugin, own process, large demo cluster",
    cwd: 'plugins/network-backend',
    command: ['npm', 'run', '--silent', 'bench:rss'],
    quick: { env: { BENCH_SCALE: 'small' } },
    timeoutMinutes: 10,
  },
  {
    name: 'network-screens',
    measures:
      'headless Chromium on a large-cluster portal (ports 3600/7600): entity Network tab to graph, Network page long tasks',
    cwd: 'packages/app',
    command: ['npm', 'run', '--silent', 'perf'],
    timeoutMinutes: 20,
  },
  {
    name: 'create-service-dry-run',
    measures:
      'scaffolder dry run of the "Create service" template (own demo cluster and portal backend)',
    cwd: '.',
    command: ['node', 'bench/create-service-dry-run.mjs'],
    quick: { env: { DRY_RUN_COUNT: '3' } },
    timeoutMinutes: 10,
  },
];
