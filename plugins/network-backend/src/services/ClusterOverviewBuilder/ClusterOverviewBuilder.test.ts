import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { cacheWithObjects } from '../../testing/FakeKubernetesApi';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { ClusterRegistry } from '../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../DnsProbe/DnsProbe';
import { NetworkClusters } from '../NetworkClusters/NetworkClusters';
import { ClusterOverviewBuilder } from './ClusterOverviewBuilder';
import { namespacesWithoutDefaultDeny } from './policyCoverage';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const pool = (name: string, created: string, blocks: any[], selector?: any) => ({
  metadata: { name, creationTimestamp: created },
  spec: { blocks, serviceSelector: selector },
});
const lb = (namespace: string, name: string, ip: string | undefined, labels: Record<string, string> = {}) => ({
  metadata: { namespace, name, labels },
  spec: { type: 'LoadBalancer' },
  status: { loadBalancer: { ingress: ip ? [{ ip }] : [] } },
});

async function builderFor(cache: ClusterCache) {
  const clusters = new NetworkClusters({
    registry: ClusterRegistry.fromConfig(
      new ConfigReader({ kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'test', url: 'https://127.0.0.1:1' }] }] } }),
    ),
    logger: mockServices.logger.mock(),
    createCache: () => cache,
  });
  return new ClusterOverviewBuilder({ clusters, dns: new DnsProbe(), now: () => NOW });
}

