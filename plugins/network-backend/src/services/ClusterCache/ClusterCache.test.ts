import { KubernetesApiError } from '../KubernetesClient/KubernetesClient';
import { cacheWithObjects, FakeKubernetesApi } from '../../testing/FakeKubernetesApi';
import { ClusterCache } from './ClusterCache';
import { backoffDelayMs } from './backoffDelay';

const ROUTES = '/apis/gateway.networking.k8s.io/v1/httproutes';
const route = (name: string, hostnames: string[], resourceVersion = '1') => ({
  metadata: { name, namespace: 'apps', resourceVersion, labels: { app: name } },
  spec: { hostnames, parentRefs: [{ name: 'gw', namespace: 'network' }], rules: [{ backendRefs: [{ name, port: 80 }] }] },
});

async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise(resolve => setTimeout(resolve, 2));
  }
}

describe('ClusterCache', () => {
  const stopAll: ClusterCache[] = [];
  afterEach(() => stopAll.splice(0).forEach(cache => cache.stop()));

  it('lists, indexes and follows watch events (ADDED, MODIFIED, DELETED, BOOKMARK)', async () => {
    const { cache, api } = await cacheWithObjects({ HTTPRoute: [route('a', ['A.example.com'])] });
    stopAll.push(cache);
    await until(() => api.openWatches(ROUTES) === 1);
    expect(api.watchCalls.find(call => call.path === ROUTES)!.resourceVersion).toBe('100');
    expect(cache.byIndex('HTTPRoute', 'hostname', 'a.example.com').map(r => r.metadata.name)).toEqual(['a']);
    expect(cache.byIndex('HTTPRoute', 'backendService', 'apps/a')).toHaveLength(1);
    expect(cache.byIndex('HTTPRoute', 'parentGateway', 'network/gw')).toHaveLength(1);

    api.emit(ROUTES, { type: 'ADDED', object: route('b', ['b.example.com'], '101') });
    api.emit(ROUTES, { type: 'MODIFIED', object: route('a', ['renamed.example.com'], '102') });
    expect(cache.byIndex('HTTPRoute', 'hostname', 'a.example.com')).toEqual([]);
    expect(cache.byIndex('HTTPRoute', 'hostname', 'renamed.example.com')).toHaveLength(1);
    api.emit(ROUTES, { type: 'DELETED', object: route('b', ['b.example.com'], '103') });
    expect(cache.count('HTTPRoute')).toBe(1);
    api.emit(ROUTES, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '150' } } });

    // A normal end of the stream (server timeout) continues from the last version seen.
    api.closeWatches(ROUTES);
    await until(() => api.openWatches(ROUTES) === 1);
    expect(api.watchCalls.filter(call => call.path === ROUTES).pop()!.resourceVersion).toBe('150');
    expect(api.listCalls.filter(path => path === ROUTES)).toHaveLength(1);
  });

  it('re-lists when the watch reports 410 Gone', async () => {
    const { cache, api } = await cacheWithObjects({ HTTPRoute: [route('a', ['a.example.com'])] });
    stopAll.push(cache);
    await until(() => api.openWatches(ROUTES) === 1);
    api.objects.set(ROUTES, [route('fresh', ['fresh.example.com'])]);
    api.emit(ROUTES, { type: 'ERROR', object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' } });
    await until(() => api.listCalls.filter(path => path === ROUTES).length === 2 && cache.count('HTTPRoute') === 1 && Boolean(cache.get('HTTPRoute', 'apps', 'fresh')));
    expect(cache.get('HTTPRoute', 'apps', 'a')).toBeUndefined();
    expect(cache.health().kinds.find(kind => kind.kind === 'HTTPRoute')!.state).toBe('synced');
  });

  it('retries a failed list with backoff and then watches', async () => {
    const api = new FakeKubernetesApi().serve('v1', 'namespaces', '/api/v1/namespaces', [{ metadata: { name: 'default' } }]);
    api.failNextList('/api/v1/namespaces', new KubernetesApiError('GET /api/v1/namespaces: HTTP 500', 500));
    const cache = new ClusterCache({ cluster: 'c', client: api, logger: { info() {}, warn() {} } as any, backoffBaseMs: 1, backoffMaxMs: 5 });
    stopAll.push(cache);
    cache.start();
    await cache.whenSynced();
    expect(api.listCalls).toEqual(['/api/v1/namespaces', '/api/v1/namespaces']);
    expect(cache.health().kinds.find(kind => kind.kind === 'Namespace')).toMatchObject({ state: 'synced', objects: 1 });
  });

  it('keeps serving after a watch error, marks the cluster stale, then recovers', async () => {
    const { cache, api } = await cacheWithObjects({ HTTPRoute: [route('a', ['a.example.com'])] });
    stopAll.push(cache);
    await until(() => api.openWatches(ROUTES) === 1);
    api.emit(ROUTES, { type: 'ERROR', object: { code: 500, message: 'internal' } });
    // Between the error and the next watch the kind is not watching: stale, data kept.
    expect(cache.health().stale).toBe(true);
    expect(cache.isStale()).toBe(true);
    expect(cache.count('HTTPRoute')).toBe(1);
    await until(() => api.openWatches(ROUTES) === 1);
    await until(() => !cache.health().stale);
    expect(cache.isStale()).toBe(false);
    expect(cache.health().state).toBe('synced');
  });

  it('stores lease renewals without counting them as changes; a new holder counts', async () => {
    const lease = (holder: string, renewTime: string) => ({
      metadata: { name: 'cilium-l2announce-apps-web', namespace: 'kube-system', resourceVersion: renewTime },
      spec: { holderIdentity: holder, renewTime },
    });
    const { cache, api } = await cacheWithObjects({ Lease: [lease('node-1', '1')] });
    stopAll.push(cache);
    const path = '/apis/coordination.k8s.io/v1/namespaces/kube-system/leases';
    await until(() => api.openWatches(path) === 1);
    const before = cache.generation();
    api.emit(path, { type: 'MODIFIED', object: lease('node-1', '2') });
    expect(cache.get('Lease', 'kube-system', 'cilium-l2announce-apps-web').spec.renewTime).toBe('2');
    expect(cache.generation()).toBe(before);
    api.emit(path, { type: 'MODIFIED', object: lease('node-2', '3') });
    expect(cache.generation()).toBe(before + 1);
  });

  it('reports kinds the cluster does not serve as absent, not as errors', async () => {
    const { cache } = await cacheWithObjects({ Service: [], Ingress: [], IngressClass: [] });
    stopAll.push(cache);
    const health = cache.health();
    const state = (kind: string) => health.kinds.find(entry => entry.kind === kind)!.state;
    expect(state('Gateway')).toBe('absent');
    expect(state('CiliumLoadBalancerIPPool')).toBe('absent');
    expect(state('Ingress')).toBe('synced');
    expect(health.state).toBe('synced');
    expect(cache.isAbsent('HTTPRoute')).toBe(true);
    expect(cache.list('HTTPRoute')).toEqual([]);
  });

  it('prefers CiliumLoadBalancerIPPool v2 and falls back to v2alpha1', async () => {
    const api = new FakeKubernetesApi().serve('cilium.io/v2alpha1', 'ciliumloadbalancerippools', '/apis/cilium.io/v2alpha1/ciliumloadbalancerippools', [
      { metadata: { name: 'old' }, spec: { cidrs: [{ cidr: '10.0.0.0/30' }] } },
    ]);
    const cache = new ClusterCache({ cluster: 'c', client: api, logger: { info() {}, warn() {} } as any, backoffBaseMs: 1 });
    stopAll.push(cache);
    cache.start();
    await cache.whenSynced();
    expect(cache.versionOf('CiliumLoadBalancerIPPool')).toBe('v2alpha1');
    expect(cache.list('CiliumLoadBalancerIPPool')).toHaveLength(1);
  });

  it('is unreachable until discovery answers, then syncs', async () => {
    const api = new FakeKubernetesApi().serve('v1', 'namespaces', '/api/v1/namespaces', [{ metadata: { name: 'default' } }]);
    api.unreachable = true;
    const cache = new ClusterCache({ cluster: 'c', client: api, logger: { info() {}, warn() {} } as any, backoffBaseMs: 1, backoffMaxMs: 5 });
    stopAll.push(cache);
    cache.start();
    await new Promise(resolve => setTimeout(resolve, 20));
    expect(cache.health()).toMatchObject({ state: 'unreachable', stale: true });
    expect(cache.isStale()).toBe(true);
    expect(cache.health().error).toContain('ECONNREFUSED');
    api.unreachable = false;
    await cache.whenSynced();
    expect(cache.get('Namespace', undefined, 'default')).toBeDefined();
  });

  it('drops managedFields and trims pods to the fields the portal reads', async () => {
    const { cache } = await cacheWithObjects({
      Service: [{ metadata: { name: 's', namespace: 'n', managedFields: [{ manager: 'kubectl' }] }, spec: {} }],
      Pod: [{ metadata: { name: 'p', namespace: 'n', labels: { a: 'b' }, managedFields: [{}] }, spec: { nodeName: 'node-1', volumes: [{ name: 'v' }], containers: [{ name: 'c', image: 'x', env: [{ name: 'SECRET', value: 'x' }] }] }, status: { phase: 'Running' } }],
    });
    stopAll.push(cache);
    expect(cache.get('Service', 'n', 's').metadata.managedFields).toBeUndefined();
    const pod = cache.get('Pod', 'n', 'p');
    expect(pod.spec).toEqual({ nodeName: 'node-1', containers: [{ name: 'c', ports: undefined }] });
    expect(cache.byIndex('Pod', 'label', 'a=b')).toHaveLength(1);
    expect(cache.byIndex('Pod', 'node', 'node-1')).toHaveLength(1);
  });
});

describe('backoffDelayMs', () => {
  it.each([
    [1, 0, 250],
    [1, 1, 500],
    [3, 0, 1000],
    [3, 1, 2000],
    [20, 1, 30_000],
    [20, 0, 15_000],
  ])('failures=%i random=%d -> %i ms', (failures, random, expected) => {
    expect(backoffDelayMs(failures, 500, 30_000, () => random)).toBe(expected);
  });
});
