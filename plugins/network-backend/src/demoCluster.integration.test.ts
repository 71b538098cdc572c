import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { RequestPath } from '@internal/plugin-network-common';
import { ClusterRegistry } from './services/ClusterRegistry/ClusterRegistry';
import { NetworkClusters } from './services/NetworkClusters/NetworkClusters';
import { DnsProbe } from './services/DnsProbe/DnsProbe';
import { RequestPathResolver } from './services/RequestPathResolver/RequestPathResolver';
import { ClusterOverviewBuilder } from './services/ClusterOverviewBuilder/ClusterOverviewBuilder';
import { DemoClusterProcess, postJson, startDemoClusterProcess } from './testing/demoClusterProcess';

jest.setTimeout(120_000);

function component(name: string, annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
  };
}

const byId = (name: string) => component(name, { 'backstage.io/kubernetes-id': name });

function hop(path: RequestPath, kind: string) {
  return path.paths[0]?.hops.find(candidate => candidate.kind === kind);
}

function failing(path: RequestPath) {
  if (!path.failingHop) return undefined;
  return path.paths[path.failingHop.pathIndex].hops.find(candidate => candidate.id === path.failingHop!.hopId);
}

describe('against the demo cluster', () => {
  let demo: DemoClusterProcess;
  let clusters: NetworkClusters;
  let resolver: RequestPathResolver;
  let overviews: ClusterOverviewBuilder;
  const changes: string[] = [];

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData },
            ],
          },
        ],
      },
      network: { clusters: { demo: { dns: { internal: demo.endpoints.dns } } } },
    });
    clusters = new NetworkClusters({
      registry: ClusterRegistry.fromConfig(config),
      logger: mockServices.logger.mock(),
      onChange: (_cluster, kind) => changes.push(kind),
    });
    clusters.start();
    await clusters.whenSynced();
    // Controllers finish their first pass shortly after start (grafana-tls issues ~1.5 s in).
    await new Promise(resolve => setTimeout(resolve, 2000));
    const dns = new DnsProbe({ timeoutMs: 2000 });
    resolver = new RequestPathResolver({ clusters, dns });
    overviews = new ClusterOverviewBuilder({ clusters, dns });
  });

  afterAll(async () => {
    clusters?.stop();
    await demo?.stop();
  });

  it('syncs every kind the demo serves and reports the cluster healthy', () => {
    const summary = clusters.summary('demo')!;
    expect(summary.health).toBe('healthy');
    const kinds = Object.fromEntries(summary.kinds.map(kind => [kind.kind, kind]));
    expect(kinds['gateway.networking.k8s.io/HTTPRoute'].state).toBe('synced');
    expect(kinds['gateway.networking.k8s.io/HTTPRoute'].count).toBe(7);
    expect(kinds['cilium.io/CiliumLoadBalancerIPPool']).toMatchObject({ state: 'synced', count: 3 });
    expect(clusters.cache('demo')!.versionOf('CiliumLoadBalancerIPPool')).toBe('v2');
    expect(kinds.Pod.count).toBeGreaterThan(10);
  });

  it('shows a healthy path for jellyfin: DNS answers the gateway address, every hop ok', async () => {
    const path = await resolver.resolve(byId('jellyfin'));
    expect(path.cluster).toBe('demo');
    expect(path.namespace).toBe('media');
    expect(path.workload).toEqual({ kind: 'Deployment', name: 'jellyfin' });
    expect(path.paths.map(p => p.hostname)).toEqual(['jellyfin.demo.lab']);
    expect(path.paths[0].hops.map(h => h.kind)).toEqual([
      'hostname', 'dns-internal', 'loadbalancer-ip', 'gateway-listener', 'route', 'service', 'endpoints', 'pods',
    ]);
    expect(hop(path, 'dns-internal')).toMatchObject({ state: 'ok', message: 'jellyfin.demo.lab -> 127.0.2.11' });
    expect(hop(path, 'loadbalancer-ip')!.evidence.fields.pool).toBe('main-pool');
    expect(hop(path, 'loadbalancer-ip')!.evidence.fields['lease.holderIdentity']).toMatch(/^talos-/);
    expect(path.paths[0].hops.every(h => h.state === 'ok')).toBe(true);
    expect(path.beside.find(h => h.id === 'policy:dns-egress')).toMatchObject({ state: 'ok' });
    const gatewayPolicy = path.beside.find(h => h.id.startsWith('policy:ingress:gateway network/envoy-internal'));
    expect(gatewayPolicy).toMatchObject({ state: 'ok' });
    expect(gatewayPolicy!.message).toBe('allowed by jellyfin-allow-gateway');
    expect(gatewayPolicy!.evidence.objects).toContainEqual(expect.objectContaining({ kind: 'NetworkPolicy', namespace: 'media', name: 'jellyfin-allow-gateway' }));
    expect(path.state).toBe('ok');
    expect(path.failingHop).toBeUndefined();
    expect(path.missing).toEqual(['dns-external']);
  });

  it('route-backend-not-found: sonarr fails at the route with BackendNotFound', async () => {
    const path = await resolver.resolve(byId('sonarr'));
    expect(path.state).toBe('failing');
    expect(failing(path)).toMatchObject({ kind: 'route', id: 'route:media/sonarr', reason: 'BackendNotFound' });
    expect(failing(path)!.fixHint).toBeTruthy();
    expect(hop(path, 'service')).toMatchObject({ state: 'failing', reason: 'BackendNotFound' });
  });

  it('route-no-matching-listener-hostname: wiki fails at the route with NoMatchingListenerHostname', async () => {
    const path = await resolver.resolve(byId('wiki'));
    expect(path.paths[0].hostname).toBe('wiki.legacy.lab');
    expect(failing(path)).toMatchObject({ kind: 'route', id: 'route:default/wiki', reason: 'NoMatchingListenerHostname' });
    expect(hop(path, 'gateway-listener')).toMatchObject({ state: 'warning', reason: 'NoMatchingListenerHostname' });
  });

  it('the routes page lists the two failing routes first, and the overview counts them', async () => {
    const failingFirst = await overviews.routes('demo', { limit: 2 });
    expect(failingFirst.items.map(route => `${route.namespace}/${route.name}`).sort()).toEqual(['default/wiki', 'media/sonarr']);
    expect((await overviews.overview('demo')).routeCounts).toMatchObject({ failing: 2, total: failingFirst.total });
    const claimed = await overviews.routes('demo', { hostname: 'JELLYFIN.demo.lab' });
    expect(claimed.items.map(route => route.name)).toEqual(['jellyfin']);
  });

  it('certificate-expiring: home-assistant shows its certificate renewing with days left', async () => {
    const path = await resolver.resolve(byId('home-assistant'));
    const certificate = path.beside.find(h => h.kind === 'certificate');
    expect(certificate).toMatchObject({ state: 'warning', reason: 'Renewing' });
    expect(certificate!.evidence.objects[0]).toMatchObject({ namespace: 'home', name: 'home-assistant-tls' });
    expect(certificate!.evidence.fields.daysLeft).toBeLessThanOrEqual(5);
    expect(path.paths[0].hops.every(h => h.state === 'ok')).toBe(true);
    // CiliumNetworkPolicy lets the gateway (entity ingress) reach port 8123.
    expect(path.beside.find(h => h.id === 'policy:ingress:gateway network/envoy-internal:8123')).toMatchObject({ state: 'ok' });
  });

  it('lb-pool-exhausted: mosquitto fails at the LoadBalancer IP with out_of_ips', async () => {
    const path = await resolver.resolve(byId('mosquitto'));
    expect(failing(path)).toMatchObject({ kind: 'loadbalancer-ip', reason: 'out_of_ips' });
    expect(failing(path)!.evidence.fields.candidatePools).toBe('home-iot-pool');
    const pools = (await overviews.pools('demo')).items;
    const homeIot = pools.find(pool => pool.name === 'home-iot-pool')!;
    expect(homeIot).toMatchObject({ total: 1, used: 1, free: 0 });
    expect(homeIot.allocations).toEqual([{ ip: '127.0.4.1', service: { namespace: 'home', name: 'matter-server' } }]);
  });

  it('serves uptime-kuma through its Ingress class', async () => {
    const path = await resolver.resolve(byId('uptime-kuma'));
    expect(path.paths[0].hops.map(h => h.kind)).toEqual([
      'hostname', 'dns-internal', 'loadbalancer-ip', 'ingress', 'service', 'endpoints', 'pods',
    ]);
    expect(hop(path, 'ingress')).toMatchObject({ state: 'ok' });
  });

  it('namespace-without-default-deny and cilium-agent-not-ready show in the overview', async () => {
    const overview = await overviews.overview('demo');
    expect(overview.namespacesWithoutDefaultDeny).toContain('default');
    expect(overview.namespacesWithoutDefaultDeny).not.toContain('media');
    expect(overview.namespacesWithoutDefaultDeny).not.toContain('home');
    const worker = overview.cilium.agents.find(agent => agent.node === 'talos-worker-1')!;
    expect(worker.ready).toBe(false);
    expect(overview.cilium.agents.filter(agent => agent.ready)).toHaveLength(3);
    expect(overview.cilium.kubeProxyReplacement).toBe('true');
    expect(overview.certificates.find(c => c.name === 'home-assistant-tls')!.daysLeft).toBeLessThanOrEqual(5);
    expect(overview.gateways.map(g => g.name).sort()).toEqual(['envoy-external', 'envoy-internal']);
    expect(overview.dns.find(record => record.hostname === 'jellyfin.demo.lab')).toMatchObject({ state: 'match', answered: ['127.0.2.11'] });
    expect(overview.l2Leases.find(lease => lease.service.name === 'cilium-gateway-envoy-internal')).toMatchObject({ expired: false });
    expect(overview.missing).toContain('dns-external');
  });

  it('follows changes through the watch: a new route appears in the cache', async () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'watch-test', namespace: 'media', labels: { 'backstage.io/kubernetes-id': 'jellyfin' } },
      spec: { hostnames: ['watch-test.demo.lab'], parentRefs: [{ name: 'envoy-internal', namespace: 'network' }], rules: [{ backendRefs: [{ name: 'jellyfin', port: 8096 }] }] },
    };
    await postJson(demo, '/apis/gateway.networking.k8s.io/v1/namespaces/media/httproutes', route);
    const cache = clusters.cache('demo')!;
    const deadline = Date.now() + 10_000;
    while (!cache.get('HTTPRoute', 'media', 'watch-test') && Date.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    expect(cache.byIndex('HTTPRoute', 'hostname', 'watch-test.demo.lab')).toHaveLength(1);
    expect(changes).toContain('HTTPRoute');
    const path = await resolver.resolve(byId('jellyfin'));
    expect(path.paths.map(p => p.hostname).sort()).toEqual(['jellyfin.demo.lab', 'watch-test.demo.lab']);
  });
});
