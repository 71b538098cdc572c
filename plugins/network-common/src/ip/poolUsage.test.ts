import {
  poolUsage,
  serviceLoadBalancerIps,
  ServiceAddresses,
} from './poolUsage';
import { IpPoolSpec } from './ipPool';

const svc = (
  namespace: string,
  name: string,
  ...ips: string[]
): ServiceAddresses => ({ namespace, name, ips });

describe('poolUsage', () => {
  it.each<
    [
      string,
      IpPoolSpec,
      ServiceAddresses[],
      { total: number; used: number; free: number },
      string[],
    ]
  >([
    [
      'empty pool usage',
      { blocks: [{ cidr: '10.0.0.0/29' }] },
      [],
      { total: 6, used: 0, free: 6 },
      [],
    ],
    [
      'services inside and outside the pool',
      { blocks: [{ cidr: '10.0.0.0/29' }] },
      [
        svc('a', 'one', '10.0.0.1'),
        svc('b', 'two', '10.0.0.2'),
        svc('c', 'elsewhere', '10.9.9.9'),
      ],
      { total: 6, used: 2, free: 4 },
      ['10.0.0.1 a/one', '10.0.0.2 b/two'],
    ],
    [
      'a shared address counts once and lists both holders',
      { blocks: [{ cidr: '10.0.0.0/29' }] },
      [svc('b', 'dns-udp', '10.0.0.3'), svc('a', 'dns-tcp', '10.0.0.3')],
      { total: 6, used: 1, free: 5 },
      ['10.0.0.3 a/dns-tcp', '10.0.0.3 b/dns-udp'],
    ],
    [
      'a reserved address held does not count as used',
      { blocks: [{ cidr: '10.0.0.0/29' }] },
      [svc('a', 'odd', '10.0.0.0')],
      { total: 6, used: 0, free: 6 },
      ['10.0.0.0 a/odd'],
    ],
    [
      'full /32 pool',
      { blocks: [{ cidr: '10.0.0.9/32' }] },
      [svc('a', 'one', '10.0.0.9')],
      { total: 1, used: 1, free: 0 },
      ['10.0.0.9 a/one'],
    ],
    [
      'start/stop and IPv6 in one pool, sorted by family then address',
      {
        blocks: [
          { cidr: '2001:db8::/120' },
          { start: '10.0.0.10', stop: '10.0.0.11' },
        ],
        allowFirstLastIPs: 'Yes',
      },
      [
        svc('a', 'v6', '2001:db8::0010'),
        svc('a', 'v4b', '10.0.0.11'),
        svc('a', 'v4a', '10.0.0.10'),
      ],
      { total: 258, used: 3, free: 255 },
      ['10.0.0.10 a/v4a', '10.0.0.11 a/v4b', '2001:db8::10 a/v6'],
    ],
    [
      'a service listing the same address twice',
      { blocks: [{ cidr: '10.0.0.0/29' }] },
      [svc('a', 'dup', '10.0.0.1', '10.0.0.1', 'garbage')],
      { total: 6, used: 1, free: 5 },
      ['10.0.0.1 a/dup'],
    ],
  ])('%s', (_name, spec, services, counts, allocations) => {
    const usage = poolUsage({ spec }, services);
    expect({ total: usage.total, used: usage.used, free: usage.free }).toEqual(
      counts,
    );
    expect(
      usage.allocations.map(
        a => `${a.ip} ${a.service.namespace}/${a.service.name}`,
      ),
    ).toEqual(allocations);
  });

  it('caps a huge IPv6 pool and says so', () => {
    const usage = poolUsage({ spec: { blocks: [{ cidr: '2001:db8::/64' }] } }, [
      svc('a', 'one', '2001:db8::5'),
    ]);
    expect(usage.totalIsCapped).toBe(true);
    expect(usage.total).toBe(Number.MAX_SAFE_INTEGER);
    expect(usage.free).toBe(Number.MAX_SAFE_INTEGER);
    expect(usage.used).toBe(1);
  });

  it('lists reserved addresses in use', () => {
    const usage = poolUsage({ spec: { blocks: [{ cidr: '10.0.0.0/29' }] } }, [
      svc('a', 'x', '10.0.0.7'),
    ]);
    expect(usage.reservedInUse).toEqual(['10.0.0.7']);
  });
});

describe('serviceLoadBalancerIps', () => {
  it.each([
    [{}, []],
    [{ status: { loadBalancer: {} } }, []],
    [
      {
        status: {
          loadBalancer: {
            ingress: [
              { ip: '10.0.0.1' },
              { hostname: 'lb.example' },
              { ip: '' },
            ],
          },
        },
      },
      ['10.0.0.1'],
    ],
    [
      {
        status: {
          loadBalancer: {
            ingress: [{ ip: '10.0.0.1' }, { ip: '2001:db8::1' }],
          },
        },
      },
      ['10.0.0.1', '2001:db8::1'],
    ],
  ])('%#', (service, expected) => {
    expect(serviceLoadBalancerIps(service as never)).toEqual(expected);
  });
});
