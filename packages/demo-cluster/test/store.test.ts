import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../src/store/memory-store.ts';
import { StoreError } from '../src/store/errors.ts';
import type { KubeObject, StoreEvent } from '../src/store/types.ts';

const PODS = { group: '', plural: 'pods' };
const SERVICES = { group: '', plural: 'services' };
const POOLS = { group: 'cilium.io', plural: 'ciliumloadbalancerippools' };

function pod(name: string, labels: Record<string, string> = {}, namespace = 'default', phase = 'Running'): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
    status: { phase },
  };
}

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof StoreError, `expected StoreError, got ${error}`);
    return error.reason;
  }
  assert.fail('expected an error');
}

test('create fills metadata and bumps the store-wide resourceVersion', () => {
  const store = createMemoryStore();
  const a = store.create(pod('a'));
  const b = store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
  assert.match(a.metadata.uid!, /^[0-9a-f-]{36}$/);
  assert.equal(a.metadata.resourceVersion, '1');
  assert.equal(b.metadata.resourceVersion, '2');
  assert.equal(a.metadata.generation, 1);
  assert.match(a.metadata.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(b.metadata.namespace, undefined);
  assert.equal(store.currentResourceVersion(), 2);
  assert.equal(reasonOf(() => store.create(pod('a'))), 'AlreadyExists');
});

test('returned objects are copies: editing them does not change the store', () => {
  const store = createMemoryStore();
  const created = store.create(pod('a', { app: 'x' }));
  created.metadata.labels!.app = 'changed';
  assert.equal(store.get(PODS, 'default', 'a')!.metadata.labels!.app, 'x');
});

test('update checks resourceVersion and bumps generation only on spec changes', () => {
  const store = createMemoryStore();
  const created = store.create(pod('a'));
  const relabelled = store.update({ ...created, metadata: { ...created.metadata, labels: { tier: 'web' } } });
  assert.equal(relabelled.metadata.generation, 1);
  assert.equal(relabelled.metadata.uid, created.metadata.uid);
  const respecced = store.update({ ...relabelled, spec: { nodeName: 'node-2', containers: [] } });
  assert.equal(respecced.metadata.generation, 2);
  assert.equal(Number(respecced.metadata.resourceVersion), Number(relabelled.metadata.resourceVersion) + 1);
  // The stale version from `created` conflicts.
  assert.equal(reasonOf(() => store.update(created)), 'Conflict');
  try {
    store.update(created);
  } catch (error) {
    assert.equal((error as StoreError).code, 409);
    assert.equal(
      (error as StoreError).message,
      'Operation cannot be fulfilled on pods "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  }
  assert.equal(reasonOf(() => store.update(pod('missing'))), 'NotFound');
});

test('updateStatus changes only status', () => {
  const store = createMemoryStore();
  const created = store.create(pod('a', {}, 'default', 'Pending'));
  const updated = store.updateStatus({ ...created, spec: { nodeName: 'elsewhere' }, status: { phase: 'Running' } });
  assert.deepEqual(updated.status, { phase: 'Running' });
  assert.equal((updated.spec as { nodeName: string }).nodeName, 'node-1');
  assert.equal(updated.metadata.generation, 1);
});

test('dryRun validates but stores nothing and emits nothing', () => {
  const store = createMemoryStore();
  const events: StoreEvent[] = [];
  store.subscribe((event) => events.push(event));
  const result = store.create(pod('dry'), { dryRun: true });
  assert.equal(result.metadata.name, 'dry');
  assert.equal(store.get(PODS, 'default', 'dry'), undefined);
  assert.equal(events.length, 0);
  assert.equal(store.currentResourceVersion(), 0);
  store.create(pod('real'));
  store.delete(PODS, 'default', 'real', { dryRun: true });
  assert.ok(store.get(PODS, 'default', 'real'));
});

test('invalid names are refused with the API server wording', () => {
  const store = createMemoryStore();
  try {
    store.create(pod('Bad_Name'));
    assert.fail('expected Invalid');
  } catch (error) {
    assert.ok(error instanceof StoreError);
    assert.equal(error.reason, 'Invalid');
    assert.equal(error.code, 422);
    assert.match(error.message, /^Pod "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  }
  // Services need an RFC 1035 label: no leading digit.
  assert.equal(
    reasonOf(() => store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: '1svc', namespace: 'default' } })),
    'Invalid',
  );
  const generated = store.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: '', generateName: 'web-', namespace: 'default' } });
  assert.match(generated.metadata.name, /^web-[a-z0-9]{5}$/);
  assert.equal(reasonOf(() => store.create({ apiVersion: 'v9', kind: 'Pod', metadata: { name: 'x' } })), 'NotFound');
});

