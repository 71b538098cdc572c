import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:https';
import { startKubeApiFixture } from './kube-api-fixture.ts';
import type { KubeApiFixture } from './kube-api-fixture.ts';
import { createMemoryStore } from '../src/store/memory-store.ts';

let fixture: KubeApiFixture;

before(async () => {
  fixture = await startKubeApiFixture({ store: createMemoryStore({ historySize: 50 }), bookmarkIntervalMs: 200 });
});
after(async () => {
  await fixture.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: any;
}

function call(method: string, path: string, options: { body?: unknown; contentType?: string; token?: string; accept?: string } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, fixture.server.url);
    const body = options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    const headers: Record<string, string> = { Authorization: `Bearer ${options.token ?? fixture.token}` };
    if (body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    if (options.accept) headers.Accept = options.accept;
    const req = request(url, { method, headers, ca: fixture.caPem }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

/** Opens a watch and collects parsed events until `count` arrived or the stream ends. */
function watchEvents(path: string, count: number, timeoutMs = 5000): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const events: any[] = [];
    let buffer = '';
    const req = request(new URL(path, fixture.server.url), { headers: { Authorization: `Bearer ${fixture.token}` }, ca: fixture.caPem }, (res) => {
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.indexOf('\n')) >= 0) {
          events.push(JSON.parse(buffer.slice(0, newline)));
          buffer = buffer.slice(newline + 1);
        }
        if (events.length >= count) {
          clearTimeout(timer);
          req.destroy();
          resolve(events);
        }
      });
      res.on('end', () => {
        clearTimeout(timer);
        resolve(events);
      });
    });
    const timer = setTimeout(() => {
      req.destroy();
      resolve(events);
    }, timeoutMs);
    req.on('error', (error) => {
      if (events.length >= count) return;
      clearTimeout(timer);
      reject(error);
    });
    req.end();
  });
}

function configMap(name: string, data: Record<string, string> = {}, labels: Record<string, string> = {}) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels }, data };
}

test('a wrong or missing token gets 401 Unauthorized', async () => {
  const answer = await call('GET', '/api/v1/namespaces', { token: 'wrong' });
  assert.equal(answer.status, 401);
  assert.equal(answer.json.kind, 'Status');
  assert.equal(answer.json.reason, 'Unauthorized');
  assert.equal(answer.json.code, 401);
});

test('version, health and discovery', async () => {
  assert.equal((await call('GET', '/version')).json.gitVersion, 'v1.32.3');
  assert.equal((await call('GET', '/readyz')).text, 'ok');
  const api = await call('GET', '/api');
  assert.deepEqual(api.json.versions, ['v1']);
  const core = await call('GET', '/api/v1');
  const pods = core.json.resources.find((r: any) => r.name === 'pods');
  assert.deepEqual(pods.shortNames, ['po']);
  assert.ok(core.json.resources.some((r: any) => r.name === 'pods/exec' && r.kind === 'PodExecOptions'));
  const groups = await call('GET', '/apis');
  const cilium = groups.json.groups.find((g: any) => g.name === 'cilium.io');
  assert.equal(cilium.preferredVersion.version, 'v2');
  assert.deepEqual(cilium.versions.map((v: any) => v.version), ['v2', 'v2alpha1']);
  const v2alpha1 = await call('GET', '/apis/cilium.io/v2alpha1');
  const names = v2alpha1.json.resources.map((r: any) => r.name);
  assert.ok(names.includes('ciliuml2announcementpolicies'));
  assert.ok(names.includes('ciliumloadbalancerippools/status'));
  const aggregated = await call('GET', '/apis', { accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
  assert.match(String(aggregated.headers['content-type']), /as=APIGroupDiscoveryList/);
  const gateway = aggregated.json.items.find((item: any) => item.metadata.name === 'gateway.networking.k8s.io');
  const gateways = gateway.versions[0].resources.find((r: any) => r.resource === 'gateways');
  assert.deepEqual(gateways.shortNames, ['gtw']);
  assert.equal(gateways.scope, 'Namespaced');
  assert.equal((await call('GET', '/apis/nope.example.com/v1')).status, 404);
});

test('create, get, conflict on stale update, delete', async () => {
  const created = await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('first', { a: '1' }) });
  assert.equal(created.status, 201);
  assert.equal(created.json.metadata.namespace, 'default');
  const again = await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('first') });
  assert.equal(again.status, 409);
  assert.equal(again.json.reason, 'AlreadyExists');
  assert.equal(again.json.message, 'configmaps "first" already exists');
  const stale = { ...created.json, data: { a: '2' } };
  const updated = await call('PUT', '/api/v1/namespaces/default/configmaps/first', { body: stale });
  assert.equal(updated.status, 200);
  assert.equal(updated.json.data.a, '2');
  const conflict = await call('PUT', '/api/v1/namespaces/default/configmaps/first', { body: stale });
  assert.equal(conflict.status, 409);
  assert.equal(conflict.json.reason, 'Conflict');
  const deleted = await call('DELETE', '/api/v1/namespaces/default/configmaps/first');
  assert.equal(deleted.json.status, 'Success');
  assert.equal(deleted.json.details.name, 'first');
  const missing = await call('GET', '/api/v1/namespaces/default/configmaps/first');
  assert.equal(missing.status, 404);
  assert.equal(missing.json.message, 'configmaps "first" not found');
  assert.deepEqual(missing.json.details, { name: 'first', kind: 'configmaps' });
});

