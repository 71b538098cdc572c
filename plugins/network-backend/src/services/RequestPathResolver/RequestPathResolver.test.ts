import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { cacheWithObjects, FakeKubernetesApi, ObjectsByKind } from '../../testing/FakeKubernetesApi';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { ClusterRegistry } from '../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../DnsProbe/DnsProbe';
import { NetworkClusters } from '../NetworkClusters/NetworkClusters';
import { RequestPathResolver } from './RequestPathResolver';

const NOW = Date.parse('2026-11-22T12:00:00Z');

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'shop', namespace: 'default', annotations },
  spec: {},
});

const labels = { app: 'shop', 'backstage.io/kubernetes-id': 'shop' };
const pod = (name: string, ready: boolean) => ({
  metadata: { name, namespace: 'shop', labels },
  spec: { nodeName: 'n1', containers: [{ name: 'web', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', reason: ready ? undefined : 'ContainersNotReady' }] },
});
const service = {
  metadata: { name: 'shop', namespace: 'shop', labels },
  spec: { type: 'ClusterIP', selector: { app: 'shop' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] },
};
const slice = (readiness: boolean[]) => ({
  metadata: { name: 'shop-abc', namespace: 'shop', labels: { 'kubernetes.io/service-name': 'shop' } },
  endpoints: readiness.map((ready, index) => ({ addresses: [`10.42.0.${index + 1}`], conditions: { ready } })),
});
const ingressController = {
  metadata: { name: 'ingress-nginx-controller', namespace: 'ingress', labels: {} },
  spec: { type: 'LoadBalancer', selector: { 'app.kubernetes.io/name': 'ingress-nginx' }, ports: [{ port: 443 }] },
  status: { loadBalancer: { ingress: [{ ip: '192.168.1.60' }] } },
};
const ingress = {
  metadata: { name: 'shop', namespace: 'shop' },
  spec: { ingressClassName: 'nginx', rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', backend: { service: { name: 'shop', port: { number: 80 } } } }] } }] },
  status: { loadBalancer: { ingress: [{ ip: '192.168.1.60' }] } },
};

async function resolverFor(objects: ObjectsByKind, alsoServed: string[] = [], now = () => NOW): Promise<{ resolver: RequestPathResolver; cache: ClusterCache; api: FakeKubernetesApi }> {
  const { cache, api } = await cacheWithObjects(objects, alsoServed);
  const clusters = new NetworkClusters({
    registry: ClusterRegistry.fromConfig(
      new ConfigReader({ kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'test', url: 'https://127.0.0.1:1' }] }] } }),
    ),
    logger: mockServices.logger.mock(),
    createCache: () => cache,
  });
  return { resolver: new RequestPathResolver({ clusters, dns: new DnsProbe(), now }), cache, api };
}

