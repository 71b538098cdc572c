import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** What a started demo cluster wrote. */
export interface DemoClusterProcess {
  stateDir: string;
  endpoints: { kubernetesApiUrl: string; talosApid: string; dns: { host: string; port: number } };
  kubeconfigPath: string;
  token: string;
  caData: string;
  /** Kills the process and removes the state directory. */
  stop(): Promise<void>;
  /** Kills the process and keeps the state directory (a `persist` cluster restarts from it). */
  kill(): Promise<void>;
}

// The repository root: this package lives in <root>/plugins/network-backend.
const REPO_ROOT = path.resolve(resolvePackagePath('@internal/plugin-network-backend'), '../..');

/**
 * Starts `demo-cluster up` as a child process (tests and the benchmark) and waits for
 * endpoints.json. Everything it serves listens on loopback.
 */
export async function startDemoClusterProcess(
  options: {
    scale?: 'small' | 'large';
    timeoutMs?: number;
    state?: 'seeded' | 'empty';
    /** Reuse this state directory (with `persist`, a restart continues the same cluster). */
    stateDir?: string;
    /** Keep the cluster's objects in the state directory across restarts. */
    persist?: boolean;
    /** Fixed ports, so clients reconnect to a restarted cluster at the same address. */
    ports?: { kube: number; talos: number; dns: number };
  } = {},
): Promise<DemoClusterProcess> {
  const stateDir = options.stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'network-backend-demo-'));
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'packages/demo-cluster/bin/demo-cluster.js'),
      'up',
      '--state-dir',
      stateDir,
      '--scale',
      options.scale ?? 'small',
      // 'empty': a fresh cluster awaiting the portal's bootstrap.
      ...(options.state ? ['--state', options.state] : []),
      ...(options.persist ? ['--persist'] : []),
      ...(options.ports
        ? ['--kube-port', String(options.ports.kube), '--talos-port', String(options.ports.talos), '--dns-port', String(options.ports.dns)]
        : []),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', chunk => {
    output += chunk;
  });
  child.stderr?.on('data', chunk => {
    output += chunk;
  });
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  while (!/demo-cluster up in/.test(output)) {
    if (child.exitCode !== null) throw new Error(`demo-cluster exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`demo-cluster did not start in time: ${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const kill = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  };
  return {
    ...readDemoClusterState(stateDir),
    kill,
    stop: async () => {
      await kill();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}

/** Reads what a running demo cluster wrote into its state directory; `stop()` leaves it running. */
export function readDemoClusterState(stateDir: string): DemoClusterProcess {
  const endpoints = JSON.parse(fs.readFileSync(path.join(stateDir, 'endpoints.json'), 'utf8'));
  const kubeconfigPath = path.join(stateDir, 'kubeconfig');
  const kubeconfig = fs.readFileSync(kubeconfigPath, 'utf8');
  const field = (name: string) => kubeconfig.match(new RegExp(`${name}:\\s*"?([^"\\n]+)"?`))?.[1].trim() ?? '';
  return {
    stateDir,
    endpoints,
    kubeconfigPath,
    token: field('token'),
    caData: field('certificate-authority-data'),
    stop: async () => {},
    kill: async () => {},
  };
}

/** POSTs an object to the demo cluster's API (tests create objects to see the watch follow). */
export function postJson(demo: DemoClusterProcess, apiPath: string, body: unknown): Promise<void> {
  return new Promise((resolve, reject) => {
    const url = new URL(demo.endpoints.kubernetesApiUrl);
    const request = https.request(
      {
        hostname: url.hostname,
        port: url.port,
        path: apiPath,
        method: 'POST',
        ca: Buffer.from(demo.caData, 'base64').toString('utf8'),
        headers: { Authorization: `Bearer ${demo.token}`, 'Content-Type': 'application/json' },
      },
      response => {
        response.resume();
        response.on('end', () =>
          response.statusCode && response.statusCode < 300 ? resolve() : reject(new Error(`POST ${apiPath}: ${response.statusCode}`)),
        );
      },
    );
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}
