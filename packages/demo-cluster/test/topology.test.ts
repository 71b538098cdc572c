import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryStore } from '../src/store/memory-store.ts';
import { effectiveServices } from '../src/talos/effective-services.ts';
import type { KubeObject, ObjectStore } from '../src/store/types.ts';
import { startControllers } from '../src/controllers/index.ts';
import {
  DEMO_APPS,
  DEMO_NODES,
  FAULTY_CILIUM_POD,
  IP_POOLS,
  KEYS,
  LARGE_SCALE,
  SEEDED_BROKEN_CASES,
  seedTopology,
} from '../src/topology/index.ts';

function seeded(seed: number, state: 'seeded' | 'empty' = 'seeded'): { store: ObjectStore; result: ReturnType<typeof seedTopology> } {
  const store = createMemoryStore();
  const result = seedTopology(store, { scale: 'small', seed, state, now: new Date('2026-11-01T12:00:00Z') });
  return { store, result };
}

/** Everything that must not depend on the clock or on random UIDs. */
function fingerprint(store: ObjectStore): string[] {
  const rows: string[] = [];
  for (const resource of store.resources.all()) {
    // Secrets hold freshly generated keys; events carry random names.
    if (resource.kind === 'Secret' || resource.kind === 'Event') continue;
    for (const object of store.list({ group: resource.group, plural: resource.plural })) {
      const { metadata, status: _status, ...rest } = object;
      rows.push(
        JSON.stringify({
          kind: object.kind,
          namespace: metadata.namespace,
          name: metadata.name,
          labels: metadata.labels,
          annotations: metadata.annotations,
          owners: (metadata.ownerReferences ?? []).map((owner) => `${owner.kind}/${owner.name}`),
          rest,
        }),
      );
    }
  }
  return rows.sort();
}

const isLoopback = (ip: string): boolean => /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip);

test('the same seed gives the same cluster, another seed a different one', () => {
  const first = fingerprint(seeded(7).store);
  const second = fingerprint(seeded(7).store);
  assert.ok(first.length > 100, `expected a populated cluster, got ${first.length} objects`);
  assert.deepEqual(first, second);

  const machineIds = (store: ObjectStore): string[] =>
    store.list(KEYS.node).map((node) => (node.status as { nodeInfo: { machineID: string } }).nodeInfo.machineID);
  assert.notDeepEqual(machineIds(seeded(7).store), machineIds(seeded(8).store));
});

