import { test } from 'node:test';
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import forge from 'node-forge';
import { createMemoryStore } from '../src/store/memory-store.ts';
import type { KubeObject, ObjectStore } from '../src/store/types.ts';
import { startControllers, type RunningControllers } from '../src/controllers/index.ts';
import { hostnamesIntersect } from '../src/controllers/hostname-matching.ts';
import { FAULTY_CILIUM_NODE, FAULTY_CILIUM_POD, KEYS, SEEDED_BROKEN_CASES, seedTopology } from '../src/topology/index.ts';

interface Condition {
  type: string;
  status: string;
  reason: string;
  message: string;
}

const conditionsOf = (object: KubeObject | undefined): Condition[] => ((object?.status as { conditions?: Condition[] } | undefined)?.conditions ?? []);
const condition = (object: KubeObject | undefined, type: string): Condition | undefined => conditionsOf(object).find((c) => c.type === type);
const ingressIps = (service: KubeObject | undefined): string[] =>
  ((service?.status as { loadBalancer?: { ingress?: { ip: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((entry) => entry.ip);

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function pool(name: string, spec: Record<string, unknown>, apiVersion = 'cilium.io/v2alpha1'): KubeObject {
  return { apiVersion, kind: 'CiliumLoadBalancerIPPool', metadata: { name }, spec };
}

function lbService(namespace: string, name: string, options: { labels?: Record<string, string>; annotations?: Record<string, string>; port?: number; loadBalancerIP?: string } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels: options.labels ?? {}, annotations: options.annotations ?? {} },
    spec: {
      type: 'LoadBalancer',
      clusterIP: '10.43.9.9',
      ports: [{ name: 'http', port: options.port ?? 80, protocol: 'TCP', targetPort: 8080 }],
      ...(options.loadBalancerIP ? { loadBalancerIP: options.loadBalancerIP } : {}),
    },
  };
}

function withLbIpam(): { store: ObjectStore; controllers: RunningControllers } {
  const store = createMemoryStore();
  store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'apps' } });
  return { store, controllers: startControllers(store, { controllers: ['lb-ipam'], leaseRenewIntervalMs: 0 }) };
}

test('LB-IPAM allocates the lowest free address, reserves first/last of a CIDR, and reports exhaustion', async () => {
  const { store, controllers } = withLbIpam();
  try {
    store.create(pool('small', { blocks: [{ cidr: '127.0.50.0/30' }] }));
    for (const name of ['a', 'b', 'c']) store.create(lbService('apps', name));
    await controllers.whenIdle();
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'a')), ['127.0.50.1']);
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'b')), ['127.0.50.2']);
    const pending = store.get(KEYS.service, 'apps', 'c');
    assert.deepEqual(ingressIps(pending), []);
    assert.deepEqual(
      [condition(pending, 'cilium.io/IPAMRequestSatisfied')?.status, condition(pending, 'cilium.io/IPAMRequestSatisfied')?.reason],
      ['False', 'out_of_ips'],
    );
    const small = store.get(KEYS.ipPool, undefined, 'small');
    assert.deepEqual(
      ['cilium.io/IPsTotal', 'cilium.io/IPsAvailable', 'cilium.io/IPsUsed'].map((type) => [condition(small, type)?.status, condition(small, type)?.reason, condition(small, type)?.message]),
      [['Unknown', 'noreason', '2'], ['Unknown', 'noreason', '0'], ['Unknown', 'noreason', '2']],
    );
    assert.equal(condition(small, 'cilium.io/PoolConflict')?.reason, 'resolved');
    assert.equal(condition(store.get(KEYS.service, 'apps', 'a'), 'cilium.io/IPAMRequestSatisfied')?.reason, 'satisfied');

    // A change reconciles: freeing an address satisfies the pending Service.
    store.delete(KEYS.service, 'apps', 'a');
    await waitFor('pending service to get the freed IP', () => ingressIps(store.get(KEYS.service, 'apps', 'c'))[0] === '127.0.50.1');
    assert.equal(condition(store.get(KEYS.service, 'apps', 'c'), 'cilium.io/IPAMRequestSatisfied')?.status, 'True');
  } finally {
    controllers.stop();
  }
});

test('LB-IPAM honours lbipam.cilium.io/ips, the legacy io.cilium/lb-ipam-ips, spec.loadBalancerIP, selectors and sharing keys', async () => {
  const { store, controllers } = withLbIpam();
  try {
    store.create(pool('range', { blocks: [{ start: '127.0.60.10', stop: '127.0.60.20' }], serviceSelector: { matchLabels: { pool: 'range' } } }, 'cilium.io/v2'));
    store.create(pool('legacy', { cidrs: [{ cidr: '127.0.61.0/29' }], serviceSelector: { matchExpressions: [{ key: 'pool', operator: 'In', values: ['legacy'] }] } }));
    store.create(lbService('apps', 'pinned', { labels: { pool: 'range' }, annotations: { 'lbipam.cilium.io/ips': '127.0.60.15' } }));
    store.create(lbService('apps', 'pinned-legacy', { labels: { pool: 'legacy' }, annotations: { 'io.cilium/lb-ipam-ips': '127.0.61.4' } }));
    store.create(lbService('apps', 'spec-ip', { labels: { pool: 'range' }, loadBalancerIP: '127.0.60.12' }));
    store.create(lbService('apps', 'outside', { labels: { pool: 'range' }, annotations: { 'lbipam.cilium.io/ips': '127.0.99.1' } }));
    store.create(lbService('apps', 'unmatched', { labels: { pool: 'none' } }));
    store.create(lbService('apps', 'share-a', { labels: { pool: 'range' }, annotations: { 'lbipam.cilium.io/sharing-key': 'k' }, port: 80 }));
    store.create(lbService('apps', 'share-b', { labels: { pool: 'range' }, annotations: { 'lbipam.cilium.io/sharing-key': 'k' }, port: 443 }));
    await controllers.whenIdle();
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'pinned')), ['127.0.60.15']);
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'pinned-legacy')), ['127.0.61.4']);
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'spec-ip')), ['127.0.60.12']);
    assert.equal(condition(store.get(KEYS.service, 'apps', 'outside'), 'cilium.io/IPAMRequestSatisfied')?.reason, 'no_pool');
    const unmatched = condition(store.get(KEYS.service, 'apps', 'unmatched'), 'cilium.io/IPAMRequestSatisfied');
    assert.deepEqual([unmatched?.reason, unmatched?.message], ['no_pool', 'There are no enabled CiliumLoadBalancerIPPools that match this service']);
    const shared = ingressIps(store.get(KEYS.service, 'apps', 'share-a'));
    assert.equal(shared.length, 1);
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'share-b')), shared);
    // A range given as start/stop has no reserved addresses: 11 addresses, 3 distinct in use.
    const range = store.get(KEYS.ipPool, undefined, 'range');
    assert.equal(condition(range, 'cilium.io/IPsTotal')?.message, '11');
    assert.equal(condition(range, 'cilium.io/IPsUsed')?.message, '3');

    // Requesting an address another Service holds, without a sharing key.
    store.create(lbService('apps', 'thief', { labels: { pool: 'range' }, annotations: { 'lbipam.cilium.io/ips': '127.0.60.15' } }));
    const thief = await waitFor('thief condition', () => condition(store.get(KEYS.service, 'apps', 'thief'), 'cilium.io/IPAMRequestSatisfied'));
    assert.deepEqual([thief.status, thief.reason], ['False', 'already_allocated_incompatible_service']);
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'pinned')), ['127.0.60.15']);
  } finally {
    controllers.stop();
  }
});

