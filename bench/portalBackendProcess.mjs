/**
 * A portal backend of its own for the benchmarks that need one: the demo cluster (seeded,
 * small) and packages/backend with app-config.yaml, on a free loopback port, an in-memory
 * database (so it touches nobody's data/sqlite) and no file watcher (a watcher restarts the
 * backend whenever anyone edits a file in the tree, in the middle of a measurement).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** A port nobody listens on at the moment, on 127.0.0.1. */
async function freePort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** Stops a detached child and its process group: SIGTERM, then SIGKILL after `graceMs`. */
async function stopGroup(child, graceMs = 5000) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise(resolve => child.once('exit', resolve));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = sleep(graceMs).then(() => 'timeout');
  if ((await Promise.race([exited, timer])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Gone in between.
    }
    await exited;
  }
}

function spawnLogged(args, { cwd, logFile, env }) {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(process.execPath, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  fs.closeSync(log);
  return child;
}

async function waitFor(what, check, { child, logFile, timeoutMs }) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(
        `${what}: the process exited (${child.exitCode}); see ${logFile}`,
      );
    if (await check()) return;
    await sleep(250);
  }
  throw new Error(
    `${what}: not ready within ${timeoutMs / 1000} s; see ${logFile}`,
  );
}

/**
 * Starts the demo cluster and the portal backend under `workDir`. Resolves with the backend's
 * base URL and `stop()`, which ends both. Logs stay in `workDir`.
 */
export async function startPortalBackend({ repoRoot, workDir }) {
  const stateDir = path.join(workDir, 'demo');
  fs.mkdirSync(stateDir, { recursive: true });
  const demoLog = path.join(workDir, 'demo-cluster.log');
  const demo = spawnLogged(
    [
      path.join(repoRoot, 'packages/demo-cluster/bin/demo-cluster.js'),
      'up',
      '--state-dir',
      stateDir,
    ],
    { cwd: repoRoot, logFile: demoLog },
  );
  const children = [demo];
  const stop = async () => {
    for (const child of children.reverse()) await stopGroup(child);
  };
  try {
    await waitFor(
      'demo cluster',
      () => fs.existsSync(path.join(stateDir, 'endpoints.json')),
      { child: demo, logFile: demoLog, timeoutMs: 120_000 },
    );
    execFileSync(
      process.execPath,
      [path.join(repoRoot, 'scripts/lib/demo-app-config.mjs'), stateDir],
      { stdio: 'ignore' },
    );

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const localConfig = path.join(workDir, 'app-config.bench.yaml');
    // JSON is valid YAML.
    fs.writeFileSync(
      localConfig,
      JSON.stringify({
        backend: {
          baseUrl: url,
          listen: { host: '127.0.0.1', port },
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
      }),
    );
    const backendLog = path.join(workDir, 'backend.log');
    const backendArgs = [
      '--require',
      '@backstage/cli/config/nodeTransform.cjs',
      'src/index.ts',
    ];
    for (const file of [
      path.join(repoRoot, 'app-config.yaml'),
      path.join(stateDir, 'app-config.demo.yaml'),
      localConfig,
    ])
      backendArgs.push('--config', file);
    // development: the guest sign-in the benchmarks use is refused otherwise.
    const backend = spawnLogged(backendArgs, {
      cwd: path.join(repoRoot, 'packages/backend'),
      logFile: backendLog,
      env: { NODE_ENV: 'development' },
    });
    children.push(backend);
    // Ready once every plugin has initialized (routes answer 404 before that).
    const ready = async () => {
      try {
        return (
          await fetch(`${url}/.backstage/health/v1/readiness`, {
            signal: AbortSignal.timeout(2000),
          })
        ).ok;
      } catch {
        return false;
      }
    };
    await waitFor('portal backend', ready, {
      child: backend,
      logFile: backendLog,
      timeoutMs: 180_000,
    });
    return { url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
