import { parseBpfLbList, parseLbAddress } from './parseBpfLbList';

// As the demo cluster's agents print it (Cilium 1.18 format).
const CURRENT = `SERVICE ADDRESS             BACKEND ADDRESS (REVNAT_ID) (SLOT)
10.43.0.1:443/TCP (0)       0.0.0.0:0 (2) (0) [ClusterIP, non-routable]
10.43.0.1:443/TCP (1)       127.0.1.50:6443/TCP (2) (1)
10.43.0.1:443/TCP (2)       127.0.1.51:6443/TCP (2) (2)
127.0.3.1:21064/TCP (0)     0.0.0.0:0 (8) (0) [LoadBalancer, Local, two-scopes]
127.0.2.10:53/UDP (0)       0.0.0.0:0 (56) (0) [LoadBalancer]
127.0.2.10:53/UDP (1)       10.42.6.16:1053/UDP (56) (1)
[fd00:10:96::1]:443/TCP (0) [::]:0 (3) (0) [ClusterIP, non-routable]
[fd00:10:96::1]:443/TCP (1) [fd00::12]:6443/TCP (3) (1)
`;

// Older agents: no protocol, no frontend slot, blank first column on backend rows.
const OLDER = `SERVICE ADDRESS     BACKEND ADDRESS
10.96.0.1:443       0.0.0.0:0 (1) [ClusterIP, non-routable]
                    172.18.0.3:6443 (1)
10.96.0.10:53       0.0.0.0:0 (2) [ClusterIP, non-routable]
                    10.0.0.173:53 (2)
                    10.0.0.174:53 (2)
`;

describe('parseBpfLbList', () => {
  it('reads the current format: frontends with protocol, flags and backends', () => {
    expect(parseBpfLbList(CURRENT)).toEqual([
      { ip: '10.43.0.1', port: 443, protocol: 'TCP', flags: ['ClusterIP', 'non-routable'], backends: ['127.0.1.50:6443/TCP', '127.0.1.51:6443/TCP'] },
      { ip: '127.0.3.1', port: 21064, protocol: 'TCP', flags: ['LoadBalancer', 'Local', 'two-scopes'], backends: [] },
      { ip: '127.0.2.10', port: 53, protocol: 'UDP', flags: ['LoadBalancer'], backends: ['10.42.6.16:1053/UDP'] },
      { ip: 'fd00:10:96::1', port: 443, protocol: 'TCP', flags: ['ClusterIP', 'non-routable'], backends: ['[fd00::12]:6443/TCP'] },
    ]);
  });

  it('reads the older format without protocols and with blank backend rows', () => {
    expect(parseBpfLbList(OLDER)).toEqual([
      { ip: '10.96.0.1', port: 443, protocol: undefined, flags: ['ClusterIP', 'non-routable'], backends: ['172.18.0.3:6443'] },
      { ip: '10.96.0.10', port: 53, protocol: undefined, flags: ['ClusterIP', 'non-routable'], backends: ['10.0.0.173:53', '10.0.0.174:53'] },
    ]);
  });

  it('returns nothing for an empty map or a header only', () => {
    expect(parseBpfLbList('')).toEqual([]);
    expect(parseBpfLbList('SERVICE ADDRESS   BACKEND ADDRESS (REVNAT_ID) (SLOT)\n')).toEqual([]);
  });
});

describe('parseLbAddress', () => {
  it.each([
    ['127.0.2.12:443/TCP', { ip: '127.0.2.12', port: 443, protocol: 'TCP' }],
    ['10.0.0.1:53/udp', { ip: '10.0.0.1', port: 53, protocol: 'UDP' }],
    ['10.96.0.1:443', { ip: '10.96.0.1', port: 443, protocol: undefined }],
    ['[fd00::1]:80/TCP', { ip: 'fd00::1', port: 80, protocol: 'TCP' }],
    ['SERVICE', undefined],
  ])('%s', (text, expected) => {
    expect(parseLbAddress(text)).toEqual(expected);
  });
});