test('LB-IPAM marks the newer of two overlapping pools conflicting and allocates nothing from it', async () => {
  const { store, controllers } = withLbIpam();
  try {
    store.create(pool('first', { blocks: [{ cidr: '127.0.70.0/28' }], serviceSelector: { matchLabels: { pool: 'first' } } }));
    await controllers.whenIdle();
    store.create(pool('second', { blocks: [{ start: '127.0.70.8', stop: '127.0.70.20' }], serviceSelector: { matchLabels: { pool: 'second' } } }));
    store.create(lbService('apps', 'wants-second', { labels: { pool: 'second' } }));
    await controllers.whenIdle();
    const second = store.get(KEYS.ipPool, undefined, 'second');
    const conflict = condition(second, 'cilium.io/PoolConflict');
    assert.deepEqual([conflict?.status, conflict?.reason], ['True', 'cidr_overlap']);
    assert.equal(conflict?.message, "Pool conflicts since range '127.0.70.8-127.0.70.20' overlaps range '127.0.70.0/28' from IP Pool 'first'");
    assert.equal(condition(store.get(KEYS.ipPool, undefined, 'first'), 'cilium.io/PoolConflict')?.status, 'False');
    assert.deepEqual(ingressIps(store.get(KEYS.service, 'apps', 'wants-second')), []);
    assert.equal(condition(second, 'cilium.io/IPsAvailable')?.message, '0');

    // Resolving the overlap re-enables the pool.
    const current = store.get(KEYS.ipPool, undefined, 'second')!;
    store.update({ ...current, spec: { ...(current.spec as object), blocks: [{ start: '127.0.71.1', stop: '127.0.71.5' }] } });
    await waitFor('service from the repaired pool', () => ingressIps(store.get(KEYS.service, 'apps', 'wants-second'))[0] === '127.0.71.1');
    assert.equal(condition(store.get(KEYS.ipPool, undefined, 'second'), 'cilium.io/PoolConflict')?.reason, 'resolved');
  } finally {
    controllers.stop();
  }
});

test('gateway hostname intersection follows the Gateway API rules', () => {
  const table: [string | undefined, string, boolean][] = [
    [undefined, 'a.demo.lab', true],
    ['*.demo.lab', 'a.demo.lab', true],
    ['*.demo.lab', 'a.b.demo.lab', true],
    ['*.demo.lab', 'demo.lab', false],
    ['*.demo.lab', 'wiki.legacy.lab', false],
    ['a.demo.lab', '*.demo.lab', true],
    ['a.demo.lab', 'B.demo.lab', false],
    ['A.demo.lab', 'a.DEMO.lab', true],
    ['*.demo.lab', '*.x.demo.lab', true],
    ['*.other.lab', '*.demo.lab', false],
  ];
  for (const [listener, route, expected] of table) assert.equal(hostnamesIntersect(listener, route), expected, `${listener} vs ${route}`);
});

/** The seeded small cluster with every controller running. */
async function seededCluster(delayMs = 100): Promise<{ store: ObjectStore; controllers: RunningControllers }> {
  const store = createMemoryStore();
  seedTopology(store, { scale: 'small', seed: 1, state: 'seeded' });
  const controllers = startControllers(store, { certificateIssuanceDelayMs: delayMs, leaseRenewIntervalMs: 0 });
  await controllers.whenIdle();
  return { store, controllers };
}

const routeParent = (route: KubeObject | undefined, gateway?: string): { conditions: Condition[]; controllerName: string } | undefined =>
  ((route?.status as { parents?: { parentRef: { name: string }; conditions: Condition[]; controllerName: string }[] } | undefined)?.parents ?? []).find(
    (parent) => gateway === undefined || parent.parentRef.name === gateway,
  );

