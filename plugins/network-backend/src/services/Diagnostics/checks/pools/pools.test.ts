import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { poolChecks, poolConflictsCheck, poolExhaustionCheck, poolSelectorCheck, servicesWithoutIpCheck } from '.';

const pool = (name: string, blocks: any[], created: string, serviceSelector?: any, status?: any) => ({
  metadata: { name, creationTimestamp: created },
  spec: { blocks, ...(serviceSelector ? { serviceSelector } : {}) },
  ...(status ? { status } : {}),
});
const loadBalancer = (namespace: string, name: string, ip: string | undefined, labels: Record<string, string> = {}, conditions: any[] = []) => ({
  metadata: { namespace, name, labels },
  spec: { type: 'LoadBalancer', ports: [{ port: 443 }] },
  status: { loadBalancer: { ingress: ip ? [{ ip }] : [] }, conditions },
});
const outOfIps = { type: 'cilium.io/IPAMRequestSatisfied', status: 'False', reason: 'out_of_ips', message: 'No more IPs available' };

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(check: DiagnosticCheck, objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return check.run(context);
}

describe('pool checks', () => {
  it('are registered with ids of their category', () => {
    expect(poolChecks.map(check => check.id)).toEqual(['pools.conflicts', 'pools.exhaustion', 'pools.selector-matches-nothing', 'pools.services-without-ip']);
    expect(poolChecks.every(check => check.category === 'pools' && check.remediation.length > 20)).toBe(true);
  });

  it('skip every pool check when the cluster has no LB-IPAM', async () => {
    for (const check of [poolConflictsCheck, poolExhaustionCheck, poolSelectorCheck]) {
      const report = await run(check, { Service: [] });
      expect(report.skippedBecause).toMatch(/CiliumLoadBalancerIPPool/);
      expect(report.findings).toEqual([]);
    }
  });
});

describe('pools.conflicts', () => {
  it('fails the newer of two overlapping pools with the operator message, passes distinct pools', async () => {
    const report = await run(poolConflictsCheck, {
      CiliumLoadBalancerIPPool: [
        pool('old', [{ cidr: '192.168.1.0/28' }], '2026-01-01T00:00:00Z'),
        pool('new', [{ start: '192.168.1.10', stop: '192.168.1.20' }], '2026-02-01T00:00:00Z'),
        pool('apart', [{ cidr: '10.0.0.0/30' }], '2026-03-01T00:00:00Z'),
      ],
    });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      outcome: 'fail',
      subject: 'CiliumLoadBalancerIPPool new',
      message: "Pool conflicts since range '192.168.1.10-192.168.1.20' overlaps range '192.168.1.0/28' from IP Pool 'old'",
    });
    expect(report.findings[0].evidence?.fields).toMatchObject({ 'spec.blocks': '192.168.1.10-192.168.1.20' });
    expect(report.summary).toBe('1 pool of 3 in conflict');
  });

  it('reports the controller condition too, and passes a cluster without overlaps', async () => {
    const conflicted = pool('a', [{ cidr: '10.1.0.0/30' }], '2026-01-01T00:00:00Z', undefined, {
      conditions: [{ type: 'cilium.io/PoolConflict', status: 'True', reason: 'cidr_overlap', message: 'overlaps a pool in another cluster view' }],
    });
    const report = await run(poolConflictsCheck, { CiliumLoadBalancerIPPool: [conflicted, pool('b', [{ cidr: '10.2.0.0/30' }], '2026-01-02T00:00:00Z')] });
    expect(report.findings.map(finding => [finding.subject, finding.message])).toEqual([['CiliumLoadBalancerIPPool a', 'overlaps a pool in another cluster view']]);
    expect(report.findings[0].evidence?.fields?.['status.conditions[cilium.io/PoolConflict]']).toBe('True cidr_overlap');

    const clean = await run(poolConflictsCheck, { CiliumLoadBalancerIPPool: [pool('b', [{ cidr: '10.2.0.0/30' }], '2026-01-02T00:00:00Z')] });
    expect(clean.findings).toEqual([]);
  });

  it('keeps only pools of an entity scope', async () => {
    const pools = [pool('old', [{ cidr: '192.168.1.0/28' }], '2026-01-01T00:00:00Z'), pool('new', [{ cidr: '192.168.1.0/29' }], '2026-02-01T00:00:00Z')];
    const outside = await run(poolConflictsCheck, { CiliumLoadBalancerIPPool: pools }, { scope: entityScope([{ kind: 'CiliumLoadBalancerIPPool', name: 'old' }]) });
    expect(outside.findings).toEqual([]);
    const inside = await run(poolConflictsCheck, { CiliumLoadBalancerIPPool: pools }, { scope: entityScope([{ kind: 'CiliumLoadBalancerIPPool', name: 'new' }]) });
    expect(inside.findings.map(finding => finding.subject)).toEqual(['CiliumLoadBalancerIPPool new']);
  });
});

