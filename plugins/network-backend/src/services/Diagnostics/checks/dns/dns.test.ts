import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { DnsServerAddress } from '../../../ClusterRegistry/ClusterRegistry';
import { DnsAnswer } from '../../../DnsProbe/DnsProbe';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { createCorednsCheck, dnsChecks, splitHorizonCheck } from '.';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(check: DiagnosticCheck, objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return check.run(context);
}

const INTERNAL: DnsServerAddress = { host: '127.0.0.53', port: 5353 };
const EXTERNAL: DnsServerAddress = { host: '127.0.0.54', port: 53 };

/** A DNS probe answering from a table `server/hostname -> addresses` (missing: NXDOMAIN; 'timeout': no answer). */
function fakeDns(table: Record<string, string[] | 'timeout'>) {
  const asked: string[] = [];
  return {
    asked,
    resolve: async (server: DnsServerAddress, hostname: string): Promise<DnsAnswer> => {
      const label = `${server.host}:${server.port}`;
      asked.push(`${label}/${hostname}`);
      const entry = table[`${label}/${hostname}`];
      if (entry === 'timeout') return { server: label, hostname, addresses: [], outcome: 'timeout', code: 'ETIMEOUT' };
      if (!entry) return { server: label, hostname, addresses: [], outcome: 'nxdomain', code: 'ENOTFOUND' };
      return { server: label, hostname, addresses: entry, outcome: 'ok' };
    },
  };
}