test('seeded cluster: gateways are programmed with LB addresses and each broken case shows its reason', async () => {
  const { store, controllers } = await seededCluster();
  try {
    for (const [name, ip] of [['envoy-internal', '127.0.2.11'], ['envoy-external', '127.0.2.12']] as const) {
      const service = store.get(KEYS.service, 'network', `cilium-gateway-${name}`)!;
      assert.equal(service.metadata.labels!['io.cilium.gateway/owning-gateway'], name);
      assert.equal(service.metadata.labels!['gateway.networking.k8s.io/gateway-name'], name);
      assert.deepEqual(ingressIps(service), [ip]);
      const gateway = store.get(KEYS.gateway, 'network', name)!;
      const status = gateway.status as { addresses: { type: string; value: string }[]; listeners: { name: string; attachedRoutes: number; conditions: Condition[]; supportedKinds: { kind: string }[] }[] };
      assert.deepEqual(status.addresses, [{ type: 'IPAddress', value: ip }]);
      assert.equal(condition(gateway, 'Accepted')?.status, 'True');
      assert.equal(condition(gateway, 'Programmed')?.status, 'True');
      const https = status.listeners.find((listener) => listener.name === 'https')!;
      assert.ok(https.supportedKinds.some((kind) => kind.kind === 'HTTPRoute'));
      assert.equal(https.conditions.find((c) => c.type === 'ResolvedRefs')?.status, 'True');
      assert.equal(https.conditions.find((c) => c.type === 'Programmed')?.status, 'True');
    }
    const internal = store.get(KEYS.gateway, 'network', 'envoy-internal')!.status as { listeners: { name: string; attachedRoutes: number }[] };
    // jellyfin, sonarr (accepted but unresolved), home-assistant, grafana.
    assert.equal(internal.listeners.find((listener) => listener.name === 'https')!.attachedRoutes, 4);
    assert.equal(internal.listeners.find((listener) => listener.name === 'http')!.attachedRoutes, 1);
    assert.equal(condition(store.get(KEYS.gatewayClass, undefined, 'cilium'), 'Accepted')?.status, 'True');

    const jellyfin = routeParent(store.get(KEYS.httpRoute, 'media', 'jellyfin'))!;
    assert.equal(jellyfin.controllerName, 'io.cilium/gateway-controller');
    assert.deepEqual(jellyfin.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`), ['Accepted=True/Accepted', 'ResolvedRefs=True/ResolvedRefs']);

    for (const entry of SEEDED_BROKEN_CASES) {
      if (!entry.condition) continue;
      const resource = store.resources.byKind(entry.object.kind, entry.object.apiVersion.includes('/') ? entry.object.apiVersion.split('/')[0] : '')!;
      const object = store.get({ group: resource.group, plural: resource.plural }, entry.object.namespace, entry.object.name);
      const conditions = entry.object.kind === 'HTTPRoute' ? routeParent(object)!.conditions : conditionsOf(object);
      const found = conditions.find((c) => c.type === entry.condition!.type);
      assert.deepEqual([found?.status, found?.reason], [entry.condition.status, entry.expectedReason], entry.id);
    }
    // The agent stays not ready although the DaemonSet controller ran.
    const daemonSet = store.get(KEYS.daemonSet, 'kube-system', 'cilium')!.status as { desiredNumberScheduled: number; numberReady: number };
    assert.deepEqual([daemonSet.desiredNumberScheduled, daemonSet.numberReady], [4, 3]);
    assert.equal(condition(store.get(KEYS.pod, 'kube-system', FAULTY_CILIUM_POD), 'Ready')?.status, 'False');
    // The expiring certificate's seeded status is not clobbered.
    const expiring = store.get(KEYS.certificate, 'home', 'home-assistant-tls')!;
    assert.ok(Date.parse((expiring.status as { notAfter: string }).notAfter) - Date.now() < 7 * 24 * 3600 * 1000);
    assert.equal(condition(expiring, 'Issuing')?.reason, 'Renewing');
  } finally {
    controllers.stop();
  }
});

test('route conditions: wrong section, listener namespace policy, cross-namespace backends and ReferenceGrant, invalid kind', async () => {
  const { store, controllers } = await seededCluster();
  try {
    const route = (name: string, parentRef: Record<string, unknown>, backendRefs: Record<string, unknown>[], hostnames = [`${name}.demo.lab`]): KubeObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: 'media' },
      spec: { parentRefs: [{ name: 'envoy-internal', namespace: 'network', ...parentRef }], hostnames, rules: [{ backendRefs }] },
    });
    store.create(route('wrong-section', { sectionName: 'nope' }, [{ name: 'jellyfin', port: 8096 }]));
    store.create(route('http-only', { sectionName: 'http' }, [{ name: 'jellyfin', port: 8096 }]));
    store.create(route('cross-ns', {}, [{ name: 'grafana', namespace: 'monitoring', port: 3000 }]));
    store.create(route('bad-kind', {}, [{ group: 'example.com', kind: 'Bucket', name: 'x' }]));
    store.create(route('no-gateway', { name: 'envoy-missing' }, [{ name: 'jellyfin', port: 8096 }]));
    await controllers.whenIdle();
    const reasons = (name: string): string[] => routeParent(store.get(KEYS.httpRoute, 'media', name))!.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`);
    assert.deepEqual(reasons('wrong-section'), ['Accepted=False/NoMatchingParent', 'ResolvedRefs=True/ResolvedRefs']);
    assert.deepEqual(reasons('http-only'), ['Accepted=False/NotAllowedByListeners', 'ResolvedRefs=True/ResolvedRefs']);
    assert.deepEqual(reasons('cross-ns'), ['Accepted=True/Accepted', 'ResolvedRefs=False/RefNotPermitted']);
    assert.deepEqual(reasons('bad-kind'), ['Accepted=True/Accepted', 'ResolvedRefs=False/InvalidKind']);
    assert.deepEqual(reasons('no-gateway'), ['Accepted=False/NoMatchingParent', 'ResolvedRefs=True/ResolvedRefs']);

    store.create({
      apiVersion: 'gateway.networking.k8s.io/v1beta1',
      kind: 'ReferenceGrant',
      metadata: { name: 'media-to-grafana', namespace: 'monitoring' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'media' }], to: [{ group: '', kind: 'Service' }] },
    });
    await waitFor('ReferenceGrant to resolve the backend', () => routeParent(store.get(KEYS.httpRoute, 'media', 'cross-ns'))!.conditions.find((c) => c.type === 'ResolvedRefs')?.status === 'True');

    // attachedRoutes follows routes coming and going, GRPCRoutes included.
    const httpsAttached = (): number =>
      (store.get(KEYS.gateway, 'network', 'envoy-internal')!.status as { listeners: { name: string; attachedRoutes: number }[] }).listeners.find((l) => l.name === 'https')!.attachedRoutes;
    const before = httpsAttached();
    store.delete(KEYS.httpRoute, 'media', 'jellyfin');
    await waitFor('attachedRoutes decremented', () => httpsAttached() === before - 1);
    store.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'grpc', namespace: 'media' },
      spec: { parentRefs: [{ name: 'envoy-internal', namespace: 'network', sectionName: 'https' }], hostnames: ['grpc.demo.lab'], rules: [{ backendRefs: [{ name: 'jellyfin', port: 8096 }] }] },
    });
    await waitFor('GRPCRoute attached', () => httpsAttached() === before);
    const grpc = routeParent(store.get(KEYS.grpcRoute, 'media', 'grpc'))!;
    assert.deepEqual(grpc.conditions.map((c) => `${c.type}=${c.status}/${c.reason}`), ['Accepted=True/Accepted', 'ResolvedRefs=True/ResolvedRefs']);

    // Creating the missing Service resolves the sonarr route.
    store.create({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'sonarr', namespace: 'media' },
      spec: { selector: { 'app.kubernetes.io/name': 'sonarr' }, clusterIP: '10.43.8.8', ports: [{ name: 'http', port: 8989, targetPort: 'http' }] },
    });
    await waitFor('sonarr route to resolve', () => routeParent(store.get(KEYS.httpRoute, 'media', 'sonarr'))!.conditions.find((c) => c.type === 'ResolvedRefs')?.reason === 'ResolvedRefs');
    // ... and the endpoints controller fills its Endpoints from the sonarr pod, by named port.
    const endpoints = await waitFor('sonarr endpoints', () => store.get(KEYS.endpoints, 'media', 'sonarr'));
    const subsets = endpoints.subsets as { addresses: { ip: string }[]; ports: { port: number }[] }[];
    assert.equal(subsets[0]!.ports[0]!.port, 8989);
    assert.equal(subsets[0]!.addresses.length, 1);
  } finally {
    controllers.stop();
  }
});