test('bad requests get Status errors, never a crash', async () => {
  const malformed = await call('POST', '/api/v1/namespaces/default/configmaps', { body: '{"apiVersion": "v1", "kind":', contentType: 'application/json' });
  assert.equal(malformed.status, 400);
  assert.equal(malformed.json.reason, 'BadRequest');
  const badYaml = await call('PATCH', '/api/v1/namespaces/default/configmaps/x?fieldManager=t', {
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x\n  data: [',
    contentType: 'application/apply-patch+yaml',
  });
  assert.equal(badYaml.status, 400);
  assert.equal(badYaml.json.kind, 'Status');
  const unknownKind = await call('GET', '/apis/example.com/v1/widgets');
  assert.equal(unknownKind.status, 404);
  assert.equal(unknownKind.json.reason, 'NotFound');
  const wrongKind = await call('POST', '/api/v1/namespaces/default/configmaps', { body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'x' } } });
  assert.equal(wrongKind.status, 400);
  const invalidName = await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('Not_Valid') });
  assert.equal(invalidName.status, 422);
  assert.equal(invalidName.json.reason, 'Invalid');
  assert.equal(invalidName.json.details.causes[0].field, 'metadata.name');
  const patchMissing = await call('PATCH', '/api/v1/namespaces/default/configmaps/ghost', { body: { data: { a: 'b' } }, contentType: 'application/merge-patch+json' });
  assert.equal(patchMissing.status, 404);
  assert.equal(patchMissing.json.message, 'configmaps "ghost" not found');
  const noNamespace = await call('POST', '/api/v1/namespaces/nowhere/configmaps', { body: configMap('x') });
  assert.equal(noNamespace.status, 404);
  assert.equal(noNamespace.json.message, 'namespaces "nowhere" not found');
  const badSelector = await call('GET', '/api/v1/pods?labelSelector=app%20in%20()');
  assert.equal(badSelector.status, 400);
  const unsupportedPatch = await call('PATCH', '/apis/gateway.networking.k8s.io/v1/namespaces/default/gateways/x', { body: {}, contentType: 'application/strategic-merge-patch+json' });
  assert.equal(unsupportedPatch.status, 415);
  const badDryRun = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=Some', { body: configMap('x') });
  assert.equal(badDryRun.status, 400);
  const brokenPath = await call('GET', '/api/v1/namespaces/%E0%A4%A/pods');
  assert.equal(brokenPath.status, 400);
  assert.equal(brokenPath.json.reason, 'BadRequest');
  const notAnObject = await call('POST', '/api/v1/namespaces/default/configmaps', { body: '[1, 2]' });
  assert.equal(notAnObject.status, 400);
  const wrongNamespace = await call('POST', '/api/v1/namespaces/default/configmaps', { body: { ...configMap('x'), metadata: { name: 'x', namespace: 'other' } } });
  assert.equal(wrongNamespace.status, 400);
  assert.equal(wrongNamespace.json.message, 'the namespace of the provided object does not match the namespace sent on the request');
  // The server is still answering.
  assert.equal((await call('GET', '/healthz')).status, 200);
});

