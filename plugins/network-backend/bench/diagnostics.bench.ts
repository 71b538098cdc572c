/*
 * Benchmark of the diagnostics against the demo cluster at --scale large. Prints figures; not a
 * test. Run from the package directory:
 *
 *   npm run bench:diagnostics
 *
 * It starts the demo cluster (child process), fills a watch cache, and measures in this process:
 *   - a full diagnostics run (every check; exec into the Cilium agents, DNS, Talos API);
 *   - an entity-scoped run (one service's request path);
 *   - the seeds' troubleshooting checklist typed by hand: the same questions as sequential
 *     `kubectl` commands against the same API server, as the operator would run them.
 * Runs are stored in an in-memory SQLite database, as the plugin stores them.
 *
 * BENCH_SCALE=small uses the small topology; BENCH_STATE_DIR=<dir> uses a running demo cluster.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import knexFactory from 'knex';
import { ConfigReader } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import { ClusterRegistry } from '../src/services/ClusterRegistry/ClusterRegistry';
import { NetworkClusters } from '../src/services/NetworkClusters/NetworkClusters';
import { DnsProbe } from '../src/services/DnsProbe/DnsProbe';
import { RequestPathResolver } from '../src/services/RequestPathResolver/RequestPathResolver';
import { RunEventLog } from '../src/services/RunEvents/RunEventLog';
import { CheckRegistry } from '../src/services/Diagnostics/CheckRegistry';
import { DiagnosticsRunner } from '../src/services/Diagnostics/DiagnosticsRunner';
import { DiagnosticsStore } from '../src/services/Diagnostics/DiagnosticsStore';
import { EntityScopeResolver } from '../src/services/Diagnostics/EntityScopeResolver';
import { allChecks } from '../src/services/Diagnostics/checks';
import { createPodExec } from '../src/services/PodExec';
import { migrate } from '../src/services/Diagnostics/testing/runnerHarness';
import { readDemoClusterState, startDemoClusterProcess } from '../src/testing/demoClusterProcess';
import { createTalosClient } from '../src/services/TalosClient';

const run = promisify(execFile);
const SCALE = (process.env.BENCH_SCALE as 'small' | 'large') ?? 'large';
const ENTITY = { namespace: 'load-07', id: 'svc-005' };

/** The seeds' checklist as an operator types it (`../shared/seeds/`), minus what needs a shell in a pod. */
function kubectlChecklist(agentPods: string[]): string[][] {
  const perAgent = agentPods.flatMap(pod => [
    ['exec', '-n', 'kube-system', pod, '-c', 'cilium-agent', '--', 'cilium-dbg', 'status', '-o', 'json'],
  ]);
  const onePod = agentPods[0];
  return [
    ['get', 'ciliumloadbalancerippools', '-o', 'json'],
    ['get', 'services', '-A', '--field-selector', 'spec.type=LoadBalancer', '-o', 'json'],
    ['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=cilium', '-o', 'json'],
    ['get', 'deployment', '-n', 'kube-system', 'cilium-operator', '-o', 'json'],
    ...perAgent,
    ['exec', '-n', 'kube-system', onePod, '-c', 'cilium-agent', '--', 'cilium-dbg', 'service', 'list'],
    ['exec', '-n', 'kube-system', onePod, '-c', 'cilium-agent', '--', 'cilium-dbg', 'bpf', 'lb', 'list'],
    ['exec', '-n', 'kube-system', onePod, '-c', 'cilium-agent', '--', 'cilium-dbg', 'statedb', 'l2-announce'],
    ['get', 'ciliuml2announcementpolicies', '-o', 'json'],
    ['get', 'leases', '-n', 'kube-system', '-o', 'json'],
    ['get', 'gateways', '-A', '-o', 'json'],
    ['get', 'httproutes', '-A', '-o', 'json'],
    ['get', 'ingress', '-A', '-o', 'json'],
    ['get', 'ingressclass', '-o', 'json'],
    ['get', 'certificates', '-A', '-o', 'json'],
    ['get', 'clusterissuers,issuers', '-A', '-o', 'json'],
    ['get', 'configmap', '-n', 'kube-system', 'coredns', '-o', 'yaml'],
    ['get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '-o', 'json'],
    ['get', 'endpointslices', '-A', '-o', 'json'],
    ['get', 'networkpolicies', '-A', '-o', 'json'],
    ['get', 'ciliumnetworkpolicies', '-A', '-o', 'json'],
    ['get', 'namespaces', '-o', 'json'],
  ];
}

/** Warnings and errors only, so the figures stay readable. */
const logger: LoggerService = {
  debug: () => {},
  info: () => {},
  warn: (message: string) => console.warn(`warn: ${message}`),
  error: (message: string) => console.error(`error: ${message}`),
  child: () => logger,
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** One machine-readable figure for bench/run-all.mjs, next to the human lines. */
function printBench(name: string, value: number, unit: string, target?: string) {
  console.log(`BENCH ${JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...(target ? { target } : {}) })}`);
}

async function main() {
  const demo = process.env.BENCH_STATE_DIR ? readDemoClusterState(process.env.BENCH_STATE_DIR) : await startDemoClusterProcess({ scale: SCALE, timeoutMs: 180_000 });
  const config = new ConfigReader({
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [{ name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData }],
        },
      ],
    },
    network: { clusters: { demo: { dns: { internal: demo.endpoints.dns }, talos: { talosconfigPath: `${demo.stateDir}/talosconfig` } } } },
  });
  const clusters = new NetworkClusters({ registry: ClusterRegistry.fromConfig(config), logger });
  const fillStarted = performance.now();
  clusters.start();
  await clusters.whenSynced();
  const cache = clusters.cache('demo')!;
  console.log(`demo cluster (${SCALE}): cache filled in ${seconds(performance.now() - fillStarted)}, ${cache.count('Pod')} pods`);

  const db = knexFactory({ client: 'better-sqlite3', connection: { filename: ':memory:' }, useNullAsDefault: true });
  await migrate(db);
  const dns = new DnsProbe({ timeoutMs: 2000 });
  const requestPaths = new RequestPathResolver({ clusters, dns });
  const entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: ENTITY.id, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': ENTITY.id, 'backstage.io/kubernetes-namespace': ENTITY.namespace } },
    spec: {},
  };
  const runner = new DiagnosticsRunner({
    registry: new CheckRegistry(allChecks),
    store: new DiagnosticsStore(db),
    events: new RunEventLog(db),
    clusters,
    dns,
    entityScopes: new EntityScopeResolver({ catalog: { getEntityByRef: async () => entity } as any, requestPaths }),
    createExec: definition => createPodExec(definition),
    createTalos: definition => createTalosClient(definition),
    logger,
  });
  const credentials = { $$type: '@backstage/BackstageCredentials', principal: { type: 'user', userEntityRef: 'user:default/bench' } } as any;

  const timed = async (selection: any) => {
    const started = performance.now();
    const detail = await runner.runAndWait({ cluster: 'demo', selection, trigger: 'manual', actor: 'bench', credentials }, 5);
    return { ms: performance.now() - started, detail };
  };

  await timed({ kind: 'all' }); // warm-up: JIT, TLS sessions, DNS
  const full: number[] = [];
  let lastFull;
  for (let index = 0; index < 3; index += 1) {
    const { ms, detail } = await timed({ kind: 'all' });
    full.push(ms);
    lastFull = detail;
  }
  const entityRuns: number[] = [];
  let lastEntity;
  for (let index = 0; index < 5; index += 1) {
    const { ms, detail } = await timed({ kind: 'entity', entityRef: `component:default/${ENTITY.id}` });
    entityRuns.push(ms);
    lastEntity = detail;
  }
  const slowestEntity = [...lastEntity!.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);

  const slowest = [...lastFull!.results].sort((a, b) => b.durationMs - a.durationMs).slice(0, 5);
  const agentPods = cache.list('Pod', 'kube-system').filter(pod => pod.metadata?.labels?.['k8s-app'] === 'cilium').map(pod => pod.metadata.name);
  const commands = kubectlChecklist(agentPods);
  const kubectlStarted = performance.now();
  let kubectlFailures = 0;
  for (const args of commands) {
    try {
      await run('kubectl', ['--kubeconfig', demo.kubeconfigPath, ...args], { maxBuffer: 512 * 1024 * 1024 });
    } catch {
      kubectlFailures += 1;
    }
  }
  const kubectlMs = performance.now() - kubectlStarted;

  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log('');
  console.log(`checks registered                        ${allChecks.length}`);
  console.log(`full run (median of 3, warm)             ${seconds(median(full))}  [${full.map(seconds).join(', ')}]  (target <= 5 s)`);
  console.log(`  outcomes                               ${JSON.stringify(lastFull!.totals)}`);
  console.log(`  slowest checks                         ${slowest.map(result => `${result.checkId} ${result.durationMs} ms`).join(', ')}`);
  console.log(`entity-scoped run (median of 5)          ${seconds(median(entityRuns))}  (target <= 1 s)`);
  console.log(`  checks in the entity run               ${lastEntity!.results.length}`);
  console.log(`  slowest checks                         ${slowestEntity.map(result => `${result.checkId} ${result.durationMs} ms`).join(', ')}`);
  console.log(`kubectl checklist, ${commands.length} commands in sequence  ${seconds(kubectlMs)}${kubectlFailures ? ` (${kubectlFailures} failed)` : ''}`);
  console.log(`kubectl checklist / full run             ${(kubectlMs / median(full)).toFixed(1)}x`);
  printBench('checks registered', allChecks.length, 'checks');
  printBench('full run (median of 3)', median(full) / 1000, 's', '<= 5');
  printBench('entity-scoped run (median of 5)', median(entityRuns) / 1000, 's', '<= 1');
  printBench('kubectl checklist in sequence', kubectlMs / 1000, 's');
  printBench('kubectl checklist failed commands', kubectlFailures, 'commands');
  printBench('kubectl checklist / full run', kubectlMs / median(full), 'x');

  clusters.stop();
  await db.destroy();
  await demo.stop();
  process.exit(0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