test('a gateway without an address is not programmed; a missing certificate secret is an InvalidCertificateRef until cert-manager reissues it', async () => {
  const { store, controllers } = await seededCluster(300);
  try {
    store.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'lonely', namespace: 'network' },
      spec: {
        gatewayClassName: 'cilium',
        infrastructure: { annotations: { 'lbipam.cilium.io/ips': '127.0.99.99' } },
        listeners: [{ name: 'http', protocol: 'HTTP', port: 80 }],
      },
    });
    const programmed = await waitFor('lonely gateway status', () => condition(store.get(KEYS.gateway, 'network', 'lonely'), 'Programmed'));
    assert.deepEqual([programmed.status, programmed.reason], ['False', 'AddressNotAssigned']);
    assert.ok(store.get(KEYS.service, 'network', 'cilium-gateway-lonely'));
    store.delete(KEYS.gateway, 'network', 'lonely');
    await waitFor('generated service removed with its gateway', () => !store.get(KEYS.service, 'network', 'cilium-gateway-lonely'));

    store.delete(KEYS.secret, 'network', 'demo-lab-internal-tls');
    const listenerRefs = (): Condition | undefined =>
      ((store.get(KEYS.gateway, 'network', 'envoy-internal')!.status as { listeners: { name: string; conditions: Condition[] }[] }).listeners.find((l) => l.name === 'https')!.conditions.find((c) => c.type === 'ResolvedRefs'));
    await waitFor('InvalidCertificateRef', () => listenerRefs()?.reason === 'InvalidCertificateRef');
    const certificate = await waitFor('certificate re-issuing', () => {
      const current = store.get(KEYS.certificate, 'network', 'demo-lab-internal-tls');
      return condition(current, 'Issuing')?.status === 'True' ? current : undefined;
    });
    assert.equal(condition(certificate, 'Ready')?.status, 'False');
    await waitFor('certificate Ready again', () => condition(store.get(KEYS.certificate, 'network', 'demo-lab-internal-tls'), 'Ready')?.status === 'True');
    await waitFor('listener resolved again', () => listenerRefs()?.status === 'True');
  } finally {
    controllers.stop();
  }
});

