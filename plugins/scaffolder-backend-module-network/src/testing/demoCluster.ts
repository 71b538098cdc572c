import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { ClusterApi } from '../services/ClusterApi/ClusterApi';

/** A demo cluster started for a test file, with a ClusterApi on it. */
export interface TestDemoCluster {
  clusterApi: ClusterApi;
  url: string;
  token: string;
  caData: string;
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(
  resolvePackagePath('@internal/plugin-scaffolder-backend-module-network'),
  '../..',
);

/** Starts `demo-cluster up` (loopback only) in a temporary state directory. */
export async function startTestDemoCluster(): Promise<TestDemoCluster> {
  const stateDir = fs.mkdtempSync(
    path.join(os.tmpdir(), 'scaffolder-network-demo-'),
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
  child.stdout?.on('data', chunk => {
    output += chunk;
  });
  child.stderr?.on('data', chunk => {
    output += chunk;
  });
  const deadline = Date.now() + 60_000;
  while (!/demo-cluster up in/.test(output)) {
    if (child.exitCode !== null)
      throw new Error(`demo-cluster exited with ${child.exitCode}: ${output}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`demo-cluster did not start in time: ${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const endpoints = JSON.parse(
    fs.readFileSync(path.join(stateDir, 'endpoints.json'), 'utf8'),
  );
  const kubeconfig = fs.readFileSync(path.join(stateDir, 'kubeconfig'), 'utf8');
  const field = (name: string) =>
    kubeconfig.match(new RegExp(`${name}:\\s*"?([^"\\n]+)"?`))?.[1].trim() ??
    '';
  const connection = {
    name: 'demo',
    url: endpoints.kubernetesApiUrl as string,
    token: field('token'),
    caData: field('certificate-authority-data'),
  };
  return {
    clusterApi: new ClusterApi([connection]),
    url: connection.url,
    token: connection.token,
    caData: connection.caData,
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