describe('ClusterOverviewBuilder', () => {
  it('summarises pools: usage, holders, conflicts and selectors that match nothing', async () => {
    const { cache, api } = await cacheWithObjects({
      CiliumLoadBalancerIPPool: [
        pool('main', '2026-01-01T00:00:00Z', [{ cidr: '192.168.1.64/30' }]),
        pool('overlap', '2026-02-01T00:00:00Z', [{ start: '192.168.1.65', stop: '192.168.1.66' }], { matchLabels: { pool: 'overlap' } }),
        pool('iot', '2026-01-01T00:00:00Z', [{ start: '192.168.1.90' }], { matchLabels: { pool: 'iot' } }),
      ],
      Service: [lb('a', 'web', '192.168.1.65'), lb('a', 'mqtt', '192.168.1.90', { pool: 'iot' }), lb('a', 'pending', undefined, { pool: 'iot' })],
    });
    const builder = await builderFor(cache);
    const section = await builder.pools('test');
    const byName = Object.fromEntries(section.items.map(item => [item.name, item]));
    // A /30 without allowFirstLastIPs: Yes keeps its first and last address back.
    expect(byName.main).toMatchObject({ total: 2, used: 1, free: 1, allowFirstLastIPs: 'No', blocks: ['192.168.1.64/30'], serviceSelector: '', selectorMatchesNothing: false, conflicts: [] });
    expect(byName.main.allocations).toEqual([{ ip: '192.168.1.65', service: { namespace: 'a', name: 'web' } }]);
    expect(byName.overlap.conflicts[0]).toContain("overlaps range '192.168.1.64/30' from IP Pool 'main'");
    expect(byName.overlap.selectorMatchesNothing).toBe(true);
    expect(byName.iot).toMatchObject({ total: 1, used: 1, free: 0, serviceSelector: 'pool=iot', selectorMatchesNothing: false });
    expect(section).toMatchObject({ cluster: 'test', stale: false, missing: [] });

    // Reused while the cache is unchanged; rebuilt after a change.
    expect(await builder.pools('test')).toBe(section);
    api.emit('/api/v1/services', { type: 'DELETED', object: lb('a', 'web', '192.168.1.65') });
    const after = await builder.pools('test');
    expect(after).not.toBe(section);
    expect(after.items.find(item => item.name === 'main')!.used).toBe(0);
    cache.stop();
  });

  it('pages the routes worst first, filters them and counts them by state in the overview', async () => {
    const parentStatus = (gateway: string, accepted: string, resolvedRefs: string, reason?: string) => ({
      parentRef: { namespace: 'network', name: gateway },
      controllerName: 'io.cilium/gateway-controller',
      conditions: [
        { type: 'Accepted', status: accepted, reason: accepted === 'True' ? 'Accepted' : reason },
        { type: 'ResolvedRefs', status: resolvedRefs, reason: resolvedRefs === 'True' ? 'ResolvedRefs' : reason },
      ],
    });
    const route = (namespace: string, name: string, hostname: string, gateway: string, status?: object) => ({
      metadata: { namespace, name },
      spec: { hostnames: [hostname], parentRefs: [{ namespace: 'network', name: gateway }], rules: [{ backendRefs: [{ name, port: 80 }] }] },
      status: status ? { parents: [status] } : undefined,
    });
    const { cache, api } = await cacheWithObjects({
      HTTPRoute: [
        route('media', 'jellyfin', 'jellyfin.demo.lab', 'internal', parentStatus('internal', 'True', 'True')),
        route('media', 'broken', 'broken.demo.lab', 'internal', parentStatus('internal', 'True', 'False', 'BackendNotFound')),
        route('apps', 'pending', 'pending.demo.lab', 'external'),
        route('apps', 'blog', 'Blog.Demo.Lab', 'external', parentStatus('external', 'True', 'True')),
      ],
    });
    const builder = await builderFor(cache);
    const overview = await builder.overview('test');
    expect(overview.routeCounts).toEqual({ total: 4, ok: 2, warning: 1, failing: 1, unknown: 0 });
    expect((overview as any).routes).toBeUndefined();

    const names = (page: { items: { namespace: string; name: string }[] }) => page.items.map(item => `${item.namespace}/${item.name}`);
    const all = await builder.routes('test', {});
    expect(all).toMatchObject({ cluster: 'test', stale: false, total: 4, matched: 4, offset: 0, limit: 50 });
    expect(names(all)).toEqual(['media/broken', 'apps/pending', 'apps/blog', 'media/jellyfin']);
    expect(names(await builder.routes('test', { offset: 1, limit: 2 }))).toEqual(['apps/pending', 'apps/blog']);
    expect(names(await builder.routes('test', { states: ['failing', 'warning'] }))).toEqual(['media/broken', 'apps/pending']);
    // The reason is searchable, as on the page; search ignores case.
    expect(names(await builder.routes('test', { search: 'backendnotfound' }))).toEqual(['media/broken']);
    expect(names(await builder.routes('test', { search: 'Failing' }))).toEqual(['media/broken']);
    // A route still without status counts as the gateway's, from its parentRefs.
    expect(names(await builder.routes('test', { gateway: 'network/external' }))).toEqual(['apps/pending', 'apps/blog']);
    const byHostname = await builder.routes('test', { hostname: 'blog.demo.lab' });
    expect({ matched: byHostname.matched, total: byHostname.total, names: names(byHostname) }).toEqual({ matched: 1, total: 4, names: ['apps/blog'] });

    // A changed route is seen at once: the rows are rebuilt with the cache generation.
    api.emit('/apis/gateway.networking.k8s.io/v1/httproutes', {
      type: 'MODIFIED',
      object: route('media', 'broken', 'broken.demo.lab', 'internal', parentStatus('internal', 'True', 'True')),
    });
    expect((await builder.routes('test', { states: ['failing'] })).matched).toBe(0);
    expect((await builder.overview('test')).routeCounts).toMatchObject({ ok: 3, failing: 0 });

    // Serialized pages are shared while the cache is unchanged, a bounded number of queries.
    const first = await builder.serializedRoutes('test', { limit: 20 });
    expect(await builder.serializedRoutes('test', { limit: 20 })).toBe(first);
    expect(JSON.parse(first.body.toString())).toMatchObject({ total: 4, limit: 20 });
    for (let index = 0; index < 64; index += 1) await builder.serializedRoutes('test', { search: `q${index}` });
    expect(await builder.serializedRoutes('test', { limit: 20 })).not.toBe(first);
    cache.stop();
  });

  it('checks the first route hostnames against DNS and only counts the rest', async () => {
    const route = (name: string) => ({ metadata: { namespace: 'media', name }, spec: { hostnames: [`${name}.demo.lab`, `*.${name}.demo.lab`] } });
    const { cache } = await cacheWithObjects({ HTTPRoute: ['c', 'a', 'd', 'b'].map(route) });
    const clusters = new NetworkClusters({
      registry: ClusterRegistry.fromConfig(
        new ConfigReader({
          kubernetes: { clusterLocatorMethods: [{ type: 'config', clusters: [{ name: 'test', url: 'https://127.0.0.1:1' }] }] },
          network: { clusters: { test: { dns: { internal: { host: '127.0.0.1', port: 5353 } } } } },
        }),
      ),
      logger: mockServices.logger.mock(),
      createCache: () => cache,
    });
    const asked: string[] = [];
    const dns = {
      resolve: async (server: { host: string; port: number }, hostname: string) => {
        asked.push(hostname);
        return { server: `${server.host}:${server.port}`, hostname, addresses: hostname.startsWith('a.') ? ['127.0.2.11'] : [], outcome: hostname.startsWith('a.') ? 'ok' : 'nxdomain', code: 'ENOTFOUND' };
      },
    } as unknown as DnsProbe;
    const overview = await new ClusterOverviewBuilder({ clusters, dns, dnsCheckLimit: 2, now: () => NOW }).overview('test');
    // Wildcards are not names to resolve; the first two exact names by hostname are checked.
    expect(asked.sort()).toEqual(['a.demo.lab', 'b.demo.lab']);
    expect(overview.dns.map(record => [record.hostname, record.scope, record.state])).toEqual([
      ['a.demo.lab', 'internal', 'match'],
      ['b.demo.lab', 'internal', 'no-answer'],
    ]);
    expect(overview.dns[1].message).toBe('127.0.0.1:5353: ENOTFOUND');
    expect(overview.dnsNotChecked).toBe(2);
    cache.stop();
  });

  it('reports the missing kinds of a cluster without Cilium or Gateway API', async () => {
    const { cache } = await cacheWithObjects({ Namespace: [{ metadata: { name: 'apps' } }], Service: [] });
    const overview = await (await builderFor(cache)).overview('test');
    expect(overview.missing).toEqual(expect.arrayContaining(['cilium.io/CiliumLoadBalancerIPPool', 'gateway.networking.k8s.io/Gateway', 'dns-internal', 'dns-external']));
    expect(overview).toMatchObject({ gateways: [], pools: [], cilium: { installed: false, agents: [] }, namespacesWithoutDefaultDeny: ['apps'] });
    cache.stop();
  });
});