describe('pools.exhaustion', () => {
  const iot = pool('iot', [{ start: '192.168.4.1' }], '2026-01-01T00:00:00Z', { matchLabels: { pool: 'iot' } });
  const main = pool('main', [{ cidr: '192.168.2.0/29' }], '2026-01-01T00:00:00Z', { matchLabels: { pool: 'main' } });

  it('fails a full pool a service waits on, naming the waiting service; passes a pool with room', async () => {
    const report = await run(poolExhaustionCheck, {
      CiliumLoadBalancerIPPool: [iot, main],
      Service: [
        loadBalancer('home', 'matter', '192.168.4.1', { pool: 'iot' }),
        loadBalancer('home', 'mosquitto', undefined, { pool: 'iot' }, [outOfIps]),
        loadBalancer('web', 'gw', '192.168.2.1', { pool: 'main' }),
      ],
    });
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({ outcome: 'fail', subject: 'CiliumLoadBalancerIPPool iot' });
    expect(report.findings[0].message).toMatch(/^out_of_ips: all 1 addresses are in use and 1 service \(home\/mosquitto\) wait for one$/);
    expect(report.findings[0].evidence?.fields).toMatchObject({ total: '1', used: '1', free: '0', allocations: '192.168.4.1 home/matter', waitingServices: 'home/mosquitto' });
    expect(report.findings[0].evidence?.objects).toContainEqual({ apiVersion: 'v1', kind: 'Service', namespace: 'home', name: 'mosquitto' });
  });

  it('in an entity scope fails only when the entity itself waits', async () => {
    const objects = {
      CiliumLoadBalancerIPPool: [iot],
      Service: [loadBalancer('home', 'matter', '192.168.4.1', { pool: 'iot' }), loadBalancer('home', 'mosquitto', undefined, { pool: 'iot' }, [outOfIps])],
    };
    const holder = await run(poolExhaustionCheck, objects, { scope: entityScope([{ kind: 'CiliumLoadBalancerIPPool', name: 'iot' }, { kind: 'Service', namespace: 'home', name: 'matter' }]) });
    expect(holder.findings.map(finding => finding.outcome)).toEqual(['warn']);
    const waiter = await run(poolExhaustionCheck, objects, { scope: entityScope([{ kind: 'CiliumLoadBalancerIPPool', name: 'iot' }, { kind: 'Service', namespace: 'home', name: 'mosquitto' }]) });
    expect(waiter.findings.map(finding => finding.outcome)).toEqual(['fail']);
  });

  it('warns on a full pool nobody waits on and on a nearly full one', async () => {
    const six = ['1', '2', '3', '4', '5', '6'].map(last => loadBalancer('web', `s${last}`, `192.168.2.${last}`, { pool: 'main' }));
    const report = await run(poolExhaustionCheck, { CiliumLoadBalancerIPPool: [iot, main], Service: [loadBalancer('home', 'matter', '192.168.4.1', { pool: 'iot' }), ...six.slice(0, 6)] });
    // main is a /29 without first/last: 6 usable, all used -> full; iot is full without waiters.
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'warn CiliumLoadBalancerIPPool iot Pool is full: all 1 addresses are in use',
      'warn CiliumLoadBalancerIPPool main Pool is full: all 6 addresses are in use',
    ]);
    const nearly = await run(poolExhaustionCheck, {
      CiliumLoadBalancerIPPool: [pool('big', [{ start: '10.0.0.1', stop: '10.0.0.10' }], '2026-01-01T00:00:00Z')],
      Service: Array.from({ length: 9 }, (_, index) => loadBalancer('web', `s${index}`, `10.0.0.${index + 1}`)),
    });
    expect(nearly.findings.map(finding => finding.message)).toEqual(['Pool is nearly full: 9 of 10 addresses in use, 1 free']);
    const roomy = await run(poolExhaustionCheck, { CiliumLoadBalancerIPPool: [main], Service: [loadBalancer('web', 'gw', '192.168.2.1', { pool: 'main' })] });
    expect(roomy).toMatchObject({ findings: [], summary: '1 pool with free addresses' });
  });
});

