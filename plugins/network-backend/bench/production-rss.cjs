/*
 * The network backend's memory as production runs it: the plugin built by `backstage-cli
 * package build` (plain JavaScript, no on-the-fly TypeScript transform), alone in a backend
 * process of its own, watching the demo cluster at --scale large. This process starts the demo
 * cluster and the backend, sends the requests and reads the backend's RSS from /proc, so the
 * client's own memory is not counted. Not a test:
 *
 *   npm run bench:rss        (builds network-common and network-backend first)
 */
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const REPO_ROOT = path.resolve(PACKAGE_DIR, '../..');
const SCALE = process.env.BENCH_SCALE || 'large';

// Workspace packages point `main` at their TypeScript sources (for development); production
// installs them from their built `dist`, as `publishConfig` says. Resolve them the same way.
const BUILT = {
  '@internal/plugin-network-common': path.join(REPO_ROOT, 'plugins/network-common/dist/index.cjs.js'),
  '@internal/plugin-network-backend': path.join(PACKAGE_DIR, 'dist/index.cjs.js'),
};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveBuilt(request, ...rest) {
  return BUILT[request] ?? resolveFilename.call(this, request, ...rest);
};


async function startDemoCluster(stateDir) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'packages/demo-cluster/bin/demo-cluster.js'), 'up', '--state-dir', stateDir, '--scale', SCALE], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', chunk => (output += chunk));
  child.stderr.on('data', chunk => (output += chunk));
  while (!/demo-cluster up in/.test(output)) {
    if (child.exitCode !== null) throw new Error(`demo-cluster exited: ${output}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const endpoints = JSON.parse(fs.readFileSync(path.join(stateDir, 'endpoints.json'), 'utf8'));
  const kubeconfig = fs.readFileSync(path.join(stateDir, 'kubeconfig'), 'utf8');
  const field = name => kubeconfig.match(new RegExp(`${name}:\\s*"?([^"\\n]+)"?`))[1].trim();
  return { child, endpoints, token: field('token'), caData: field('certificate-authority-data') };
}

const PORT = 7790;

function processRssMb(pid) {
  return Number(/VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
}

/** The backend process: the built plugin alone, configured from the file the parent wrote. */
async function serve(configPath) {
  const config = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  const { createBackend } = require('@backstage/backend-defaults');
  const { createServiceFactory } = require('@backstage/backend-plugin-api');
  const { mockCredentials, mockServices } = require('@backstage/backend-test-utils');
  const { catalogServiceMock } = require('@backstage/plugin-catalog-node/testUtils');
  const { AuthorizeResult } = require('@backstage/plugin-permission-common');
  const { signalsServiceRef } = require('@backstage/plugin-signals-node');

  const backend = createBackend();
  backend.add(mockServices.rootConfig.factory({ data: config }));
  backend.add(mockServices.rootLogger.factory({ level: 'warn' }));
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.user() }));
  backend.add(mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }));
  backend.add(
    catalogServiceMock.factory({
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'jellyfin', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'jellyfin' } },
          spec: {},
        },
      ],
    }),
  );
  backend.add(createServiceFactory({ service: signalsServiceRef, deps: {}, factory: () => ({ publish: async () => {} }) }));
  backend.add(require('@internal/plugin-network-backend'));
  await backend.start();
  // Lets the parent force a GC before it reads the RSS.
  process.on('message', message => {
    if (message === 'gc') {
      global.gc?.();
      process.send('gc-done');
    }
  });
  process.send('started');
}

function gcIn(child) {
  return new Promise(resolve => {
    child.once('message', resolve);
    child.send('gc');
  });
}

function run(command, args, cwd, what) {
  return new Promise((resolve, reject) =>
    spawn(command, args, { cwd, stdio: 'ignore' }).on('exit', code => (code === 0 ? resolve() : reject(new Error(`${what} failed`)))),
  );
}

async function main() {
  // The package build bundles the declarations the repository's `tsc` writes to dist-types.
  if (!process.env.BENCH_SKIP_BUILD && !fs.existsSync(path.join(REPO_ROOT, 'dist-types/plugins/network-common/src/index.d.ts'))) {
    await run('npx', ['tsc'], REPO_ROOT, 'tsc (declarations for the package build)');
  }
  for (const dir of ['plugins/network-common', 'plugins/network-backend']) {
    if (!process.env.BENCH_SKIP_BUILD) {
      await run('npx', ['backstage-cli', 'package', 'build'], path.join(REPO_ROOT, dir), `build of ${dir}`);
    }
  }
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-rss-'));
  const demo = await startDemoCluster(stateDir);
  const configPath = path.join(stateDir, 'backend-config.json');
  fs.writeFileSync(
    configPath,
    JSON.stringify({
      backend: { baseUrl: `http://127.0.0.1:${PORT}`, listen: { host: '127.0.0.1', port: PORT }, database: { client: 'better-sqlite3', connection: ':memory:' } },
      kubernetes: {
        clusterLocatorMethods: [
          { type: 'config', clusters: [{ name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData }] },
        ],
      },
      network: { clusters: { demo: { dns: { internal: demo.endpoints.dns, external: [] } } }, diagnostics: { schedule: { frequencyMinutes: 0 } } },
    }),
  );
  const backend = spawn(process.execPath, ['--expose-gc', __filename, '--serve', configPath], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  await new Promise((resolve, reject) => {
    backend.once('message', resolve);
    backend.once('exit', code => reject(new Error(`backend exited with ${code}`)));
  });
  const rssStarted = processRssMb(backend.pid);

  const base = `http://127.0.0.1:${PORT}/api/network`;
  const fillStarted = Date.now();
  for (;;) {
    const body = await (await fetch(`${base}/clusters`)).json();
    if (body.items?.[0]?.health === 'healthy') break;
    await new Promise(resolve => setTimeout(resolve, 250));
  }
  const fillSeconds = (Date.now() - fillStarted) / 1000;
  const rssAfterFill = processRssMb(backend.pid);
  await gcIn(backend);
  const rssAfterFillGc = processRssMb(backend.pid);
  for (let index = 0; index < 2000; index += 1) {
    await (await fetch(`${base}/entities/component/default/jellyfin/request-path`)).text();
  }
  await (await fetch(`${base}/clusters/demo/overview`)).text();
  const rssAfterLoad = processRssMb(backend.pid);
  await gcIn(backend);
  const rssAfterLoadGc = processRssMb(backend.pid);

  console.log(`production build, plugin alone, demo cluster ${SCALE}; cache filled in ${fillSeconds.toFixed(1)} s`);
  console.log(`backend RSS when started        ${rssStarted.toFixed(0)} MB`);
  console.log(`backend RSS after the fill      ${rssAfterFill.toFixed(0)} MB (${rssAfterFillGc.toFixed(0)} MB after GC)`);
  console.log(`backend RSS after 2,000 answers ${rssAfterLoad.toFixed(0)} MB (${rssAfterLoadGc.toFixed(0)} MB after GC; target <= 400 MB)`);
  console.log(`BENCH ${JSON.stringify({ name: 'backend RSS, production build, after load', value: Math.round(rssAfterLoad), unit: 'MB', target: '<= 400' })}`);

  backend.kill('SIGTERM');
  demo.child.kill('SIGTERM');
  fs.rmSync(stateDir, { recursive: true, force: true });
  process.exit(0);
}

(process.argv[2] === '--serve' ? serve(process.argv[3]) : main()).catch(error => {
  console.error(error);
  process.exit(1);
});