test('merge, JSON and strategic merge patches', async () => {
  await call('POST', '/api/v1/namespaces/default/pods', {
    body: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'patched', labels: { a: '1' } },
      spec: { containers: [{ name: 'app', image: 'nginx:1', env: [{ name: 'X', value: '1' }] }, { name: 'side', image: 'busybox' }] },
    },
  });
  const merge = await call('PATCH', '/api/v1/namespaces/default/pods/patched', {
    body: { metadata: { labels: { a: null, b: '2' } } },
    contentType: 'application/merge-patch+json',
  });
  assert.deepEqual(merge.json.metadata.labels, { b: '2' });
  const json = await call('PATCH', '/api/v1/namespaces/default/pods/patched', {
    body: [{ op: 'replace', path: '/spec/containers/1/image', value: 'busybox:2' }, { op: 'add', path: '/metadata/labels/c', value: '3' }],
    contentType: 'application/json-patch+json',
  });
  assert.equal(json.json.spec.containers[1].image, 'busybox:2');
  assert.equal(json.json.metadata.labels.c, '3');
  const failing = await call('PATCH', '/api/v1/namespaces/default/pods/patched', {
    body: [{ op: 'remove', path: '/spec/nothing/here' }],
    contentType: 'application/json-patch+json',
  });
  assert.equal(failing.status, 422);
  const strategic = await call('PATCH', '/api/v1/namespaces/default/pods/patched', {
    body: { spec: { containers: [{ name: 'app', image: 'nginx:2', env: [{ name: 'Y', value: '2' }] }, { name: 'side', $patch: 'delete' }] } },
    contentType: 'application/strategic-merge-patch+json',
  });
  assert.equal(strategic.status, 200);
  assert.deepEqual(
    strategic.json.spec.containers.map((c: any) => [c.name, c.image, c.env.map((e: any) => e.name)]),
    [['app', 'nginx:2', ['X', 'Y']]],
  );
});

test('server-side apply creates, records managers, reports conflicts and forces', async () => {
  const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: ssa}}\n  template:\n    metadata: {labels: {app: ssa}}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n';
  const path = '/apis/apps/v1/namespaces/default/deployments/ssa';
  const missingManager = await call('PATCH', path, { body: manifest, contentType: 'application/apply-patch+yaml' });
  assert.equal(missingManager.status, 400);
  const created = await call('PATCH', `${path}?fieldManager=alice`, { body: manifest, contentType: 'application/apply-patch+yaml' });
  assert.equal(created.status, 201);
  const alice = created.json.metadata.managedFields.find((entry: any) => entry.manager === 'alice');
  assert.equal(alice.operation, 'Apply');
  assert.deepEqual(alice.fieldsV1['f:spec']['f:replicas'], {});
  assert.ok(alice.fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"app"}']);
  // The same value from another manager is shared ownership, not a conflict.
  const shared = await call('PATCH', `${path}?fieldManager=bob`, {
    body: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ssa}\nspec: {replicas: 2}\n',
    contentType: 'application/apply-patch+yaml',
  });
  assert.equal(shared.status, 200);
  const conflict = await call('PATCH', `${path}?fieldManager=bob`, {
    body: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ssa}\nspec: {replicas: 5}\n',
    contentType: 'application/apply-patch+yaml',
  });
  assert.equal(conflict.status, 409);
  assert.equal(conflict.json.reason, 'Conflict');
  assert.match(conflict.json.message, /^Apply failed with 1 conflict: conflict with "alice" using apps\/v1: \.spec\.replicas/);
  assert.equal(conflict.json.details.causes[0].field, '.spec.replicas');
  const forced = await call('PATCH', `${path}?fieldManager=bob&force=true`, {
    body: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ssa}\nspec: {replicas: 5}\n',
    contentType: 'application/apply-patch+yaml',
  });
  assert.equal(forced.status, 200);
  assert.equal(forced.json.spec.replicas, 5);
  const aliceAfter = forced.json.metadata.managedFields.find((entry: any) => entry.manager === 'alice');
  assert.equal(aliceAfter.fieldsV1['f:spec']['f:replicas'], undefined);
  // Alice stops applying the image field: it is removed since nobody else owns it.
  const trimmed = await call('PATCH', `${path}?fieldManager=alice`, {
    body: 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: ssa\n  labels: {team: a}\nspec:\n  selector: {matchLabels: {app: ssa}}\n  template:\n    metadata: {labels: {app: ssa}}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n        command: [run]\n',
    contentType: 'application/apply-patch+yaml',
  });
  assert.equal(trimmed.status, 200);
  assert.equal(trimmed.json.spec.replicas, 5);
  assert.deepEqual(trimmed.json.spec.template.spec.containers[0].command, ['run']);
  assert.equal(trimmed.json.metadata.labels.team, 'a');
});

