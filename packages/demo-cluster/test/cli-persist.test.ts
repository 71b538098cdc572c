import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoCluster } from '../src/index.ts';

const CONFIGMAPS = { group: '', plural: 'configmaps' };

test('--persist keeps objects, resourceVersion, Talos state and credentials across restarts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-persist-'));
  try {
    const first = await startDemoCluster({ stateDir: dir, persist: true, state: 'empty' });
    assert.equal(first.talos.etcdBootstrapped, false);
    first.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'remember-me', namespace: 'default' }, data: { answer: '42' } });
    // Talos state changes outside the store (the apid's Bootstrap flips it).
    first.talos.etcdBootstrapped = true;
    const versionBefore = first.store.currentResourceVersion();
    const objectsBefore = first.store.count();
    const kubeconfigBefore = readFileSync(first.kubeconfigPath, 'utf8');
    await first.stop();
    assert.ok(existsSync(join(dir, 'state.json')));

    const second = await startDemoCluster({ stateDir: dir, persist: true, state: 'empty' });
    try {
      const remembered = second.store.get(CONFIGMAPS, 'default', 'remember-me');
      assert.deepEqual(remembered?.data, { answer: '42' });
      assert.equal(second.talos.etcdBootstrapped, true);
      assert.ok(second.store.currentResourceVersion() >= versionBefore);
      assert.equal(second.store.count(), objectsBefore);
      assert.equal(second.token, kubeconfigBefore.match(/token: (\S+)/)![1]);
      // New writes continue the resourceVersion sequence.
      const next = second.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'after-restart', namespace: 'default' } });
      assert.ok(Number(next.metadata.resourceVersion) > versionBefore);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('without --persist every start is fresh', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'demo-fresh-'));
  try {
    const first = await startDemoCluster({ stateDir: dir });
    first.store.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'forget-me', namespace: 'default' } });
    const firstToken = first.token;
    await first.stop();
    assert.equal(existsSync(join(dir, 'state.json')), false);
    const second = await startDemoCluster({ stateDir: dir });
    try {
      assert.equal(second.store.get(CONFIGMAPS, 'default', 'forget-me'), undefined);
      assert.notEqual(second.token, firstToken);
    } finally {
      await second.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
