import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A demo cluster started for a test, with its kubeconfig. */
export interface StartedDemoCluster {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '../../../..');

/**
 * Starts `demo-cluster up` (everything on loopback) in a fresh state directory and waits
 * for its "up" line, as plugins/network-backend's demoClusterProcess does.
 */
export async function startDemoCluster(
  timeoutMs = 60_000,
): Promise<StartedDemoCluster> {
  const stateDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'portal-deploy-demo-'),
  );
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(REPO_ROOT, 'packages/demo-cluster/bin/demo-cluster.js'),
      'up',
      '--state-dir',
      stateDir,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', chunk => (output += chunk));
  child.stderr?.on('data', chunk => (output += chunk));
  const deadline = Date.now() + timeoutMs;
  while (!/demo-cluster up in/.test(output)) {
    if (child.exitCode !== null)
      throw new Error(`demo-cluster exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`demo-cluster did not start in time: ${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  return {
    kubeconfigPath: path.join(stateDir, 'kubeconfig'),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise(resolve => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([
          exited,
          new Promise(resolve => setTimeout(resolve, 5000)),
        ]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