test('label and field selectors', () => {
  const store = createMemoryStore();
  store.create(pod('a', { app: 'web', tier: 'front' }));
  store.create(pod('b', { app: 'web', tier: 'back' }, 'default', 'Pending'));
  store.create(pod('c', { app: 'db' }, 'other'));
  const names = (selector: { labelSelector?: string; fieldSelector?: string; namespace?: string }) =>
    store.list(PODS, selector).map((p) => p.metadata.name);
  assert.deepEqual(names({ labelSelector: 'app=web' }), ['a', 'b']);
  assert.deepEqual(names({ labelSelector: 'app==web,tier!=front' }), ['b']);
  assert.deepEqual(names({ labelSelector: 'tier in (front, back)' }), ['a', 'b']);
  assert.deepEqual(names({ labelSelector: 'tier notin (front)' }), ['b', 'c']);
  assert.deepEqual(names({ labelSelector: '!tier' }), ['c']);
  assert.deepEqual(names({ labelSelector: 'tier' }), ['a', 'b']);
  assert.deepEqual(names({ fieldSelector: 'status.phase=Pending' }), ['b']);
  assert.deepEqual(names({ fieldSelector: 'metadata.namespace!=default' }), ['c']);
  assert.deepEqual(names({ fieldSelector: 'spec.nodeName=node-1,metadata.name=a' }), ['a']);
  assert.deepEqual(names({ namespace: 'other' }), ['c']);
  assert.equal(reasonOf(() => store.list(PODS, { labelSelector: 'app in ()' })), 'BadRequest');
  assert.equal(reasonOf(() => store.list(PODS, { fieldSelector: 'nonsense' })), 'BadRequest');
});

test('events arrive in commit order, also for writes made by a listener', () => {
  const store = createMemoryStore();
  const seenByFirst: string[] = [];
  const seenBySecond: string[] = [];
  store.subscribe((event) => {
    seenByFirst.push(`${event.type}:${event.object.metadata.name}:${event.resourceVersion}`);
    if (event.type === 'ADDED' && event.object.kind === 'Pod') {
      store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `for-${event.object.metadata.name}`, namespace: 'default' } });
    }
  });
  store.subscribe((event) => seenBySecond.push(`${event.type}:${event.object.metadata.name}:${event.resourceVersion}`));
  store.create(pod('a'));
  store.delete(PODS, 'default', 'a');
  assert.deepEqual(seenByFirst, ['ADDED:a:1', 'ADDED:for-a:2', 'DELETED:a:3']);
  assert.deepEqual(seenBySecond, seenByFirst);
});

test('event history resumes watches and answers Gone when too old', () => {
  const store = createMemoryStore({ historySize: 5 });
  for (let i = 0; i < 8; i++) store.create(pod(`p${i}`));
  assert.deepEqual(
    store.eventsSince(5).map((event) => event.resourceVersion),
    [6, 7, 8],
  );
  assert.deepEqual(store.eventsSince(3).map((event) => event.resourceVersion), [4, 5, 6, 7, 8]);
  assert.deepEqual(store.eventsSince(8), []);
  try {
    store.eventsSince(2);
    assert.fail('expected Gone');
  } catch (error) {
    assert.ok(error instanceof StoreError);
    assert.equal(error.reason, 'Gone');
    assert.equal(error.code, 410);
    assert.equal(error.message, 'too old resource version: 2 (4)');
  }
});

test('finalizers delay deletion until removed', () => {
  const store = createMemoryStore();
  const created = store.create({ ...pod('f'), metadata: { name: 'f', namespace: 'default', finalizers: ['demo/keep'] } });
  const marked = store.delete(PODS, 'default', 'f');
  assert.ok(marked.metadata.deletionTimestamp);
  assert.ok(store.get(PODS, 'default', 'f'));
  const current = store.get(PODS, 'default', 'f')!;
  assert.notEqual(current.metadata.resourceVersion, created.metadata.resourceVersion);
  store.update({ ...current, metadata: { ...current.metadata, finalizers: [] } });
  assert.equal(store.get(PODS, 'default', 'f'), undefined);
});