test('cert-manager issues a Certificate after a delay when its issuer is Ready, and waits while the issuer is missing', async () => {
  const { store, controllers } = await seededCluster(150);
  try {
    // grafana-tls is issued by the controller at start (not pre-seeded).
    const grafana = await waitFor('grafana-tls ready', () => {
      const current = store.get(KEYS.certificate, 'monitoring', 'grafana-tls');
      return condition(current, 'Ready')?.status === 'True' ? current : undefined;
    });
    const status = grafana.status as { notBefore: string; notAfter: string; renewalTime: string };
    const lifetime = Date.parse(status.notAfter) - Date.parse(status.notBefore);
    assert.ok(Math.abs(lifetime - 90 * 24 * 3600 * 1000) < 2000, `90 days, got ${lifetime}`);
    assert.ok(Date.parse(status.renewalTime) < Date.parse(status.notAfter));
    const secret = store.get(KEYS.secret, 'monitoring', 'grafana-tls')!;
    assert.equal(secret.type, 'kubernetes.io/tls');
    const pem = Buffer.from((secret.data as Record<string, string>)['tls.crt']!, 'base64').toString();
    const x509 = new X509Certificate(pem);
    assert.match(x509.subjectAltName ?? '', /DNS:grafana\.demo\.lab/);
    assert.ok(Math.abs(Date.parse(x509.validTo) - Date.parse(status.notAfter)) < 2000);

    const certificate = (name: string, issuer: string): KubeObject => ({
      apiVersion: 'cert-manager.io/v1',
      kind: 'Certificate',
      metadata: { name, namespace: 'media' },
      spec: { secretName: name, dnsNames: [`${name}.demo.lab`], issuerRef: { name: issuer, kind: 'ClusterIssuer', group: 'cert-manager.io' } },
    });
    store.create(certificate('later', 'letsencrypt-staging'));
    const issuing = await waitFor('Issuing condition', () => condition(store.get(KEYS.certificate, 'media', 'later'), 'Issuing'));
    assert.equal(issuing.status, 'True');
    assert.equal(condition(store.get(KEYS.certificate, 'media', 'later'), 'Ready')?.reason, 'DoesNotExist');
    await waitFor('Ready after issuance', () => condition(store.get(KEYS.certificate, 'media', 'later'), 'Ready')?.status === 'True');
    const request = store.get(KEYS.certificateRequest, 'media', 'later-1')!;
    assert.equal(condition(request, 'Ready')?.reason, 'Issued');
    const csr = forge.pki.certificationRequestFromPem(Buffer.from((request.spec as { request: string }).request, 'base64').toString());
    assert.ok(csr.verify(), 'the CSR is signed by its own key');
    const extensions = (csr.getAttribute({ name: 'extensionRequest' }) as unknown as { extensions: { name: string; altNames?: { value: string }[] }[] }).extensions;
    assert.deepEqual(extensions.find((extension) => extension.name === 'subjectAltName')?.altNames?.map((name) => name.value), ['later.demo.lab']);

    store.create(certificate('orphan', 'letsencrypt-nope'));
    await waitFor('request pending on the missing issuer', () => condition(store.get(KEYS.certificateRequest, 'media', 'orphan-1'), 'Ready')?.message.includes('not found'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(condition(store.get(KEYS.certificate, 'media', 'orphan'), 'Ready')?.status, 'False');
    assert.equal(store.get(KEYS.secret, 'media', 'orphan'), undefined);
    store.create({
      apiVersion: 'cert-manager.io/v1',
      kind: 'ClusterIssuer',
      metadata: { name: 'letsencrypt-nope' },
      spec: { acme: { server: 'https://acme.invalid/directory', email: 'a@demo.lab', privateKeySecretRef: { name: 'nope' }, solvers: [] } },
    });
    await waitFor('issuer Ready', () => condition(store.get(KEYS.clusterIssuer, undefined, 'letsencrypt-nope'), 'Ready')?.reason === 'ACMEAccountRegistered');
    await waitFor('orphan issued once its issuer exists', () => condition(store.get(KEYS.certificate, 'media', 'orphan'), 'Ready')?.status === 'True');
  } finally {
    controllers.stop();
  }
});

test('workloads and endpoints: scaling, readiness and pod deletion reconcile', async () => {
  const { store, controllers } = await seededCluster();
  try {
    const addresses = (): { ready: string[]; notReady: string[] } => {
      const subsets = (store.get(KEYS.endpoints, 'default', 'echo')!.subsets ?? []) as { addresses?: { ip: string }[]; notReadyAddresses?: { ip: string }[] }[];
      return {
        ready: subsets.flatMap((subset) => (subset.addresses ?? []).map((a) => a.ip)).sort(),
        notReady: subsets.flatMap((subset) => (subset.notReadyAddresses ?? []).map((a) => a.ip)).sort(),
      };
    };
    const echoPods = (): KubeObject[] => store.list(KEYS.pod, { namespace: 'default', labelSelector: 'app.kubernetes.io/name=echo' });
    assert.equal(echoPods().length, 2);
    assert.deepEqual(addresses().ready, echoPods().map((pod) => (pod.status as { podIP: string }).podIP).sort());
    const slice = store.list(KEYS.endpointSlice, { namespace: 'default', labelSelector: 'kubernetes.io/service-name=echo' })[0]!;
    assert.equal((slice.endpoints as unknown[]).length, 2);

    const deployment = store.get(KEYS.deployment, 'default', 'echo')!;
    store.update({ ...deployment, spec: { ...(deployment.spec as object), replicas: 3 } });
    await waitFor('three echo pods', () => echoPods().length === 3);
    await waitFor('deployment status', () => (store.get(KEYS.deployment, 'default', 'echo')!.status as { readyReplicas: number }).readyReplicas === 3);
    await waitFor('three ready endpoints', () => addresses().ready.length === 3);

    const victim = echoPods()[0]!;
    store.updateStatus({
      ...victim,
      status: { ...(victim.status as object), conditions: [{ type: 'Ready', status: 'False', reason: 'ContainersNotReady' }] },
    });
    await waitFor('pod moved to notReadyAddresses', () => addresses().notReady.includes((victim.status as { podIP: string }).podIP));
    assert.equal(addresses().ready.length, 2);

    store.delete(KEYS.pod, 'default', victim.metadata.name);
    await waitFor('replacement pod', () => echoPods().length === 3 && echoPods().every((pod) => condition(pod, 'Ready')?.status === 'True'));
    await waitFor('endpoints back to three ready', () => addresses().ready.length === 3 && addresses().notReady.length === 0);
  } finally {
    controllers.stop();
  }
});

test('L2 announcements: one lease per announced Service, held by a node whose agent is ready; a deleted lease comes back', async () => {
  const { store, controllers } = await seededCluster();
  try {
    const announced = store.list(KEYS.service).filter((service) => ingressIps(service).length > 0);
    assert.ok(announced.length >= 7);
    for (const service of announced) {
      const lease = store.get(KEYS.lease, 'kube-system', `cilium-l2announce-${service.metadata.namespace}-${service.metadata.name}`);
      assert.ok(lease, `lease for ${service.metadata.namespace}/${service.metadata.name}`);
      const holder = (lease.spec as { holderIdentity: string }).holderIdentity;
      assert.ok(['talos-cp-1', 'talos-cp-2', 'talos-cp-3'].includes(holder), `holder ${holder} must have a ready agent`);
      assert.notEqual(holder, FAULTY_CILIUM_NODE);
    }
    assert.equal(store.get(KEYS.lease, 'kube-system', 'cilium-l2announce-home-mosquitto'), undefined, 'a pending service is not announced');
    const name = 'cilium-l2announce-network-k8s-gateway';
    const holder = (store.get(KEYS.lease, 'kube-system', name)!.spec as { holderIdentity: string }).holderIdentity;
    store.delete(KEYS.lease, 'kube-system', name);
    const back = await waitFor('lease recreated', () => store.get(KEYS.lease, 'kube-system', name));
    assert.equal((back.spec as { holderIdentity: string }).holderIdentity, holder, 'stable choice');

    // Nothing keeps writing once the cluster has settled (grafana-tls is the one pending issuance).
    await waitFor('grafana-tls issued', () => condition(store.get(KEYS.certificate, 'monitoring', 'grafana-tls'), 'Ready')?.status === 'True');
    await controllers.whenIdle();
    const before = store.currentResourceVersion();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await controllers.whenIdle();
    assert.equal(store.currentResourceVersion(), before);
  } finally {
    controllers.stop();
  }
});

test('LB-IPAM leaves disabled pools alone', async () => {
  const { store, controllers } = withLbIpam();
  try {
    store.create(pool('off', { blocks: [{ cidr: '127.0.80.0/29' }], disabled: true }));
    store.create(lbService('apps', 'waiting'));
    await controllers.whenIdle();
    assert.equal(condition(store.get(KEYS.service, 'apps', 'waiting'), 'cilium.io/IPAMRequestSatisfied')?.reason, 'no_pool');
    assert.equal(condition(store.get(KEYS.ipPool, undefined, 'off'), 'cilium.io/IPsAvailable')?.message, '0');
    const off = store.get(KEYS.ipPool, undefined, 'off')!;
    store.update({ ...off, spec: { ...(off.spec as object), disabled: false } });
    await waitFor('allocation once enabled', () => ingressIps(store.get(KEYS.service, 'apps', 'waiting'))[0] === '127.0.80.1');
  } finally {
    controllers.stop();
  }
});

test('an empty cluster reacts to the network bootstrap: pool, GatewayClass and Gateway become an addressed, programmed gateway', async () => {
  const store = createMemoryStore();
  seedTopology(store, { scale: 'small', seed: 1, state: 'empty' });
  const controllers = startControllers(store, { certificateIssuanceDelayMs: 50, leaseRenewIntervalMs: 0 });
  try {
    await controllers.whenIdle();
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'network' } });
    store.create(pool('lb', { blocks: [{ start: '127.0.2.60', stop: '127.0.2.69' }] }));
    store.create({
      apiVersion: 'cilium.io/v2alpha1',
      kind: 'CiliumL2AnnouncementPolicy',
      metadata: { name: 'l2' },
      spec: { loadBalancerIPs: true },
    });
    store.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'GatewayClass', metadata: { name: 'cilium' }, spec: { controllerName: 'io.cilium/gateway-controller' } });
    store.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'envoy-internal', namespace: 'network' },
      spec: { gatewayClassName: 'cilium', addresses: [{ type: 'IPAddress', value: '127.0.2.61' }], listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'All' } } }] },
    });
    const gateway = await waitFor('gateway programmed', () => {
      const current = store.get(KEYS.gateway, 'network', 'envoy-internal');
      return condition(current, 'Programmed')?.status === 'True' ? current : undefined;
    });
    assert.deepEqual((gateway.status as { addresses: unknown[] }).addresses, [{ type: 'IPAddress', value: '127.0.2.61' }]);
    const lease = await waitFor('L2 lease', () => store.get(KEYS.lease, 'kube-system', 'cilium-l2announce-network-cilium-gateway-envoy-internal'));
    assert.match((lease.spec as { holderIdentity: string }).holderIdentity, /^talos-/);
  } finally {
    controllers.stop();
  }
});