describe('pools.selector-matches-nothing', () => {
  it('warns on a selector no LoadBalancer service matches, counting the namespace meta label as LB-IPAM does', async () => {
    const report = await run(poolSelectorCheck, {
      CiliumLoadBalancerIPPool: [
        pool('typo', [{ cidr: '10.0.0.0/30' }], '2026-01-01T00:00:00Z', { matchLabels: { 'io.cilium.service': 'ture' } }),
        pool('by-namespace', [{ cidr: '10.0.1.0/30' }], '2026-01-01T00:00:00Z', { matchLabels: { 'io.kubernetes.service.namespace': 'network' } }),
        pool('everything', [{ cidr: '10.0.2.0/30' }], '2026-01-01T00:00:00Z'),
      ],
      Service: [loadBalancer('network', 'gw', '10.0.1.1', { 'io.cilium.service': 'true' })],
    });
    expect(report.findings).toEqual([
      expect.objectContaining({ outcome: 'warn', subject: 'CiliumLoadBalancerIPPool typo', evidence: expect.objectContaining({ fields: { 'spec.serviceSelector': 'io.cilium.service=ture' } }) }),
    ]);
  });
});

describe('pools.services-without-ip', () => {
  const objects = {
    CiliumLoadBalancerIPPool: [pool('iot', [{ start: '192.168.4.1' }], '2026-01-01T00:00:00Z', { matchLabels: { pool: 'iot' } })],
    Service: [
      loadBalancer('home', 'matter', '192.168.4.1', { pool: 'iot' }),
      loadBalancer('home', 'mosquitto', undefined, { pool: 'iot' }, [outOfIps]),
      loadBalancer('other', 'orphan', undefined, { pool: 'none' }),
      { ...loadBalancer('other', 'metallb', undefined), spec: { type: 'LoadBalancer', loadBalancerClass: 'metallb' } },
      { metadata: { namespace: 'home', name: 'internal' }, spec: { type: 'ClusterIP' } },
    ],
  };

  it('fails pending services with the LB-IPAM reason and candidate pools; another class only warns', async () => {
    const report = await run(servicesWithoutIpCheck, objects);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message.split(':')[0]}`)).toEqual([
      'fail Service home/mosquitto out_of_ips',
      'fail Service other/orphan no_pool',
      'warn Service other/metallb no_pool',
    ]);
    expect(report.findings[0].evidence?.fields).toMatchObject({
      'status.conditions[cilium.io/IPAMRequestSatisfied]': 'False out_of_ips',
      candidatePools: 'iot',
      'status.loadBalancer.ingress': 'empty',
    });
    expect(report.summary).toBe('3 of 4 LoadBalancer Services without an IP (1 of another loadBalancerClass)');
  });

  it('keeps to a namespace scope and passes when every service there has an IP', async () => {
    const home = await run(servicesWithoutIpCheck, objects, { scope: { kind: 'namespace', namespace: 'home' } });
    expect(home.findings.map(finding => finding.subject)).toEqual(['Service home/mosquitto']);
    const entity = await run(servicesWithoutIpCheck, objects, { scope: entityScope([{ kind: 'Service', namespace: 'home', name: 'matter' }]) });
    expect(entity).toMatchObject({ findings: [], summary: '1 LoadBalancer Service, all with an IP' });
  });
});
