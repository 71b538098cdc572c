import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/** One backend process running the network plugin alone (dev/index.ts), on its own port. */
export interface ReplicaProcess {
  port: number;
  /** The backend's process id (its RSS is read from /proc by the load benchmark). */
  pid: number;
  /** The last 256 KB it printed, for failure messages (under load it logs every request). */
  output(): string;
  stop(): Promise<void>;
  /** Sends a signal (SIGKILL: the process dies mid-work, no shutdown hooks) and waits for the exit. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const PACKAGE_DIR = resolvePackagePath('@internal/plugin-network-backend');

const OUTPUT_KEPT = 256 * 1024;

/**
 * Starts `dev/index.ts` as a separate Node process with the given config (written next to the
 * state), and waits until its API answers.
 */
export async function startReplicaProcess(options: { port: number; config: object; workDir: string; timeoutMs?: number }): Promise<ReplicaProcess> {
  const configPath = path.join(options.workDir, `replica-${options.port}.json`);
  fs.writeFileSync(configPath, JSON.stringify(options.config, null, 2));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--require', require.resolve('@backstage/cli/config/nodeTransform.cjs'), 'dev/index.ts', '--config', configPath],
    { cwd: PACKAGE_DIR, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'development' } },
  );
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk;
    if (output.length > 2 * OUTPUT_KEPT) output = output.slice(-OUTPUT_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const deadline = Date.now() + (options.timeoutMs ?? 90_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`replica on ${options.port} exited with ${child.exitCode}:\n${output.slice(-4000)}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`replica on ${options.port} did not answer in time:\n${output.slice(-4000)}`);
    }
    if ((await statusOf(options.port, '/api/network/clusters')) === 200) break;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  return {
    port: options.port,
    pid: child.pid!,
    output: () => output.slice(-OUTPUT_KEPT),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
    kill: async signal => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill(signal);
      await exited;
    },
  };
}

function statusOf(port: number, urlPath: string): Promise<number> {
  return new Promise(resolve => {
    http
      .get({ host: '127.0.0.1', port, path: urlPath, timeout: 2000 }, response => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on('error', () => resolve(0))
      .on('timeout', function onTimeout(this: http.ClientRequest) {
        this.destroy();
        resolve(0);
      });
  });
}