test('garbage collection and DaemonSets: a deleted Deployment takes its ReplicaSet and pods along; a new node gets an agent', async () => {
  const { store, controllers } = await seededCluster();
  try {
    assert.equal(store.list(KEYS.pod, { namespace: 'media', labelSelector: 'app.kubernetes.io/name=jellyfin' }).length, 1);
    store.delete(KEYS.deployment, 'media', 'jellyfin');
    await waitFor('jellyfin pods gone', () => store.list(KEYS.pod, { namespace: 'media', labelSelector: 'app.kubernetes.io/name=jellyfin' }).length === 0);
    assert.equal(store.list(KEYS.replicaSet, { namespace: 'media', labelSelector: 'app.kubernetes.io/name=jellyfin' }).length, 0);
    await waitFor('jellyfin endpoints emptied', () => (store.get(KEYS.endpoints, 'media', 'jellyfin')!.subsets ?? undefined) === undefined);

    const template = store.get(KEYS.node, undefined, 'talos-worker-1')!;
    store.create({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'talos-worker-2', labels: { 'kubernetes.io/hostname': 'talos-worker-2', 'kubernetes.io/os': 'linux' } },
      spec: { podCIDR: '10.42.8.0/23', podCIDRs: ['10.42.8.0/23'] },
      status: { ...(template.status as object), addresses: [{ type: 'InternalIP', address: '127.0.1.54' }, { type: 'Hostname', address: 'talos-worker-2' }] },
    });
    const agent = await waitFor('agent on the new node', () =>
      store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=cilium' }).find((pod) => (pod.spec as { nodeName: string }).nodeName === 'talos-worker-2'),
    );
    assert.equal((agent.status as { podIP: string }).podIP, '127.0.1.54');
    assert.equal(condition(agent, 'Ready')?.status, 'True');
    await waitFor('DaemonSet counts', () => (store.get(KEYS.daemonSet, 'kube-system', 'cilium')!.status as { desiredNumberScheduled: number }).desiredNumberScheduled === 5);
  } finally {
    controllers.stop();
  }
});