test('dryRun=All on create, update, patch and delete stores nothing', async () => {
  const before = fixture.store.currentResourceVersion();
  const created = await call('POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: configMap('dry', { a: '1' }) });
  assert.equal(created.status, 201);
  assert.equal(created.json.metadata.name, 'dry');
  assert.equal((await call('GET', '/api/v1/namespaces/default/configmaps/dry')).status, 404);
  await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('wet', { a: '1' }) });
  const afterCreate = fixture.store.currentResourceVersion();
  assert.equal(afterCreate, before + 1);
  const patched = await call('PATCH', '/api/v1/namespaces/default/configmaps/wet?dryRun=All', { body: { data: { a: '2' } }, contentType: 'application/merge-patch+json' });
  assert.equal(patched.json.data.a, '2');
  const applied = await call('PATCH', '/api/v1/namespaces/default/configmaps/wet?dryRun=All&fieldManager=x', {
    body: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: wet}\ndata: {b: "3"}\n',
    contentType: 'application/apply-patch+yaml',
  });
  assert.equal(applied.json.data.b, '3');
  const deleted = await call('DELETE', '/api/v1/namespaces/default/configmaps/wet?dryRun=All');
  assert.equal(deleted.status, 200);
  const stored = await call('GET', '/api/v1/namespaces/default/configmaps/wet');
  assert.deepEqual(stored.json.data, { a: '1' });
  assert.equal(fixture.store.currentResourceVersion(), afterCreate);
});

test('status subresource: main resource ignores status, /status ignores spec', async () => {
  const base = '/apis/cilium.io/v2/ciliumloadbalancerippools';
  const created = await call('POST', base, {
    body: { apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'pool-a' }, spec: { blocks: [{ cidr: '127.5.0.0/24' }] }, status: { conditions: [{ type: 'x' }] } },
  });
  assert.equal(created.json.status, undefined);
  const status = { conditions: [{ type: 'cilium.io/IPsAvailable', status: 'Unknown', reason: 'noreason', message: '256' }] };
  const withStatus = await call('PUT', `${base}/pool-a/status`, { body: { ...created.json, spec: { blocks: [] }, status } });
  assert.equal(withStatus.status, 200);
  assert.deepEqual(withStatus.json.status, status);
  assert.deepEqual(withStatus.json.spec.blocks, [{ cidr: '127.5.0.0/24' }]);
  const mainUpdate = await call('PATCH', `${base}/pool-a`, { body: { spec: { disabled: true }, status: { conditions: [] } }, contentType: 'application/merge-patch+json' });
  assert.equal(mainUpdate.json.spec.disabled, true);
  assert.deepEqual(mainUpdate.json.status, status);
  assert.equal(mainUpdate.json.metadata.generation, 2);
  // Read through the other served version: same object, apiVersion rewritten.
  const old = await call('GET', '/apis/cilium.io/v2alpha1/ciliumloadbalancerippools/pool-a');
  assert.equal(old.json.apiVersion, 'cilium.io/v2alpha1');
  assert.equal(old.json.spec.disabled, true);
});