describe('namespacesWithoutDefaultDeny', () => {
  const ns = (name: string) => ({ metadata: { name } });
  const np = (namespace: string, spec: any) => ({ kind: 'NetworkPolicy' as const, metadata: { name: 'p', namespace }, spec });
  const cnp = (namespace: string, spec: any) => ({ kind: 'CiliumNetworkPolicy' as const, metadata: { name: 'd', namespace }, spec });
  it.each([
    ['empty podSelector, Ingress, no rules', [np('a', { podSelector: {}, policyTypes: ['Ingress'] })], ['b']],
    ['policyTypes defaults to Ingress', [np('a', { podSelector: {} })], ['b']],
    ['an allow-all ingress rule is not a deny', [np('a', { podSelector: {}, ingress: [{}] })], ['a', 'b']],
    ['a selective podSelector is not namespace-wide', [np('a', { podSelector: { matchLabels: { app: 'x' } }, policyTypes: ['Ingress'] })], ['a', 'b']],
    ['Egress only is not an ingress deny', [np('a', { podSelector: {}, policyTypes: ['Egress'] })], ['a', 'b']],
    ['Cilium endpointSelector {} with ingress [{}]', [cnp('b', { endpointSelector: {}, ingress: [{}] })], ['a']],
  ])('%s', (_name, policies, expected) => {
    expect(namespacesWithoutDefaultDeny([ns('a'), ns('b'), ns('kube-system')], policies as any)).toEqual(expected);
  });
});