test('ingress-nginx publishes its address on Ingresses, and the ingress-shim issues their certificates', async () => {
  const { store, controllers } = await seededCluster(50);
  try {
    const published = (namespace: string, name: string): string[] =>
      ((store.get(KEYS.ingress, namespace, name)?.status as { loadBalancer?: { ingress?: { ip: string }[] } } | undefined)?.loadBalancer?.ingress ?? []).map((entry) => entry.ip);
    assert.deepEqual(published('monitoring', 'uptime-kuma'), ['127.0.2.13']);
    store.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'public-echo', namespace: 'default', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production' } },
      spec: {
        ingressClassName: 'external',
        tls: [{ hosts: ['public-echo.demo.lab'], secretName: 'public-echo-tls' }],
        rules: [{ host: 'public-echo.demo.lab', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'echo', port: { name: 'http' } } } }] } }],
      },
    });
    await waitFor('external controller address', () => published('default', 'public-echo')[0] === '127.0.2.14');
    const certificate = await waitFor('shim certificate', () => store.get(KEYS.certificate, 'default', 'public-echo-tls'));
    assert.deepEqual((certificate.spec as { dnsNames: string[] }).dnsNames, ['public-echo.demo.lab']);
    assert.equal(certificate.metadata.ownerReferences?.[0]?.kind, 'Ingress');
    await waitFor('issued', () => condition(store.get(KEYS.certificate, 'default', 'public-echo-tls'), 'Ready')?.status === 'True');
    assert.equal(store.get(KEYS.secret, 'default', 'public-echo-tls')?.type, 'kubernetes.io/tls');
    // A tailscale Ingress is another controller's business.
    store.create({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'private', namespace: 'default' },
      spec: { ingressClassName: 'tailscale', rules: [{ host: 'private' }] },
    });
    await controllers.whenIdle();
    assert.deepEqual(published('default', 'private'), []);
  } finally {
    controllers.stop();
  }
});

test('every namespace gets a default ServiceAccount, also one created later', async () => {
  const { store, controllers } = await seededCluster();
  try {
    for (const namespace of store.list(KEYS.namespace)) {
      assert.ok(store.get(KEYS.serviceAccount, namespace.metadata.name, 'default'), `default account in ${namespace.metadata.name}`);
    }
    store.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fresh' } });
    await waitFor('default account in a new namespace', () => store.get(KEYS.serviceAccount, 'fresh', 'default'));
    assert.ok(store.get(KEYS.serviceAccount, 'kube-system', 'cilium'), 'chart-created account of the agent');
  } finally {
    controllers.stop();
  }
});

test('malformed objects do not stop the controllers or the cilium-dbg outputs', async () => {
  const { store, controllers } = await seededCluster(20);
  const warnings: string[] = [];
  const onWarning = (warning: Error): void => {
    warnings.push(warning.message);
  };
  process.on('warning', onWarning);
  try {
    const malformed: KubeObject[] = [
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'bad-ports', namespace: 'default' }, spec: { type: 'LoadBalancer', ports: 'x', selector: 'y' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'null-spec', namespace: 'default' }, spec: null },
      { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool', metadata: { name: 'bad-blocks' }, spec: { blocks: [null, { cidr: 'abc' }, { start: '1.2.3' }], serviceSelector: 5 } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'bad-listeners', namespace: 'network' }, spec: { gatewayClassName: 'cilium', listeners: 'x', addresses: 'y' } },
      { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'bad-route', namespace: 'default' }, spec: { parentRefs: [null, { name: 'envoy-internal', namespace: 'network' }], hostnames: [5], rules: [null, { backendRefs: [null] }] } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bad-deploy', namespace: 'default' }, spec: { replicas: 'two', template: 'x' } },
      { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', metadata: { name: 'bad-cert', namespace: 'default' }, spec: { dnsNames: 'x', issuerRef: 'y' } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'bad-ingress', namespace: 'default', annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt-production' } }, spec: { tls: 'x', ingressClassName: 5 } },
      { apiVersion: 'v1', kind: 'Node', metadata: { name: 'bad-node' }, spec: { podCIDR: 'garbage', taints: 'x' }, status: { addresses: 'x', conditions: 'y' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad-pod', namespace: 'default', labels: { 'app.kubernetes.io/name': 'echo', 'app.kubernetes.io/instance': 'echo' } }, spec: { containers: 'x' }, status: { podIP: 5, conditions: 'x' } },
    ];
    for (const object of malformed) store.create(object);
    await controllers.whenIdle();
    store.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'good', namespace: 'default' }, spec: { type: 'LoadBalancer', clusterIP: '10.43.9.1', selector: { 'app.kubernetes.io/name': 'echo' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    store.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'good', namespace: 'default' }, spec: { parentRefs: [{ name: 'envoy-external', namespace: 'network' }], hostnames: ['good.demo.lab'], rules: [{ backendRefs: [{ name: 'good', port: 80 }] }] } });
    await controllers.whenIdle();
    assert.equal(ingressIps(store.get(KEYS.service, 'default', 'good')).length, 1);
    assert.equal(routeParent(store.get(KEYS.httpRoute, 'default', 'good'))?.conditions.find((c) => c.type === 'Accepted')?.status, 'True');
    assert.ok(store.get(KEYS.lease, 'kube-system', 'cilium-l2announce-default-good'));
    assert.equal(((store.get(KEYS.endpoints, 'default', 'good')!.subsets as { addresses: unknown[] }[])[0]!.addresses).length, 2);
    const { ciliumDbgExecHandler } = await import('../src/cilium-dbg/index.ts');
    const agent = store.list(KEYS.pod, { namespace: 'kube-system', labelSelector: 'k8s-app=cilium' })[0]!;
    for (const command of [['cilium-dbg', 'status', '-o', 'json'], ['cilium-dbg', 'service', 'list'], ['cilium-dbg', 'bpf', 'lb', 'list'], ['cilium-dbg', 'statedb', 'l2-announce']]) {
      assert.equal(ciliumDbgExecHandler({ namespace: 'kube-system', pod: agent.metadata.name, container: 'cilium-agent', command }, store)?.exitCode, 0, command.join(' '));
    }
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', onWarning);
    controllers.stop();
  }
});

