import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

const CLI = new URL('../src/cli.ts', import.meta.url).pathname;

function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

function kubectl(kubeconfig: string, cacheDir: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

test('--help prints the usage and exits 0', async () => {
  const run = await runCli(['--help']);
  assert.equal(run.code, 0);
  assert.match(run.stdout, /^Usage: demo-cluster up --state-dir DIR/);
  assert.match(run.stdout, /--scale small\|large/);
});

test('bad flags exit with code 2 and a message', async () => {
  const cases: Array<[string[], RegExp]> = [
    [['up'], /--state-dir is required/],
    [['up', '--state-dir', '/tmp/x', '--scale', 'huge'], /--scale must be small or large, got "huge"/],
    [['up', '--state-dir', '/tmp/x', '--kube-port', 'abc'], /--kube-port must be a port number/],
    [['up', '--state-dir', '/tmp/x', '--host', '192.168.1.10'], /--host must be a loopback address/],
    [['up', '--state-dir', '/tmp/x', '--frobnicate'], /Unknown option '--frobnicate'/],
    [['down'], /unknown command "down"/],
    [[], /missing command/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args);
    assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
});

test('up starts the cluster, writes the files, serves kubectl and stops on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-cli-'));
  const child = spawn(process.execPath, [CLI, 'up', '--state-dir', dir, '--seed', '7']);
  try {
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`not up after 20 s: ${stdout} ${stderr}`)), 20_000);
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (/Try: kubectl/.test(stdout)) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`exited with ${code}: ${stderr}`));
      });
    });
    const endpoints = JSON.parse(readFileSync(join(dir, 'endpoints.json'), 'utf8'));
    assert.match(endpoints.kubernetesApiUrl, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.match(endpoints.talosApid, /^127\.0\.0\.1:\d+$/);
    assert.equal(endpoints.dns.host, '127.0.0.1');
    assert.ok(endpoints.nodes.length >= 4);
    for (const node of endpoints.nodes) assert.match(node.address, /^127\./);
    assert.ok(endpoints.nodes.some((node: { role: string }) => node.role === 'controlplane'));
    assert.ok(stdout.includes(endpoints.kubernetesApiUrl));
    assert.ok(stdout.includes(endpoints.talosApid));

    const kubeconfig = parse(readFileSync(join(dir, 'kubeconfig'), 'utf8'));
    assert.equal(kubeconfig['current-context'], 'demo');
    assert.equal(kubeconfig.clusters[0].name, 'demo');
    assert.equal(kubeconfig.clusters[0].cluster.server, endpoints.kubernetesApiUrl);
    const talosconfig = parse(readFileSync(join(dir, 'talosconfig'), 'utf8'));
    assert.deepEqual(talosconfig.contexts[talosconfig.context].endpoints, [endpoints.talosApid]);

    const cache = join(dir, 'kube-cache');
    const nodes = await kubectl(join(dir, 'kubeconfig'), cache, ['get', 'nodes', '-o', 'name']);
    assert.equal(nodes.code, 0, nodes.stderr);
    assert.deepEqual(
      nodes.stdout.trim().split('\n').sort(),
      endpoints.nodes.map((node: { name: string }) => `node/${node.name}`).sort(),
    );
    const status = await kubectl(join(dir, 'kubeconfig'), cache, ['exec', '-n', 'kube-system', 'ds/cilium', '--', 'cilium-dbg', 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^KVStore:/m);
    assert.match(status.stdout, /^Cilium:\s+Ok/m);
    const pools = await kubectl(join(dir, 'kubeconfig'), cache, ['get', 'ciliumloadbalancerippools', '-o', 'name']);
    assert.equal(pools.code, 0, pools.stderr);
    assert.ok(pools.stdout.trim().split('\n').length >= 1);

    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    const started = Date.now();
    assert.equal(await exited, 0);
    assert.ok(Date.now() - started < 5000);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  }
});
