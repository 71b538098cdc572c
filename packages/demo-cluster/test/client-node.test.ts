import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import {
  ApiException,
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  Exec,
  KubeConfig,
  PatchStrategy,
  Watch,
  makeInformer,
  setHeaderOptions,
} from '@kubernetes/client-node';
import type { V1ConfigMap, V1Status } from '@kubernetes/client-node';
import { startKubeApiFixture } from './kube-api-fixture.ts';
import type { KubeApiFixture } from './kube-api-fixture.ts';

let fixture: KubeApiFixture;
let kc: KubeConfig;

before(async () => {
  fixture = await startKubeApiFixture({
    execHandler: (request) =>
      request.command[0] === 'cilium-dbg' ? { stdout: `KVStore: Disabled\nnode ${request.pod}\n`, stderr: '', exitCode: 0 } : { stdout: '', stderr: 'nope\n', exitCode: 2 },
  });
  fixture.store.create({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'cilium-abc12', namespace: 'kube-system', labels: { 'k8s-app': 'cilium' } },
    spec: { containers: [{ name: 'cilium-agent', image: 'cilium' }] },
    status: { phase: 'Running' },
  });
  kc = new KubeConfig();
  kc.loadFromFile(fixture.kubeconfigPath);
});
after(async () => {
  await fixture.stop();
});

test('list pods and custom objects', async () => {
  const core = kc.makeApiClient(CoreV1Api);
  const pods = await core.listNamespacedPod({ namespace: 'kube-system' });
  assert.deepEqual(pods.items.map((pod) => pod.metadata?.name), ['cilium-abc12']);
  assert.equal(pods.items[0]!.status?.phase, 'Running');
  const selected = await core.listPodForAllNamespaces({ labelSelector: 'k8s-app=cilium' });
  assert.equal(selected.items.length, 1);
  const none = await core.listPodForAllNamespaces({ labelSelector: 'k8s-app=other' });
  assert.equal(none.items.length, 0);
  const custom = kc.makeApiClient(CustomObjectsApi);
  await custom.createClusterCustomObject({
    group: 'cilium.io',
    version: 'v2alpha1',
    plural: 'ciliumloadbalancerippools',
    body: { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'lan' }, spec: { blocks: [{ cidr: '127.30.0.0/28' }] } },
  });
  const pools = (await custom.listClusterCustomObject({ group: 'cilium.io', version: 'v2', plural: 'ciliumloadbalancerippools' })) as { items: Array<{ apiVersion: string; metadata: { name: string } }> };
  assert.deepEqual(pools.items.map((pool) => [pool.metadata.name, pool.apiVersion]), [['lan', 'cilium.io/v2']]);
});

test('watch sees ADDED and MODIFIED', async () => {
  const seen: string[] = [];
  const watch = new Watch(kc);
  let resolveDone: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const controller = await watch.watch(
    '/api/v1/namespaces/default/configmaps',
    {},
    (phase, object: { metadata: { name: string }; data?: Record<string, string> }) => {
      seen.push(`${phase}:${object.metadata.name}:${object.data?.v ?? ''}`);
      if (seen.length === 2) resolveDone();
    },
    () => {},
  );
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedConfigMap({ namespace: 'default', body: { metadata: { name: 'watched' }, data: { v: '1' } } });
  await core.patchNamespacedConfigMap(
    { namespace: 'default', name: 'watched', body: { data: { v: '2' } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`saw only ${seen.join(', ')}`)), 5000)))]);
  clearTimeout(timer);
  controller.abort();
  assert.deepEqual(seen, ['ADDED:watched:1', 'MODIFIED:watched:2']);
});

