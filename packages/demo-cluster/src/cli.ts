/**
 * `demo-cluster up --state-dir DIR [...]`: starts the demo cluster, prints where everything
 * listens, and runs until SIGINT/SIGTERM. Bad flags print a message and exit with code 2.
 */
import { parseArgs } from 'node:util';
import { startDemoCluster } from './index.ts';
import type { DemoClusterOptions } from './index.ts';

const USAGE = `Usage: demo-cluster up --state-dir DIR [options]

Starts a simulated Talos + Cilium cluster on loopback: a Kubernetes API server (HTTPS),
a Talos apid (gRPC, mutual TLS) and a DNS server. Writes DIR/kubeconfig, DIR/talosconfig
and DIR/endpoints.json, prints the same, and runs until SIGINT or SIGTERM.

Options:
  --state-dir DIR        where the files go (required)
  --scale small|large    cluster size (default small; large has ~40,000 objects)
  --seed N               topology seed, an integer (default 1)
  --state seeded|empty   seeded cluster or a fresh one awaiting bootstrap (default seeded)
  --persist              keep the cluster's state in DIR/state.json across restarts
  --host H               loopback address to listen on (default 127.0.0.1)
  --kube-port P          Kubernetes API port (default: a free port)
  --talos-port P         Talos apid port (default: a free port)
  --dns-port P           DNS port, UDP and TCP (default: a free port)
  -h, --help             show this help
`;

/** A command-line mistake: printed with the usage hint, exit code 2. */
class UsageError extends Error {}

function parsePort(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new UsageError(`--${name} must be a port number (0-65535), got "${value}"`);
  return port;
}

/** Parses the command line into options for `startDemoCluster`, or 'help'. */
export function parseCommandLine(argv: string[]): DemoClusterOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        'state-dir': { type: 'string' },
        scale: { type: 'string' },
        seed: { type: 'string' },
        state: { type: 'string' },
        persist: { type: 'boolean' },
        host: { type: 'string' },
        'kube-port': { type: 'string' },
        'talos-port': { type: 'string' },
        'dns-port': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (positionals.length === 0) throw new UsageError('missing command: the only command is "up"');
  if (positionals[0] !== 'up' || positionals.length > 1) throw new UsageError(`unknown command "${positionals.join(' ')}": the only command is "up"`);
  if (!values['state-dir']) throw new UsageError('--state-dir is required');
  if (values.scale !== undefined && values.scale !== 'small' && values.scale !== 'large') {
    throw new UsageError(`--scale must be small or large, got "${values.scale}"`);
  }
  if (values.state !== undefined && values.state !== 'seeded' && values.state !== 'empty') {
    throw new UsageError(`--state must be seeded or empty, got "${values.state}"`);
  }
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  if (values.host !== undefined && !(values.host.startsWith('127.') || values.host === 'localhost' || values.host === '::1')) {
    throw new UsageError(`--host must be a loopback address (127.0.0.0/8), got "${values.host}"`);
  }
  const options: DemoClusterOptions = { stateDir: values['state-dir'] };
  if (values.scale) options.scale = values.scale as 'small' | 'large';
  if (values.seed !== undefined) options.seed = Number(values.seed);
  if (values.state) options.state = values.state as 'seeded' | 'empty';
  if (values.persist) options.persist = true;
  if (values.host) options.host = values.host;
  const kubePort = parsePort('kube-port', values['kube-port']);
  const talosPort = parsePort('talos-port', values['talos-port']);
  const dnsPort = parsePort('dns-port', values['dns-port']);
  if (kubePort !== undefined) options.kubePort = kubePort;
  if (talosPort !== undefined) options.talosPort = talosPort;
  if (dnsPort !== undefined) options.dnsPort = dnsPort;
  return options;
}

async function main(argv: string[]): Promise<void> {
  let options: DemoClusterOptions | 'help';
  try {
    options = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`demo-cluster: ${error.message}\nRun "demo-cluster --help" for usage.\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return;
  }
  const started = performance.now();
  const cluster = await startDemoCluster(options);
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const { endpoints } = cluster;
  const lines = [
    `demo-cluster up in ${seconds}s (${cluster.store.count()} objects)`,
    `  Kubernetes API: ${endpoints.kubernetesApiUrl}`,
    `  Talos apid:     ${endpoints.talosApid}`,
    `  DNS:            ${endpoints.dns.host}:${endpoints.dns.port} (udp+tcp)`,
    `  nodes:          ${endpoints.nodes.map((node) => `${node.name} ${node.address} (${node.role})`).join(', ')}`,
    `  kubeconfig:     ${cluster.kubeconfigPath}`,
    `  talosconfig:    ${cluster.talosconfigPath}`,
    `  endpoints:      ${cluster.endpointsPath}`,
    `Try: kubectl --kubeconfig ${cluster.kubeconfigPath} get nodes`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`demo-cluster: ${signal}, stopping\n`);
    cluster.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('demo-cluster: stop failed:', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error('demo-cluster:', error instanceof Error ? error.message : error);
  process.exit(1);
});