test('multi-version custom resources are stored as given', () => {
  const store = createMemoryStore();
  store.create({ apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'old', namespace: 'ignored' }, spec: { blocks: [] } });
  store.create({ apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'new' }, spec: { blocks: [] } });
  const pools = store.list(POOLS);
  assert.deepEqual(pools.map((p) => [p.metadata.name, p.apiVersion, p.metadata.namespace]), [
    ['new', 'cilium.io/v2', undefined],
    ['old', 'cilium.io/v2alpha1', undefined],
  ]);
  assert.equal(store.resources.byKey(SERVICES)!.shortNames[0], 'svc');
  assert.deepEqual(store.resources.byKey(POOLS)!.shortNames, ['ippools', 'ippool', 'lbippool', 'lbippools']);
});

test('snapshot restores objects and resourceVersion; older watches are Gone', () => {
  const store = createMemoryStore();
  store.create(pod('a'));
  store.create(pod('b'));
  const restored = createMemoryStore({ snapshot: store.snapshot() });
  assert.equal(restored.currentResourceVersion(), 2);
  assert.deepEqual(restored.list(PODS).map((p) => p.metadata.name), ['a', 'b']);
  assert.equal(restored.create(pod('c')).metadata.resourceVersion, '3');
  assert.equal(reasonOf(() => restored.eventsSince(1)), 'Gone');
  assert.deepEqual(restored.eventsSince(2).map((event) => event.object.metadata.name), ['c']);
});

test('lists are ordered by namespace, then name, also after adds and deletes', () => {
  const store = createMemoryStore();
  store.create(pod('b', {}, 'a-b'));
  store.create(pod('z', {}, 'a'));
  store.create(pod('a', {}, 'a-b'));
  const order = () => store.list(PODS).map((p) => `${p.metadata.namespace}/${p.metadata.name}`);
  assert.deepEqual(order(), ['a/z', 'a-b/a', 'a-b/b']);
  store.create(pod('m', {}, 'a'));
  store.delete(PODS, 'a-b', 'a');
  assert.deepEqual(order(), ['a/m', 'a/z', 'a-b/b']);
});

test('an update that changes nothing keeps the resourceVersion and emits no event', () => {
  const store = createMemoryStore();
  const created = store.create(pod('same'));
  const events: StoreEvent[] = [];
  store.subscribe((event) => events.push(event));
  const again = store.update(created);
  assert.equal(again.metadata.resourceVersion, created.metadata.resourceVersion);
  const statusAgain = store.updateStatus({ ...created, status: { phase: 'Running' } });
  assert.equal(statusAgain.metadata.resourceVersion, created.metadata.resourceVersion);
  assert.equal(events.length, 0);
  assert.equal(store.currentResourceVersion(), 1);
});

test('a stored CustomResourceDefinition defines a kind; deleting it removes the kind and its objects', () => {
  const store = createMemoryStore();
  const widgets = { group: 'example.com', plural: 'widgets' };
  store.create({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets' }, versions: [{ name: 'v1beta1', served: true, storage: false }, { name: 'v1', served: true, storage: true }] },
  });
  const type = store.resources.byKey(widgets)!;
  assert.deepEqual(type.versions, ['v1', 'v1beta1']);
  assert.equal(type.listKind, 'WidgetList');
  store.create({ apiVersion: 'example.com/v1beta1', kind: 'Widget', metadata: { name: 'w', namespace: 'default' } });
  const events: string[] = [];
  store.subscribe((event) => events.push(`${event.type}:${event.object.kind}`));
  store.delete({ group: 'apiextensions.k8s.io', plural: 'customresourcedefinitions' }, undefined, 'widgets.example.com');
  assert.deepEqual(events, ['DELETED:CustomResourceDefinition', 'DELETED:Widget']);
  assert.equal(store.resources.byKey(widgets), undefined);
  // Restoring a snapshot restores the kind before its objects.
  const again = createMemoryStore();
  again.create({
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'widgets.example.com' },
    spec: { group: 'example.com', scope: 'Cluster', names: { kind: 'Widget', plural: 'widgets' }, versions: [{ name: 'v1', served: true, storage: true }] },
  });
  again.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'kept' } });
  const restored = createMemoryStore({ snapshot: again.snapshot() });
  assert.equal(restored.get(widgets, undefined, 'kept')?.metadata.name, 'kept');
});