const gateway = (name: string, address: string, annotations: Record<string, string> = {}) => ({
  metadata: { namespace: 'network', name, annotations },
  spec: { gatewayClassName: 'cilium', listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.demo.lab' }] },
  status: { addresses: [{ type: 'IPAddress', value: address }] },
});
const route = (namespace: string, name: string, gatewayName: string, hostnames: string[]) => ({
  metadata: { namespace, name },
  spec: { parentRefs: [{ name: gatewayName, namespace: 'network' }], hostnames, rules: [{ backendRefs: [{ name, port: 80 }] }] },
});
const objects: ObjectsByKind = {
  Gateway: [gateway('envoy-internal', '10.0.2.11'), gateway('envoy-external', '10.0.2.12', { 'external-dns.alpha.kubernetes.io/target': 'tunnel.demo.lab' })],
  HTTPRoute: [
    route('media', 'jellyfin', 'envoy-internal', ['jellyfin.demo.lab']),
    route('media', 'stale', 'envoy-internal', ['stale.demo.lab']),
    route('default', 'echo', 'envoy-external', ['echo.demo.lab', '*.wild.demo.lab']),
    route('default', 'gone', 'envoy-external', ['gone.demo.lab']),
  ],
  Service: [],
};
const answers = {
  '127.0.0.53:5353/jellyfin.demo.lab': ['10.0.2.11'],
  '127.0.0.53:5353/stale.demo.lab': ['10.0.9.9'],
  '127.0.0.53:5353/echo.demo.lab': ['10.0.2.12'],
  '127.0.0.53:5353/gone.demo.lab': ['10.0.2.12'],
  '127.0.0.54:53/echo.demo.lab': ['104.16.0.1'],
};

describe('dns checks', () => {
  it('are the split-horizon and CoreDNS checks', () => {
    expect(dnsChecks.map(check => check.id)).toEqual(['dns.split-horizon', 'dns.coredns']);
  });
});

describe('dns.split-horizon', () => {
  it('compares internal answers with the gateway address and requires public names externally, with every answer as evidence', async () => {
    const dns = fakeDns(answers);
    const { context, cache, logs } = await checkContextWithObjects(objects, { dns, dnsServers: { internal: INTERNAL, external: [EXTERNAL] } });
    caches.push(cache);
    const report = await splitHorizonCheck.run(context);
    expect(logs).toEqual(['resolving 4 hostnames at 127.0.0.53:5353, 127.0.0.54:53']);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail stale.demo.lab AddressMismatch: internal server 127.0.0.53:5353 answers 10.0.9.9; gateway network/envoy-internal has 10.0.2.11',
      'fail gone.demo.lab NXDOMAIN: external server 127.0.0.54:53 has no record for gone.demo.lab',
    ]);
    expect(report.findings[1].evidence).toMatchObject({
      objects: [{ kind: 'HTTPRoute', namespace: 'default', name: 'gone' }],
      dns: [
        { server: '127.0.0.53:5353', hostname: 'gone.demo.lab', addresses: ['10.0.2.12'] },
        { server: '127.0.0.54:53', hostname: 'gone.demo.lab', addresses: [], error: 'ENOTFOUND' },
      ],
      fields: { via: 'gateway network/envoy-external', expected: '10.0.2.12', public: 'yes (external-dns target differs)' },
    });
    // Internal-only names may be absent outside; wildcards are not asked; 4 hostnames x 2 servers.
    expect(report.evidence?.dns).toHaveLength(8);
    expect(dns.asked).not.toContain('127.0.0.54:53/*.wild.demo.lab');
    expect(report.summary).toBe('2 of 4 hostnames inconsistent across 2 servers');
  });

  it('names the skipped answers when only the internal server is configured, and reports an unreachable server as error', async () => {
    const report = await run(splitHorizonCheck, objects, {
      dns: fakeDns({ ...answers, '127.0.0.53:5353/jellyfin.demo.lab': 'timeout' }),
      dnsServers: { internal: INTERNAL, external: [] },
      scope: entityScope([{ kind: 'HTTPRoute', namespace: 'media', name: 'jellyfin' }]),
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.message}`)).toEqual(['error DnsUnreachable: 127.0.0.53:5353 did not answer (ETIMEOUT)']);
    expect(report.evidence?.fields?.skipped).toBe('external: no resolver configured, public answers skipped');
    expect(report.summary).toBe('1 of 1 hostname inconsistent across 1 server (external not configured)');
  });

  it('is skipped when no DNS server is configured', async () => {
    const report = await run(splitHorizonCheck, objects);
    expect(report.skippedBecause).toBe('no DNS server is configured for cluster test (network.clusters.test.dns.internal / dns.external)');
  });
});

describe('dns.coredns', () => {
  const corednsPod = (name: string, ready: boolean) => ({
    metadata: { namespace: 'kube-system', name, labels: { 'k8s-app': 'kube-dns' } },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  });
  const corefile = '.:53 {\n    errors\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n    }\n    forward . /etc/resolv.conf\n}\n';
  const configMap = (data: any) => async () => ({ metadata: { namespace: 'kube-system', name: 'coredns' }, data });

  it('passes ready pods with a complete Corefile', async () => {
    const report = await run(createCorednsCheck(configMap({ Corefile: corefile })), { Pod: [corednsPod('coredns-a', true), corednsPod('coredns-b', true)] });
    expect(report.findings).toEqual([]);
    expect(report.summary).toBe('2 of 2 CoreDNS pods ready; ConfigMap present');
  });

  it('warns on a pod not ready and a Corefile without forward; fails without pods or ConfigMap', async () => {
    const partial = await run(createCorednsCheck(configMap({ Corefile: corefile.replace('    forward . /etc/resolv.conf\n', '') })), {
      Pod: [corednsPod('coredns-a', true), corednsPod('coredns-b', false)],
    });
    expect(partial.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'warn Deployment kube-system/coredns CoreDnsNotReady: 1 of 2 CoreDNS pods ready',
      'warn ConfigMap kube-system/coredns CorefileIncomplete: no "forward ." block: names outside the cluster will not resolve',
    ]);
    const none = await run(createCorednsCheck(async () => undefined), { Pod: [] });
    expect(none.findings.map(finding => `${finding.outcome} ${finding.message}`)).toEqual([
      'fail CoreDnsNotRunning: no pod labelled k8s-app=kube-dns in kube-system',
      'fail ConfigMapNotFound: kube-system/coredns does not exist',
    ]);
    const unreadable = await run(createCorednsCheck(async () => { throw new Error('GET /api/v1/namespaces/kube-system/configmaps/coredns: 403'); }), { Pod: [corednsPod('coredns-a', true)] });
    expect(unreadable.findings.map(finding => `${finding.outcome} ${finding.message}`)).toEqual(['error Could not read the ConfigMap: GET /api/v1/namespaces/kube-system/configmaps/coredns: 403']);
  });
});