test('list with selectors, all namespaces, limit/continue and Tables', async () => {
  await call('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'listing' } } });
  for (let i = 0; i < 5; i++) {
    await call('POST', '/api/v1/namespaces/listing/services', {
      body: { apiVersion: 'v1', kind: 'Service', metadata: { name: `svc-${i}`, labels: { i: String(i) } }, spec: { type: i % 2 ? 'LoadBalancer' : 'ClusterIP', clusterIP: `127.6.0.${i + 1}`, ports: [{ port: 80 + i, protocol: 'TCP' }] } },
    });
  }
  const lbs = await call('GET', '/api/v1/services?fieldSelector=spec.type%3DLoadBalancer');
  assert.equal(lbs.json.kind, 'ServiceList');
  assert.deepEqual(lbs.json.items.map((s: any) => s.metadata.name), ['svc-1', 'svc-3']);
  const selected = await call('GET', '/api/v1/namespaces/listing/services?labelSelector=i%20in%20(0,4)');
  assert.deepEqual(selected.json.items.map((s: any) => s.metadata.name), ['svc-0', 'svc-4']);
  const page1 = await call('GET', '/api/v1/namespaces/listing/services?limit=2');
  assert.equal(page1.json.items.length, 2);
  assert.equal(page1.json.metadata.remainingItemCount, 3);
  const page2 = await call('GET', `/api/v1/namespaces/listing/services?limit=2&continue=${page1.json.metadata.continue}`);
  const page3 = await call('GET', `/api/v1/namespaces/listing/services?limit=2&continue=${page2.json.metadata.continue}`);
  assert.deepEqual([...page1.json.items, ...page2.json.items, ...page3.json.items].map((s: any) => s.metadata.name), ['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4']);
  assert.equal(page3.json.metadata.continue, undefined);
  const table = await call('GET', '/api/v1/namespaces/listing/services', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  assert.equal(table.json.kind, 'Table');
  assert.deepEqual(table.json.columnDefinitions.slice(0, 6).map((c: any) => c.name), ['Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age']);
  assert.deepEqual(table.json.rows[1].cells.slice(0, 5), ['svc-1', 'LoadBalancer', '127.6.0.2', '<pending>', '81/TCP']);
  assert.equal(table.json.rows[0].object.kind, 'PartialObjectMetadata');
});

test('watch: initial state, resume from a resourceVersion, selector transitions, Gone', async () => {
  await call('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'watching' } } });
  const created = await call('POST', '/api/v1/namespaces/watching/configmaps', { body: configMap('w1', {}, { team: 'a' }) });
  const startVersion = created.json.metadata.resourceVersion;

  const fromScratch = watchEvents('/api/v1/namespaces/watching/configmaps?watch=true', 2);
  const selected = watchEvents(`/api/v1/namespaces/watching/configmaps?watch=1&labelSelector=team%3Da&resourceVersion=${startVersion}`, 1);
  await new Promise((resolve) => setTimeout(resolve, 100));
  await call('POST', '/api/v1/namespaces/watching/configmaps', { body: configMap('w2') });
  // Relabelling out of the selector shows as DELETED to the selective watcher.
  await call('PATCH', '/api/v1/namespaces/watching/configmaps/w1', { body: { metadata: { labels: { team: 'b' } } }, contentType: 'application/merge-patch+json' });
  const scratchEvents = await fromScratch;
  assert.deepEqual(scratchEvents.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'w1'], ['ADDED', 'w2']]);
  const selectedEvents = await selected;
  assert.deepEqual(selectedEvents.map((e) => [e.type, e.object.metadata.name]), [['DELETED', 'w1']]);

  const anyVersion = await watchEvents('/api/v1/namespaces/watching/configmaps?watch=true&resourceVersion=0', 2);
  assert.deepEqual(anyVersion.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'w1'], ['ADDED', 'w2']]);

  const resumed = await watchEvents(`/api/v1/namespaces/watching/configmaps?watch=true&resourceVersion=${startVersion}`, 2);
  assert.deepEqual(resumed.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'w2'], ['MODIFIED', 'w1']]);

  const bookmarks = await watchEvents(`/api/v1/namespaces/watching/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=${fixture.store.currentResourceVersion()}`, 1, 3000);
  assert.equal(bookmarks[0].type, 'BOOKMARK');
  assert.equal(bookmarks[0].object.kind, 'ConfigMap');
  assert.equal(bookmarks[0].object.metadata.resourceVersion, String(fixture.store.currentResourceVersion()));

  // The fixture keeps only 50 events of history; 60 more writes make the old version expire.
  for (let i = 0; i < 60; i++) {
    await call('PATCH', '/api/v1/namespaces/watching/configmaps/w2', { body: { data: { i: String(i) } }, contentType: 'application/merge-patch+json' });
  }
  const gone = await watchEvents(`/api/v1/namespaces/watching/configmaps?watch=true&resourceVersion=${startVersion}`, 1);
  assert.equal(gone[0].type, 'ERROR');
  assert.equal(gone[0].object.code, 410);
  assert.match(gone[0].object.message, /^too old resource version: /);
});

test('watch timeoutSeconds ends the stream', async () => {
  const started = Date.now();
  const events = await watchEvents(`/api/v1/namespaces/default/secrets?watch=true&timeoutSeconds=1&resourceVersion=${fixture.store.currentResourceVersion()}`, 1, 5000);
  assert.deepEqual(events, []);
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 900 && elapsed < 3000, `ended after ${elapsed} ms`);
});

