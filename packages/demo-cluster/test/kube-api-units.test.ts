import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch } from '../src/kube-api/patches.ts';
import { fieldSetOf, formatPath, leafPaths } from '../src/kube-api/field-sets.ts';
import { recordUpdate, serverSideApply } from '../src/kube-api/managed-fields.ts';
import { humanDuration } from '../src/kube-api/tables.ts';
import { sortVersions } from '../src/kube-api/discovery.ts';
import { ApiError } from '../src/kube-api/status.ts';
import type { KubeObject } from '../src/store/types.ts';

test('humanDuration matches the kubectl AGE format', () => {
  const s = 1000;
  assert.equal(humanDuration(5 * s), '5s');
  assert.equal(humanDuration(119 * s), '119s');
  assert.equal(humanDuration(150 * s), '2m30s');
  assert.equal(humanDuration(600 * s), '10m');
  assert.equal(humanDuration(3 * 3600 * s + 20 * 60 * s), '3h20m');
  assert.equal(humanDuration(30 * 3600 * s), '30h');
  assert.equal(humanDuration(3 * 86400 * s + 5 * 3600 * s), '3d5h');
  assert.equal(humanDuration(40 * 86400 * s), '40d');
  assert.equal(humanDuration(-5 * s), '<invalid>');
});

test('versions sort GA first, then beta, then alpha', () => {
  assert.deepEqual(sortVersions(['v1beta1', 'v2alpha1', 'v1', 'v2']), ['v2', 'v1', 'v1beta1', 'v2alpha1']);
});

test('merge patch: null deletes, objects merge, arrays replace', () => {
  assert.deepEqual(applyMergePatch({ a: 1, b: { c: 2, d: 3 }, e: [1, 2] }, { a: null, b: { c: 9 }, e: [3] }), { b: { c: 9, d: 3 }, e: [3] });
});

test('JSON patch operations and their failures', () => {
  const doc = { spec: { list: ['a', 'b'] }, x: 1 };
  assert.deepEqual(
    applyJsonPatch(doc, [
      { op: 'add', path: '/spec/list/-', value: 'c' },
      { op: 'move', from: '/x', path: '/y' },
      { op: 'copy', from: '/y', path: '/z' },
      { op: 'test', path: '/z', value: 1 },
      { op: 'remove', path: '/spec/list/0' },
      { op: 'replace', path: '/spec/list/0', value: 'B' },
    ]),
    { spec: { list: ['B', 'c'] }, y: 1, z: 1 },
  );
  assert.deepEqual(doc, { spec: { list: ['a', 'b'] }, x: 1 }, 'the input is not modified');
  assert.throws(() => applyJsonPatch(doc, [{ op: 'test', path: '/x', value: 2 }]), (error: unknown) => error instanceof ApiError && error.code === 422);
  assert.throws(() => applyJsonPatch(doc, [{ op: 'explode', path: '/x' }]), (error: unknown) => error instanceof ApiError && error.code === 400);
  assert.throws(() => applyJsonPatch(doc, { op: 'add' }), (error: unknown) => error instanceof ApiError && error.code === 400);
});

test('strategic merge patch: keyed lists, directives', () => {
  const pod = {
    spec: {
      containers: [
        { name: 'a', image: 'a:1', ports: [{ containerPort: 80, name: 'http' }], env: [{ name: 'X', value: '1' }] },
        { name: 'b', image: 'b:1' },
      ],
      tolerations: [{ key: 't1' }],
    },
    metadata: { labels: { keep: 'yes', drop: 'yes' }, finalizers: ['f1', 'f2'] },
  };
  const patched = applyStrategicMergePatch(pod, {
    metadata: { labels: { drop: null }, '$deleteFromPrimitiveList/finalizers': ['f1'] },
    spec: {
      '$setElementOrder/containers': [{ name: 'b' }, { name: 'a' }],
      containers: [{ name: 'a', ports: [{ containerPort: 443, name: 'https' }], env: [{ name: 'X', $patch: 'delete' }] }],
      tolerations: [{ key: 't2' }],
    },
  }) as any;
  assert.deepEqual(patched.metadata.labels, { keep: 'yes' });
  assert.deepEqual(patched.metadata.finalizers, ['f2']);
  assert.deepEqual(patched.spec.containers.map((c: any) => c.name), ['b', 'a']);
  const a = patched.spec.containers.find((c: any) => c.name === 'a');
  assert.deepEqual(a.ports.map((p: any) => p.containerPort), [80, 443]);
  assert.deepEqual(a.env, []);
  assert.equal(a.image, 'a:1');
  assert.deepEqual(patched.spec.tolerations, [{ key: 't2' }], 'lists without a merge key are replaced');
  const replaced = applyStrategicMergePatch({ spec: { selector: { a: '1', b: '2' } } }, { spec: { selector: { $patch: 'replace', c: '3' } } }) as any;
  assert.deepEqual(replaced.spec.selector, { c: '3' });
  const retained = applyStrategicMergePatch({ spec: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1 } } } }, {
    spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } },
  }) as any;
  assert.deepEqual(retained.spec.strategy, { type: 'Recreate' });
});

test('field sets: keyed list items, untracked metadata, readable paths', () => {
  const set = fieldSetOf(
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', uid: 'u', labels: { app: 'x' } },
      spec: { containers: [{ name: 'app', image: 'i' }], tolerations: [{ key: 'k' }] },
      status: { phase: 'Running' },
    },
    'main',
  );
  assert.deepEqual(set, {
    'f:metadata': { 'f:labels': { 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"app"}': { '.': {}, 'f:name': {}, 'f:image': {} } }, 'f:tolerations': {} },
  });
  assert.deepEqual(leafPaths(set).map(formatPath), [
    '.metadata.labels.app',
    '.spec.containers[name="app"].name',
    '.spec.containers[name="app"].image',
    '.spec.tolerations',
  ]);
});

test('an Update takes ownership of changed fields away from an applier', () => {
  const base: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: '1', b: '2' } };
  const applied = serverSideApply(undefined, base, { manager: 'applier', force: false, apiVersion: 'v1' });
  const changed: KubeObject = { ...applied, data: { a: '1', b: '3' } };
  const entries = recordUpdate(applied, changed, 'editor', 'v1');
  const applier = entries.find((entry) => entry.manager === 'applier')!;
  const editor = entries.find((entry) => entry.manager === 'editor')!;
  assert.deepEqual(applier.fieldsV1, { 'f:data': { 'f:a': {} } });
  assert.deepEqual(editor.fieldsV1, { 'f:data': { 'f:b': {} } });
  assert.equal(editor.operation, 'Update');
  // The applier re-applying its old value for b now conflicts with the editor.
  assert.throws(
    () => serverSideApply({ ...changed, metadata: { ...changed.metadata, managedFields: entries } }, base, { manager: 'applier', force: false, apiVersion: 'v1' }),
    (error: unknown) => error instanceof ApiError && error.code === 409 && /conflict with "editor" using v1: \.data\.b/.test(error.message),
  );
});