test('small seeded topology: nodes, Cilium, CoreDNS, gateways, pools and apps', () => {
  const { store, result } = seeded(1);
  const nodes = store.list(KEYS.node);
  assert.deepEqual(nodes.map((node) => node.metadata.name).sort(), ['talos-cp-1', 'talos-cp-2', 'talos-cp-3', 'talos-worker-1']);
  assert.equal(nodes.filter((node) => 'node-role.kubernetes.io/control-plane' in (node.metadata.labels ?? {})).length, 3);
  for (const node of nodes) {
    const addresses = (node.status as { addresses: { type: string; address: string }[] }).addresses;
    assert.ok(isLoopback(addresses.find((address) => address.type === 'InternalIP')!.address));
    assert.ok(store.get(KEYS.ciliumNode, undefined, node.metadata.name), `CiliumNode for ${node.metadata.name}`);
  }

  const agents = store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=cilium' });
  assert.equal(agents.length, 4);
  for (const agent of agents) {
    assert.match(agent.metadata.name, /^cilium-[a-z0-9]{5}$/);
    assert.equal((agent.spec as { containers: { name: string }[] }).containers[0]!.name, 'cilium-agent');
  }
  assert.ok(store.get(KEYS.deployment, 'kube-system', 'cilium-operator'));
  assert.ok(store.get(KEYS.deployment, 'kube-system', 'coredns'));
  assert.equal(store.get(KEYS.configMap, 'kube-system', 'cilium-config')!.data!['kube-proxy-replacement' as never], 'true');
  assert.ok(store.get(KEYS.configMap, 'kube-system', 'coredns'));
  assert.deepEqual(store.list(KEYS.service, { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).map((s) => s.metadata.name), ['kube-dns']);

  for (const name of ['envoy-internal', 'envoy-external']) {
    const gateway = store.get(KEYS.gateway, 'network', name)!;
    assert.equal(gateway.metadata.annotations!['cert-manager.io/cluster-issuer'], 'letsencrypt-production');
    const listeners = (gateway.spec as { listeners: { protocol: string; hostname?: string; tls?: unknown }[] }).listeners;
    assert.ok(listeners.some((listener) => listener.protocol === 'HTTPS' && listener.hostname === '*.demo.lab' && listener.tls));
    assert.ok(listeners.some((listener) => listener.protocol === 'HTTP'));
    const requested = (gateway.spec as { infrastructure: { annotations: Record<string, string> } }).infrastructure.annotations['lbipam.cilium.io/ips']!;
    assert.ok(isLoopback(requested));
  }
  const pools = store.list(KEYS.ipPool);
  assert.deepEqual(pools.map((pool) => pool.metadata.name).sort(), [IP_POOLS.homeIot.name, IP_POOLS.legacy.name, IP_POOLS.main.name].sort());
  assert.ok(pools.some((pool) => Array.isArray((pool.spec as { cidrs?: unknown[] }).cidrs)), 'one legacy pool with cidrs');
  for (const pool of pools) {
    const spec = pool.spec as { blocks?: { cidr?: string; start?: string }[]; cidrs?: { cidr?: string; start?: string }[] };
    for (const block of [...(spec.blocks ?? []), ...(spec.cidrs ?? [])]) assert.ok(isLoopback((block.cidr ?? block.start!).split('/')[0]!));
  }
  assert.equal(store.list(KEYS.l2Policy).length, 1);
  assert.deepEqual(store.list(KEYS.clusterIssuer).map((issuer) => issuer.metadata.name).sort(), ['letsencrypt-production', 'letsencrypt-staging']);
  assert.deepEqual(store.list(KEYS.ingressClass).map((ingressClass) => ingressClass.metadata.name).sort(), ['external', 'internal', 'tailscale']);

  for (const app of DEMO_APPS) {
    const deployment = store.get(KEYS.deployment, app.namespace, app.name);
    assert.ok(deployment, `deployment ${app.namespace}/${app.name}`);
    assert.equal(deployment.metadata.labels!['backstage.io/kubernetes-id'], app.backstageId);
    assert.equal(deployment.metadata.labels!['app.kubernetes.io/name'], app.name);
    const pods = store.list(KEYS.pod, { namespace: app.namespace, labelSelector: `app.kubernetes.io/name=${app.name}` });
    assert.equal(pods.length, app.replicas, `pods of ${app.name}`);
    assert.equal(Boolean(store.get(KEYS.service, app.namespace, app.name)), app.hasService);
    if (app.exposure.kind === 'httproute') {
      const route = store.get(KEYS.httpRoute, app.namespace, app.name)!;
      assert.deepEqual((route.spec as { hostnames: string[] }).hostnames, [app.exposure.hostname]);
    }
  }
  assert.equal(result.talos.nodes.length, 4);
  assert.equal(result.talos.etcdBootstrapped, true);
  assert.ok(result.talos.nodes.every((node) => isLoopback(node.address)));
  assert.ok(result.talos.nodes.filter((node) => node.role === 'controlplane').every((node) => node.services.some((service) => service.id === 'etcd' && service.state === 'Running')));
  assert.deepEqual(result.nodes.map((node) => node.name), DEMO_NODES.map((node) => node.name));
});

test('every broken case exists in the seeded cluster', () => {
  const { store } = seeded(1);
  // Objects made by controllers (the gateways' Services) appear with their first reconcile.
  startControllers(store, { leaseRenewIntervalMs: 0 }).stop();
  const ids = SEEDED_BROKEN_CASES.map((entry) => entry.id);
  assert.equal(new Set(ids).size, ids.length, 'ids are unique');
  for (const entry of SEEDED_BROKEN_CASES) {
    const resource = store.resources.byKind(entry.object.kind, entry.object.apiVersion.includes('/') ? entry.object.apiVersion.split('/')[0] : '');
    assert.ok(resource, `kind of ${entry.id}`);
    assert.ok(store.get({ group: resource.group, plural: resource.plural }, entry.object.namespace, entry.object.name), `object of ${entry.id}`);
  }
  assert.equal(store.get(KEYS.service, 'media', 'sonarr'), undefined);
  const agent = store.get(KEYS.pod, 'kube-system', FAULTY_CILIUM_POD)!;
  assert.equal((agent.spec as { nodeName: string }).nodeName, 'talos-worker-1');
  const ready = (agent.status as { conditions: { type: string; status: string; reason?: string }[] }).conditions.find((c) => c.type === 'Ready')!;
  assert.deepEqual([ready.status, ready.reason], ['False', 'ContainersNotReady']);
  const certificate = store.get(KEYS.certificate, 'home', 'home-assistant-tls')!;
  const notAfter = Date.parse((certificate.status as { notAfter: string }).notAfter);
  const now = Date.parse('2026-11-01T12:00:00Z');
  assert.ok(notAfter > now && notAfter - now < 7 * 24 * 3600 * 1000, 'expires within 7 days');
  const policies = [...store.list(KEYS.networkPolicy, { namespace: 'default' }), ...store.list(KEYS.ciliumNetworkPolicy, { namespace: 'default' })];
  assert.equal(policies.length, 0);
  assert.ok(store.list(KEYS.networkPolicy, { namespace: 'media' }).some((policy) => policy.metadata.name === 'default-deny'));
});

test('empty state: a fresh Talos cluster before the network bootstrap', () => {
  const { store, result } = seeded(1, 'empty');
  assert.equal(store.list(KEYS.node).length, 4);
  assert.equal(store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=cilium' }).length, 4);
  for (const key of [KEYS.ipPool, KEYS.l2Policy, KEYS.gateway, KEYS.gatewayClass, KEYS.clusterIssuer, KEYS.networkPolicy, KEYS.ciliumNetworkPolicy, KEYS.httpRoute]) {
    assert.equal(store.list(key).length, 0, `${key.plural} should be empty`);
  }
  assert.equal(result.talos.etcdBootstrapped, false);
  // What ServiceList reports: etcd waits for bootstrap, and runs once the cluster's flag flips.
  const node = result.talos.nodes[0]!;
  assert.equal(effectiveServices(node, result.talos).find((service) => service.id === 'etcd')!.state, 'Preparing');
  assert.equal(effectiveServices(node, { ...result.talos, etcdBootstrapped: true }).find((service) => service.id === 'etcd')!.state, 'Running');
  // Every agent is ready in a fresh cluster.
  for (const pod of store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=cilium' })) {
    assert.ok((pod.status as { conditions: { type: string; status: string }[] }).conditions.some((c) => c.type === 'Ready' && c.status === 'True'));
  }
});

test('large scale: counts, seeding time and LB-IPAM over 200 pools', () => {
  const store = createMemoryStore();
  const started = performance.now();
  const result = seedTopology(store, { scale: 'large', seed: 3, state: 'seeded' });
  const seedMs = performance.now() - started;
  const count = (key: { group: string; plural: string }): number => (store as unknown as { count(key: unknown): number }).count(key);
  assert.ok(count(KEYS.service) >= 10_000, `services ${count(KEYS.service)}`);
  assert.ok(count(KEYS.httpRoute) >= 3_000, `routes ${count(KEYS.httpRoute)}`);
  assert.ok(count(KEYS.pod) >= 20_000, `pods ${count(KEYS.pod)}`);
  assert.ok(count(KEYS.ipPool) >= 200, `pools ${count(KEYS.ipPool)}`);
  assert.equal(count(KEYS.node), 50);
  assert.equal(result.talos.nodes.length, 50);
  const controllersStarted = performance.now();
  const controllers = startControllers(store, { leaseRenewIntervalMs: 0, certificateIssuanceDelayMs: 10 });
  const controllersMs = performance.now() - controllersStarted;
  controllers.stop();
  const loadBalancers = store.list(KEYS.service).filter((service: KubeObject) => (service.spec as { type: string }).type === 'LoadBalancer');
  const withIp = loadBalancers.filter((service) => ((service.status as { loadBalancer?: { ingress?: unknown[] } }).loadBalancer?.ingress ?? []).length > 0);
  // Only the seeded exhausted-pool case stays pending.
  assert.equal(loadBalancers.length - withIp.length, 1);
  assert.ok(loadBalancers.length >= LARGE_SCALE.namespaces * LARGE_SCALE.loadBalancersPerNamespace);
  console.log(`large topology: ${store.currentResourceVersion()} writes; seed ${seedMs.toFixed(0)} ms (reported ${result.seedDurationMs.toFixed(0)} ms), controllers' first reconcile ${controllersMs.toFixed(0)} ms`);
  // A few seconds on an idle 2-CPU machine; the bound only catches pathological slowdowns under load.
  assert.ok(seedMs < 60_000, `seeding took ${seedMs} ms`);
});