test('deleting a namespace deletes its objects; deleting an owner deletes dependents', async () => {
  await call('POST', '/api/v1/namespaces', { body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'doomed' } } });
  const owner = await call('POST', '/api/v1/namespaces/default/configmaps', { body: configMap('owner') });
  await call('POST', '/api/v1/namespaces/default/configmaps', {
    body: { ...configMap('dependent'), metadata: { name: 'dependent', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner.json.metadata.uid }] } },
  });
  await call('POST', '/api/v1/namespaces/doomed/configmaps', { body: configMap('inside') });
  const deletedNamespace = await call('DELETE', '/api/v1/namespaces/doomed');
  assert.equal(deletedNamespace.json.kind, 'Namespace');
  await call('DELETE', '/api/v1/namespaces/default/configmaps/owner');
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.equal((await call('GET', '/api/v1/namespaces/doomed/configmaps/inside')).status, 404);
  assert.equal((await call('GET', '/api/v1/namespaces/default/configmaps/dependent')).status, 404);
});

test('CRDs are listed for every custom resource', async () => {
  const crds = await call('GET', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions');
  const names = crds.json.items.map((crd: any) => crd.metadata.name);
  for (const expected of ['ciliumloadbalancerippools.cilium.io', 'httproutes.gateway.networking.k8s.io', 'certificates.cert-manager.io', 'dnsendpoints.externaldns.k8s.io']) {
    assert.ok(names.includes(expected), expected);
  }
  const pool = crds.json.items.find((crd: any) => crd.metadata.name === 'ciliumloadbalancerippools.cilium.io');
  assert.deepEqual(pool.spec.versions.map((v: any) => [v.name, v.storage]), [['v2', true], ['v2alpha1', false]]);
  assert.equal(pool.spec.scope, 'Cluster');
});

test('a second identical apply, update or patch changes nothing: same resourceVersion, no event', async () => {
  const manifest = 'apiVersion: cilium.io/v2\nkind: CiliumLoadBalancerIPPool\nmetadata:\n  name: idempotent\nspec:\n  blocks:\n  - cidr: 127.40.0.0/28\n';
  const path = '/apis/cilium.io/v2/ciliumloadbalancerippools/idempotent?fieldManager=bootstrap';
  const first = await call('PATCH', path, { body: manifest, contentType: 'application/apply-patch+yaml' });
  assert.equal(first.status, 201);
  await new Promise((resolve) => setTimeout(resolve, 1100));
  const versionBefore = fixture.store.currentResourceVersion();
  const second = await call('PATCH', path, { body: manifest, contentType: 'application/apply-patch+yaml' });
  assert.equal(second.status, 200);
  assert.equal(second.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
  assert.deepEqual(second.json.metadata.managedFields, first.json.metadata.managedFields);
  const put = await call('PUT', '/apis/cilium.io/v2/ciliumloadbalancerippools/idempotent', { body: second.json });
  assert.equal(put.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
  const patch = await call('PATCH', '/apis/cilium.io/v2/ciliumloadbalancerippools/idempotent', { body: { spec: { blocks: [{ cidr: '127.40.0.0/28' }] } }, contentType: 'application/merge-patch+json' });
  assert.equal(patch.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
  assert.equal(fixture.store.currentResourceVersion(), versionBefore);
  // A real change still goes through.
  const changed = await call('PATCH', path, { body: manifest.replace('127.40.0.0/28', '127.40.0.16/28'), contentType: 'application/apply-patch+yaml' });
  assert.notEqual(changed.json.metadata.resourceVersion, first.json.metadata.resourceVersion);
  assert.equal(changed.json.metadata.generation, 2);
});

test('an object with oddly shaped fields does not break tables or lists', async () => {
  const created = await call('POST', '/api/v1/namespaces/default/services', {
    body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'odd' }, spec: { type: 'LoadBalancer', ports: { not: 'a list' } }, status: 'weird' },
  });
  assert.equal(created.status, 201);
  const table = await call('GET', '/api/v1/namespaces/default/services', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' });
  assert.equal(table.status, 200);
  const row = table.json.rows.find((r: any) => r.cells[0] === 'odd');
  assert.equal(row.cells[1], '<invalid>');
  assert.match(row.cells[5], /^\d+s$/);
  const list = await call('GET', '/api/v1/services');
  assert.equal(list.status, 200);
});