test('allowedRoutes from Selector and parentRef port matching', async () => {
  const { store, controllers } = await seededCluster();
  try {
    store.create({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'selective', namespace: 'network' },
      spec: {
        gatewayClassName: 'cilium',
        listeners: [
          { name: 'web', protocol: 'HTTP', port: 8080, allowedRoutes: { namespaces: { from: 'Selector', selector: { matchLabels: { 'gateway-access': 'yes' } } } } },
        ],
      },
    });
    const namespace = store.get(KEYS.namespace, undefined, 'home')!;
    store.update({ ...namespace, metadata: { ...namespace.metadata, labels: { ...namespace.metadata.labels, 'gateway-access': 'yes' } } });
    const route = (name: string, ns: string, parentRef: Record<string, unknown>): KubeObject => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name, namespace: ns },
      spec: { parentRefs: [{ name: 'selective', namespace: 'network', ...parentRef }], rules: [] },
    });
    store.create(route('labelled', 'home', {}));
    store.create(route('unlabelled', 'media', {}));
    store.create(route('right-port', 'home', { port: 8080 }));
    store.create(route('wrong-port', 'home', { port: 9090 }));
    await controllers.whenIdle();
    const accepted = (ns: string, name: string): string | undefined =>
      routeParent(store.get(KEYS.httpRoute, ns, name))?.conditions.find((c) => c.type === 'Accepted')?.reason;
    assert.equal(accepted('home', 'labelled'), 'Accepted');
    assert.equal(accepted('media', 'unlabelled'), 'NotAllowedByListeners');
    assert.equal(accepted('home', 'right-port'), 'Accepted');
    assert.equal(accepted('home', 'wrong-port'), 'NoMatchingParent');
    const listener = (store.get(KEYS.gateway, 'network', 'selective')!.status as { listeners: { attachedRoutes: number }[] }).listeners[0]!;
    assert.equal(listener.attachedRoutes, 2);

    // Labelling the other namespace lets its route in.
    const media = store.get(KEYS.namespace, undefined, 'media')!;
    store.update({ ...media, metadata: { ...media.metadata, labels: { ...media.metadata.labels, 'gateway-access': 'yes' } } });
    await waitFor('route admitted after the namespace label', () => accepted('media', 'unlabelled') === 'Accepted');
  } finally {
    controllers.stop();
  }
});

test('L2 leases are renewed once per interval, spread over it, without moving', async () => {
  const store = createMemoryStore();
  seedTopology(store, { scale: 'small', seed: 1, state: 'seeded' });
  const controllers = startControllers(store, { certificateIssuanceDelayMs: 10, leaseRenewIntervalMs: 250 });
  try {
    await controllers.whenIdle();
    const leases = (): KubeObject[] => store.list(KEYS.lease, { namespace: 'kube-system' }).filter((lease) => lease.metadata.name.startsWith('cilium-l2announce-'));
    const before = new Map(leases().map((lease) => [lease.metadata.name, lease.spec as { holderIdentity: string; renewTime: string }]));
    assert.ok(before.size >= 7);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const lease of leases()) {
      const spec = lease.spec as { holderIdentity: string; renewTime: string; leaseDurationSeconds: number };
      const previous = before.get(lease.metadata.name)!;
      assert.equal(spec.holderIdentity, previous.holderIdentity);
      assert.ok(Date.parse(spec.renewTime) > Date.parse(previous.renewTime), `${lease.metadata.name} renewed`);
      assert.equal(spec.leaseDurationSeconds, 15);
    }
  } finally {
    controllers.stop();
  }
});

test('a pod created Pending (as through the API) is scheduled and started; one no node can take stays Pending', async () => {
  const { store, controllers } = await seededCluster();
  try {
    store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'test-pod', namespace: 'default', labels: { run: 'test-pod' } },
      spec: { containers: [{ name: 'test-pod', image: 'busybox' }] },
      status: { phase: 'Pending', qosClass: 'BestEffort' },
    });
    const running = await waitFor('pod running', () => {
      const pod = store.get(KEYS.pod, 'default', 'test-pod');
      return (pod?.status as { phase?: string } | undefined)?.phase === 'Running' ? pod : undefined;
    });
    const nodeName = (running.spec as { nodeName: string }).nodeName;
    assert.match(nodeName, /^talos-/);
    const podIp = (running.status as { podIP: string }).podIP;
    assert.match(podIp, /^10\.42\.\d+\.\d+$/);
    const others = store.list(KEYS.pod).filter((pod) => pod.metadata.name !== 'test-pod').map((pod) => (pod.status as { podIP?: string }).podIP);
    assert.ok(!others.includes(podIp), 'a fresh pod IP');
    assert.equal(condition(running, 'Ready')?.status, 'True');

    store.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'picky', namespace: 'default' },
      spec: { nodeSelector: { disktype: 'ssd' }, containers: [{ name: 'c', image: 'busybox' }] },
      status: { phase: 'Pending' },
    });
    const scheduled = await waitFor('unschedulable condition', () => condition(store.get(KEYS.pod, 'default', 'picky'), 'PodScheduled'));
    assert.deepEqual([scheduled.status, scheduled.reason], ['False', 'Unschedulable']);
    assert.equal((store.get(KEYS.pod, 'default', 'picky')!.status as { phase: string }).phase, 'Pending');
  } finally {
    controllers.stop();
  }
});