test('merge patch, strategic merge patch and server-side apply', async () => {
  const apps = kc.makeApiClient(AppsV1Api);
  await apps.createNamespacedDeployment({
    namespace: 'default',
    body: {
      metadata: { name: 'api' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'api' } },
        template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'api:1' }] } },
      },
    },
  });
  const merged = await apps.patchNamespacedDeployment(
    { namespace: 'default', name: 'api', body: { metadata: { labels: { tier: 'backend' } } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  assert.equal(merged.metadata?.labels?.tier, 'backend');
  const strategic = await apps.patchNamespacedDeployment(
    { namespace: 'default', name: 'api', body: { spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'proxy:1' }] } } } } },
    setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
  );
  assert.deepEqual(strategic.spec?.template.spec?.containers.map((c) => c.name), ['api', 'sidecar']);
  const applied = await apps.patchNamespacedDeployment(
    {
      namespace: 'default',
      name: 'api',
      fieldManager: 'portal',
      force: true,
      body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 3 } },
    },
    setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
  );
  assert.equal(applied.spec?.replicas, 3);
  assert.ok(applied.metadata?.managedFields?.some((entry) => entry.manager === 'portal' && entry.operation === 'Apply'));
  const conflict = await apps
    .patchNamespacedDeployment(
      { namespace: 'default', name: 'api', fieldManager: 'someone-else', body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 1 } } },
      setHeaderOptions('Content-Type', PatchStrategy.ServerSideApply),
    )
    .then(
      () => undefined,
      (error: unknown) => error,
    );
  assert.ok(conflict instanceof ApiException, `expected ApiException, got ${conflict}`);
  assert.equal(conflict.code, 409);
  const body = (typeof conflict.body === 'string' ? JSON.parse(conflict.body) : conflict.body) as V1Status;
  assert.equal(body.reason, 'Conflict');
});

test('a missing object is an ApiException with a NotFound Status', async () => {
  const core = kc.makeApiClient(CoreV1Api);
  const error = await core.readNamespacedService({ namespace: 'default', name: 'nothing' }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof ApiException);
  assert.equal(error.code, 404);
  const body = (typeof error.body === 'string' ? JSON.parse(error.body) : error.body) as V1Status;
  assert.equal(body.message, 'services "nothing" not found');
});

test('exec runs a command and reports the status', async () => {
  const exec = new Exec(kc);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const status = await new Promise<V1Status>((resolve, reject) => {
    exec
      .exec('kube-system', 'cilium-abc12', 'cilium-agent', ['cilium-dbg', 'status'], stdout, stderr, null, false, (result) => resolve(result))
      .catch(reject);
  });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(status.status, 'Success');
  assert.equal(out, 'KVStore: Disabled\nnode cilium-abc12\n');
  assert.equal(err, '');

  // The client ends the streams it was given when the socket closes: use new ones.
  const stdout2 = new PassThrough();
  const stderr2 = new PassThrough();
  err = '';
  stderr2.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const failed = await new Promise<V1Status>((resolve, reject) => {
    exec.exec('kube-system', 'cilium-abc12', 'cilium-agent', ['false'], stdout2, stderr2, null, false, (result) => resolve(result)).catch(reject);
  });
  // The status callback can run before the stream's data events are delivered.
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(failed.status, 'Failure');
  assert.equal(failed.reason, 'NonZeroExitCode');
  assert.equal(failed.details?.causes?.[0]?.message, '2');
  assert.equal(err, 'nope\n');
});

test('an informer lists, then follows changes', async () => {
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: 'informed' } } });
  await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: 'before' } } });
  const informer = makeInformer(kc, '/api/v1/namespaces/informed/configmaps', () => core.listNamespacedConfigMap({ namespace: 'informed' }));
  const seen: string[] = [];
  let resolveDone: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  informer.on('add', (object: V1ConfigMap) => {
    seen.push(`add:${object.metadata?.name}`);
    if (seen.length === 3) resolveDone();
  });
  informer.on('delete', (object: V1ConfigMap) => {
    seen.push(`delete:${object.metadata?.name}`);
    if (seen.length === 3) resolveDone();
  });
  await informer.start();
  await core.createNamespacedConfigMap({ namespace: 'informed', body: { metadata: { name: 'after' } } });
  await core.deleteNamespacedConfigMap({ namespace: 'informed', name: 'before' });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([done, new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`saw only ${seen.join(', ')}`)), 5000)))]);
  clearTimeout(timer);
  await informer.stop();
  assert.deepEqual(seen, ['add:before', 'add:after', 'delete:before']);
  assert.deepEqual(informer.list('informed').map((object) => object.metadata?.name), ['after']);
});
