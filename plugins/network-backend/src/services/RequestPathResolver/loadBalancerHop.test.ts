import { cacheWithObjects } from '../../testing/FakeKubernetesApi';
import { loadBalancerHop } from './loadBalancerHop';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const pool = (name: string, blocks: any[], selector?: any) => ({ metadata: { name }, spec: { blocks, serviceSelector: selector } });
const lbService = (name: string, ips: string[], extra: any = {}) => ({
  metadata: { name, namespace: 'apps', labels: { pool: 'iot' } },
  spec: { type: 'LoadBalancer' },
  status: { loadBalancer: { ingress: ips.map(ip => ({ ip })) }, ...extra },
});
const lease = (service: string, holder: string, renewTime: string) => ({
  metadata: { name: `cilium-l2announce-apps-${service}`, namespace: 'kube-system' },
  spec: { holderIdentity: holder, leaseDurationSeconds: 15, renewTime },
});
const l2Policy = { metadata: { name: 'l2' }, spec: { loadBalancerIPs: true } };

describe('loadBalancerHop', () => {
  it.each([
    ['announced by a fresh lease', [lease('web', 'node-2', '2026-11-22T11:59:55Z')], 'ok', undefined, 'announced by node-2'],
    ['lease expired', [lease('web', 'node-2', '2026-11-22T11:00:00Z')], 'warning', 'LeaseExpired', 'has expired'],
    ['no lease at all', [], 'warning', 'NotAnnounced', 'no node announces it'],
  ])('%s', async (_name, leases, state, reason, message) => {
    const { cache } = await cacheWithObjects({
      Service: [lbService('web', ['192.168.1.80'])],
      CiliumLoadBalancerIPPool: [pool('main', [{ cidr: '192.168.1.64/27' }])],
      CiliumL2AnnouncementPolicy: [l2Policy],
      Lease: leases,
    });
    const hop = loadBalancerHop(cache, cache.get('Service', 'apps', 'web'), NOW);
    expect(hop).toMatchObject({ state, reason });
    expect(hop.message).toContain(message);
    expect(hop.evidence.fields.pool).toBe('main');
    cache.stop();
  });

  it("fails a pending service with LB-IPAM's reason and names the pools that select it", async () => {
    const pending = lbService('mqtt', [], {
      conditions: [{ type: 'cilium.io/IPAMRequestSatisfied', status: 'False', reason: 'out_of_ips', message: 'All enabled CiliumLoadBalancerIPPools that match this service ran out of allocatable IPs' }],
    });
    const { cache } = await cacheWithObjects({
      Service: [pending],
      CiliumLoadBalancerIPPool: [pool('iot', [{ start: '192.168.1.90' }], { matchLabels: { pool: 'iot' } }), pool('other', [{ cidr: '10.0.0.0/30' }], { matchLabels: { pool: 'x' } })],
    });
    const hop = loadBalancerHop(cache, pending, NOW);
    expect(hop).toMatchObject({ state: 'failing', reason: 'out_of_ips' });
    expect(hop.evidence.fields.candidatePools).toBe('iot');
    expect(hop.evidence.objects.map(ref => ref.name)).toEqual(['mqtt', 'iot']);
    expect(hop.fixHint).toContain('pool');
    cache.stop();
  });

  it('says no pool selects the service when none does', async () => {
    const pending = lbService('lonely', []);
    const { cache } = await cacheWithObjects({ Service: [pending], CiliumLoadBalancerIPPool: [pool('other', [{ cidr: '10.0.0.0/30' }], { matchLabels: { pool: 'x' } })] });
    expect(loadBalancerHop(cache, pending, NOW)).toMatchObject({ state: 'failing', reason: 'no_pool' });
    cache.stop();
  });
});