describe('RequestPathResolver', () => {
  const caches: ClusterCache[] = [];
  afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

  it('builds an ingress-nginx path on a cluster without Gateway API or Cilium, and lists what it could not check', async () => {
    const { resolver, cache } = await resolverFor({
      Namespace: [{ metadata: { name: 'shop' } }],
      Pod: [pod('shop-1', true), pod('shop-2', false)],
      Service: [service, ingressController],
      EndpointSlice: [slice([true, false])],
      Ingress: [ingress],
      IngressClass: [{ metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }],
    });
    caches.push(cache);
    const path = await resolver.resolve(entity({ 'backstage.io/kubernetes-id': 'shop' }));
    expect(path.cluster).toBe('test');
    expect(path.namespace).toBe('shop');
    expect(path.paths).toHaveLength(1);
    const hops = path.paths[0].hops;
    expect(hops.map(hop => `${hop.kind}:${hop.state}`)).toEqual([
      'hostname:ok', 'loadbalancer-ip:ok', 'ingress:ok', 'service:ok', 'endpoints:warning', 'pods:warning',
    ]);
    expect(hops[4]).toMatchObject({ reason: 'SomeEndpointsNotReady', message: '1 of 2 endpoints ready' });
    expect(hops[5]).toMatchObject({ reason: 'ContainersNotReady' });
    expect(hops[5].fixHint).toBeTruthy();
    expect(path.state).toBe('warning');
    expect(path.failingHop).toBeUndefined();
    expect(path.missing).toEqual(expect.arrayContaining([
      'gateway.networking.k8s.io/Gateway', 'gateway.networking.k8s.io/HTTPRoute', 'cilium.io/CiliumLoadBalancerIPPool',
      'cert-manager.io/Certificate', 'dns-internal', 'dns-external',
    ]));
    expect(path.missing).not.toContain('Pod');
  });

  it('points failingHop beside the paths when only the certificate fails', async () => {
    const certificate = {
      metadata: { name: 'shop-tls', namespace: 'shop' },
      spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
      status: { conditions: [{ type: 'Ready', status: 'False', reason: 'Failed', message: 'ACME order failed' }] },
    };
    const { resolver, cache } = await resolverFor({
      Pod: [pod('shop-1', true)], Service: [service, ingressController], EndpointSlice: [slice([true])],
      Ingress: [{ ...ingress, spec: { ...ingress.spec, tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }] } }],
      IngressClass: [{ metadata: { name: 'nginx' }, spec: { controller: 'k8s.io/ingress-nginx' } }],
      Certificate: [certificate],
    });
    caches.push(cache);
    const path = await resolver.resolve(entity({ 'backstage.io/kubernetes-id': 'shop' }));
    expect(path.paths[0].hops.every(hop => hop.state !== 'failing')).toBe(true);
    const failing = path.beside.find(hop => hop.state === 'failing');
    expect(failing).toMatchObject({ kind: 'certificate' });
    expect(path.failingHop).toEqual({ pathIndex: -1, hopId: failing!.id });
    expect(path.state).toBe('failing');
  });

  it('fails the ingress hop when the IngressClass does not exist', async () => {
    const { resolver, cache } = await resolverFor({
      Pod: [pod('shop-1', true)], Service: [service], EndpointSlice: [slice([true])],
      Ingress: [{ ...ingress, status: {} }], IngressClass: [],
    });
    caches.push(cache);
    const path = await resolver.resolve(entity({ 'backstage.io/kubernetes-id': 'shop' }));
    expect(path.failingHop).toEqual({ pathIndex: 0, hopId: 'ingress:shop/shop' });
    expect(path.paths[0].hops.find(hop => hop.kind === 'ingress')).toMatchObject({ state: 'failing', reason: 'IngressClassNotFound' });
  });

  it('follows Gateway API: a backendRef port the Service lacks fails the service hop; a missing route status is unknown', async () => {
    const gateway = {
      metadata: { name: 'gw', namespace: 'network' },
      spec: { gatewayClassName: 'cilium', listeners: [{ name: 'https', hostname: '*.example.com', port: 443, protocol: 'HTTPS', allowedRoutes: { namespaces: { from: 'All' } } }] },
      status: { addresses: [{ type: 'IPAddress', value: '192.168.1.70' }], conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted' }, { type: 'Programmed', status: 'True', reason: 'Programmed' }] },
    };
    const route = {
      metadata: { name: 'shop', namespace: 'shop', labels },
      spec: { hostnames: ['shop.example.com'], parentRefs: [{ name: 'gw', namespace: 'network' }], rules: [{ backendRefs: [{ name: 'shop', port: 8080 }] }] },
    };
    const { resolver, cache } = await resolverFor({ Pod: [pod('shop-1', true)], Service: [service], EndpointSlice: [slice([true])], Gateway: [gateway], HTTPRoute: [route] });
    caches.push(cache);
    const path = await resolver.resolve(entity({ 'backstage.io/kubernetes-label-selector': 'app=shop', 'backstage.io/kubernetes-namespace': 'shop' }));
    const hops = path.paths[0].hops;
    expect(hops.map(hop => `${hop.kind}:${hop.state}`)).toEqual(['hostname:ok', 'gateway-listener:ok', 'route:unknown', 'service:failing']);
    expect(hops[2]).toMatchObject({ reason: 'NoStatus' });
    expect(hops[3]).toMatchObject({ reason: 'PortNotFound', message: 'Service shop/shop has no port 8080' });
    expect(path.failingHop).toEqual({ pathIndex: 0, hopId: 'service:shop/shop' });
    // HTTPS listener, no cert-manager in this cluster: the certificate is reported as not found.
    expect(path.beside.find(hop => hop.kind === 'certificate')).toMatchObject({ state: 'warning', reason: 'NoCertificate' });
  });

  it('reuses an answer while the cache is unchanged, and recomputes after a change or after reuseForMs', async () => {
    let now = NOW;
    const { resolver, cache, api } = await resolverFor(
      { Pod: [pod('shop-1', true)], Service: [service], EndpointSlice: [slice([true])], Ingress: [ingress], IngressClass: [{ metadata: { name: 'nginx' }, spec: { controller: 'x' } }] },
      [],
      () => now,
    );
    caches.push(cache);
    const shop = entity({ 'backstage.io/kubernetes-id': 'shop' });
    const first = await resolver.resolve(shop);
    expect(await resolver.resolve(shop)).toBe(first);
    api.emit('/api/v1/pods', { type: 'ADDED', object: pod('shop-2', false) });
    const second = await resolver.resolve(shop);
    expect(second).not.toBe(first);
    expect(second.paths[0].hops.find(hop => hop.kind === 'pods')).toMatchObject({ state: 'warning' });
    expect(await resolver.resolve(shop)).toBe(second);
    now += 2001;
    expect(await resolver.resolve(shop)).not.toBe(second);
  });

  it('rejects an entity without Kubernetes annotations, and a malformed label selector', async () => {
    const { resolver, cache } = await resolverFor({ Pod: [] });
    caches.push(cache);
    await expect(resolver.resolve(entity({}))).rejects.toBeInstanceOf(InputError);
    await expect(resolver.resolve(entity({ 'backstage.io/kubernetes-label-selector': 'app in (' }))).rejects.toThrow(/malformed/);
  });

  it('answers an empty, unknown path when the workload has nothing in the cluster', async () => {
    const { resolver, cache } = await resolverFor({ Pod: [], Service: [] });
    caches.push(cache);
    const path = await resolver.resolve(entity({ 'backstage.io/kubernetes-id': 'ghost' }));
    expect(path).toMatchObject({ paths: [], beside: [], state: 'unknown', namespace: '' });
  });
});
