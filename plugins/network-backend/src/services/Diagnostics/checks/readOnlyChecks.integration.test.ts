import { Entity } from '@backstage/catalog-model';
import { CheckFinding } from '@internal/plugin-network-common';
import { DnsProbe } from '../../DnsProbe/DnsProbe';
import { RequestPathResolver } from '../../RequestPathResolver/RequestPathResolver';
import { conditionOf } from '../../RequestPathResolver/objectRefs';
import { CheckReport, CheckRunScope, DiagnosticCheck } from '../DiagnosticCheck';
import { scopeOfRequestPath } from '../EntityScopeResolver';
import { DemoClusterChecks, startDemoClusterChecks } from '../testing/demoClusterChecks';
import { certificateChecks } from './certificates';
import { dnsChecks } from './dns';
import { endpointChecks } from './endpoints';
import { gatewayChecks } from './gateway';
import { policyChecks } from './policies';
import { poolChecks } from './pools';

jest.setTimeout(90_000);

// The seeded broken cases of these categories (packages/demo-cluster/src/topology/broken-cases.ts)
// and the demo's addresses (demo-constants.ts).
const ENVOY_INTERNAL_ADDRESS = '127.0.2.11';
const ENVOY_EXTERNAL_ADDRESS = '127.0.2.12';
const HEALTHY_APPS = ['jellyfin', 'grafana', 'uptime-kuma'];

const readOnlyChecks: DiagnosticCheck[] = [...poolChecks, ...gatewayChecks, ...certificateChecks, ...dnsChecks, ...endpointChecks, ...policyChecks];
const byId = (id: string) => readOnlyChecks.find(check => check.id === id)!;
const about = (report: CheckReport, subject: string): CheckFinding[] => report.findings.filter(finding => finding.subject === subject);

const entity = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name } },
  spec: {},
});

describe('read-only checks against the demo cluster', () => {
  let checks: DemoClusterChecks;
  let requestPaths: RequestPathResolver;

  const entityScopeOf = async (name: string): Promise<CheckRunScope> =>
    scopeOfRequestPath(`component:default/${name}`, await requestPaths.resolve(entity(name), { cluster: 'demo' }));

  beforeAll(async () => {
    checks = await startDemoClusterChecks();
    requestPaths = new RequestPathResolver({ clusters: checks.clusters, dns: new DnsProbe({ cacheTtlMs: 0 }) });
    // The simulated cert-manager issues the app certificates a few seconds after start.
    const cache = checks.clusters.cache('demo')!;
    const deadline = Date.now() + 30_000;
    const allIssued = () => cache.list('Certificate').every(certificate => conditionOf(certificate.status?.conditions, 'Ready')?.status === 'True');
    while (!allIssued() && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 250));
  });

  afterAll(async () => {
    await checks?.stop();
  });

  it('has one id per check, each of its category, with a remediation and the manual command', () => {
    const ids = readOnlyChecks.map(check => check.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const check of readOnlyChecks) {
      expect(check.id.startsWith(`${check.category}.`)).toBe(true);
      expect(check.remediation.length).toBeGreaterThan(40);
      expect(check.manualCommand).toBeTruthy();
    }
    expect(ids).toEqual(expect.arrayContaining([
      'pools.conflicts', 'pools.exhaustion', 'pools.selector-matches-nothing', 'pools.services-without-ip',
      'gateway.gateways-programmed', 'gateway.listeners', 'gateway.routes-accepted', 'gateway.routes-resolved-refs', 'gateway.ingresses',
      'certificates.ready', 'certificates.expiry', 'certificates.issuers-ready',
      'dns.split-horizon', 'dns.coredns', 'endpoints.ready',
      'policies.default-deny', 'policies.gateway-to-pod', 'policies.dns-egress',
    ]));
  });

  it('route-backend-not-found: gateway.routes-resolved-refs fails HTTPRoute media/sonarr with BackendNotFound', async () => {
    const report = await checks.run(byId('gateway.routes-resolved-refs'));
    const [finding] = about(report, 'HTTPRoute media/sonarr');
    expect(finding).toMatchObject({ outcome: 'fail', object: { kind: 'HTTPRoute', namespace: 'media', name: 'sonarr' } });
    expect(finding.message).toMatch(/^BackendNotFound on network\/envoy-internal: /);
    expect(finding.evidence?.fields).toMatchObject({
      'spec.rules[].backendRefs': 'Service media/sonarr:8989 not found',
      'status.parents[network/envoy-internal].conditions[ResolvedRefs]': 'False BackendNotFound',
    });
    expect(finding.evidence?.objects).toContainEqual({ apiVersion: 'v1', kind: 'Service', namespace: 'media', name: 'sonarr' });
    expect(report.findings.filter(other => other.outcome === 'fail').map(other => other.subject)).toEqual(['HTTPRoute media/sonarr']);
  });

  it('route-no-matching-listener-hostname: gateway.routes-accepted fails HTTPRoute default/wiki with the hostnames that decided', async () => {
    const report = await checks.run(byId('gateway.routes-accepted'));
    expect(report.findings).toHaveLength(1);
    const [finding] = about(report, 'HTTPRoute default/wiki');
    expect(finding.outcome).toBe('fail');
    expect(finding.message).toMatch(/^NoMatchingListenerHostname on network\/envoy-external\/https: /);
    expect(finding.evidence?.fields).toEqual({
      parentRef: 'network/envoy-external/https',
      'status.parents[network/envoy-external/https].conditions[Accepted]': 'False NoMatchingListenerHostname',
      'spec.hostnames': 'wiki.legacy.lab',
      listenerHostnames: 'https:*.demo.lab',
    });
    expect(finding.evidence?.objects).toContainEqual({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: 'network', name: 'envoy-external' });
  });

  it('certificate-expiring: certificates.expiry warns on home/home-assistant-tls with the Renewing reason; the others are Ready', async () => {
    const report = await checks.run(byId('certificates.expiry'));
    expect(report.findings.map(finding => finding.subject)).toEqual(['Certificate home/home-assistant-tls']);
    const [finding] = report.findings;
    expect(finding.outcome).toBe('warn');
    expect(finding.message).toMatch(/^Expiring: [45] days left \(notAfter [^)]+\); Renewing, \d+ failed attempts/);
    expect(finding.evidence?.fields).toMatchObject({ 'status.conditions[Issuing]': 'True Renewing', 'status.conditions[Ready]': 'True Ready', warningDays: '14' });
    expect(Number(finding.evidence?.fields?.daysLeft)).toBeLessThanOrEqual(5);
    const ready = await checks.run(byId('certificates.ready'));
    expect(ready.findings).toEqual([]);
    expect((await checks.run(byId('certificates.issuers-ready'))).findings).toEqual([]);
  });

  it('lb-pool-exhausted: pools.services-without-ip fails home/mosquitto with out_of_ips; pools.exhaustion fails home-iot-pool naming who holds and who waits', async () => {
    const pending = await checks.run(byId('pools.services-without-ip'));
    expect(pending.findings.map(finding => finding.subject)).toEqual(['Service home/mosquitto']);
    expect(pending.findings[0]).toMatchObject({ outcome: 'fail', object: { kind: 'Service', namespace: 'home', name: 'mosquitto' } });
    expect(pending.findings[0].message).toMatch(/^out_of_ips: /);
    expect(pending.findings[0].evidence?.fields).toMatchObject({
      'status.conditions[cilium.io/IPAMRequestSatisfied]': 'False out_of_ips',
      candidatePools: 'home-iot-pool',
    });
    expect(pending.findings[0].evidence?.objects).toContainEqual(expect.objectContaining({ kind: 'CiliumLoadBalancerIPPool', name: 'home-iot-pool' }));

    const exhaustion = await checks.run(byId('pools.exhaustion'));
    expect(exhaustion.findings.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual(['fail CiliumLoadBalancerIPPool home-iot-pool']);
    expect(exhaustion.findings[0].evidence?.fields).toMatchObject({ total: '1', used: '1', free: '0', allocations: '127.0.4.1 home/matter-server', waitingServices: 'home/mosquitto' });
    expect((await checks.run(byId('pools.conflicts'))).findings).toEqual([]);
    expect((await checks.run(byId('pools.selector-matches-nothing'))).findings).toEqual([]);
  });

  it('namespace-without-default-deny: policies.default-deny names namespace default', async () => {
    const report = await checks.run(byId('policies.default-deny'));
    const [finding] = about(report, 'Namespace default');
    expect(finding).toMatchObject({ outcome: 'warn', object: { kind: 'Namespace', name: 'default' } });
    expect(finding.message).toBe('NoDefaultDenyPolicy: no policy puts the pods of default into ingress default-deny');
    expect(finding.evidence?.fields).toMatchObject({ policies: 'none', egressDefaultDeny: 'none' });
    // The app namespaces the demo protects are not named.
    expect(report.findings.map(other => other.subject)).not.toEqual(expect.arrayContaining(['Namespace media', 'Namespace home', 'Namespace monitoring']));
  });

  it('dns.split-horizon resolves every route hostname at k8s_gateway against the gateway address and names the skipped external answers', async () => {
    const report = await checks.run(byId('dns.split-horizon'));
    expect(report.skippedBecause).toBeUndefined();
    expect(report.evidence?.fields?.skipped).toBe('external: no resolver configured, public answers skipped');
    const answers = report.evidence?.dns ?? [];
    const answer = (hostname: string) => answers.find(entry => entry.hostname === hostname);
    expect(answer('jellyfin.demo.lab')?.addresses).toEqual([ENVOY_INTERNAL_ADDRESS]);
    expect(answer('echo.demo.lab')?.addresses).toEqual([ENVOY_EXTERNAL_ADDRESS]);
    expect(answer('uptime-kuma.demo.lab')?.addresses).toHaveLength(1);
    expect(answers.every(entry => entry.server === `${checks.demo.endpoints.dns.host}:${checks.demo.endpoints.dns.port}`)).toBe(true);
    expect(report.findings).toEqual([]);
  });

  it('dns.split-horizon with an external resolver: public names must answer there, internal-only names may; an unreachable resolver is an error', async () => {
    const base = checks.context();
    const internal = base.cluster.dns.internal!;
    const withExternal = (external: typeof internal) => ({ ...base, cluster: { ...base.cluster, dns: { internal, external: [external] } } });
    // The demo's one DNS server stands in for the public resolver: it knows every route name.
    const consistent = await byId('dns.split-horizon').run(withExternal(internal));
    expect(consistent.evidence?.fields?.skipped).toBeUndefined();
    expect(consistent.findings).toEqual([]);
    const hostnames = new Set((consistent.evidence?.dns ?? []).map(entry => entry.hostname));
    expect(consistent.evidence?.dns).toHaveLength(hostnames.size * 2);

    // Nothing listens on this loopback port: every name gets an error naming the server.
    const unreachable = await byId('dns.split-horizon').run(withExternal({ host: '127.0.0.1', port: 9 }));
    expect(unreachable.findings.length).toBe(hostnames.size);
    expect(unreachable.findings.every(finding => finding.outcome === 'error' && /^DnsUnreachable: 127\.0\.0\.1:9 did not answer/.test(finding.message))).toBe(true);
    const echo = unreachable.findings.find(finding => finding.subject === 'echo.demo.lab');
    expect(echo?.evidence?.fields).toMatchObject({ via: 'gateway network/envoy-external', public: 'yes (external-dns target differs)' });
    expect(echo?.evidence?.dns).toEqual([
      { server: `${internal.host}:${internal.port}`, hostname: 'echo.demo.lab', addresses: [ENVOY_EXTERNAL_ADDRESS] },
      expect.objectContaining({ server: '127.0.0.1:9', hostname: 'echo.demo.lab', addresses: [] }),
    ]);
  });

  it('dns.coredns finds the CoreDNS pods ready and reads its ConfigMap from the API server', async () => {
    const report = await checks.run(byId('dns.coredns'));
    expect(report.findings).toEqual([]);
    expect(report.summary).toBe('2 of 2 CoreDNS pods ready; ConfigMap present');
    expect(report.evidence?.fields?.['data.Corefile']).toMatch(/kubernetes cluster\.local/);
  });

  it('the gateways, listeners, ingresses, endpoints and policy paths of the demo are healthy apart from the seeded cases', async () => {
    for (const id of ['gateway.gateways-programmed', 'gateway.listeners', 'gateway.ingresses', 'policies.gateway-to-pod', 'policies.dns-egress', 'policies.cilium-policies-valid']) {
      const report = await checks.run(byId(id));
      expect({ id, findings: report.findings }).toEqual({ id, findings: [] });
    }
    // Only the faulty Cilium agent (cilium-agent-not-ready) leaves an endpoint not ready.
    const endpoints = await checks.run(byId('endpoints.ready'));
    expect(endpoints.findings.filter(finding => finding.outcome === 'fail')).toEqual([]);
    expect(endpoints.findings.every(finding => finding.object?.namespace === 'kube-system')).toBe(true);
  });

  it.each(HEALTHY_APPS)('the healthy app %s passes every read-only check in its entity scope', async name => {
    const scope = await entityScopeOf(name);
    expect(scope.kind === 'entity' && scope.objects.length).toBeGreaterThan(0);
    for (const check of readOnlyChecks.filter(candidate => candidate.scopes.includes('entity'))) {
      const report = await checks.run(check, { scope });
      const problems = report.findings.filter(finding => finding.outcome !== 'pass');
      expect({ check: check.id, problems }).toEqual({ check: check.id, problems: [] });
    }
  });

  it('entity-scoped runs report only the entity: sonarr gets its BackendNotFound, mosquitto its missing IP, matter-server only a full-pool warning', async () => {
    const sonarr = await entityScopeOf('sonarr');
    const refs = await checks.run(byId('gateway.routes-resolved-refs'), { scope: sonarr });
    expect(refs.findings.map(finding => finding.subject)).toEqual(['HTTPRoute media/sonarr']);
    expect((await checks.run(byId('gateway.routes-accepted'), { scope: sonarr })).findings).toEqual([]);
    expect((await checks.run(byId('certificates.expiry'), { scope: sonarr })).findings).toEqual([]);

    const mosquitto = await entityScopeOf('mosquitto');
    const pending = await checks.run(byId('pools.services-without-ip'), { scope: mosquitto });
    expect(pending.findings.map(finding => finding.subject)).toEqual(['Service home/mosquitto']);
    expect((await checks.run(byId('pools.exhaustion'), { scope: mosquitto })).findings.map(finding => finding.outcome)).toEqual(['fail']);

    // matter-server holds the pool's only address: it is told the pool is full, not failed for it.
    const matter = await entityScopeOf('matter-server');
    expect((await checks.run(byId('pools.services-without-ip'), { scope: matter })).findings).toEqual([]);
    const full = await checks.run(byId('pools.exhaustion'), { scope: matter });
    expect(full.findings.map(finding => `${finding.outcome} ${finding.subject}`)).toEqual(['warn CiliumLoadBalancerIPPool home-iot-pool']);
  });

  it('a namespace-scoped run keeps to the namespace', async () => {
    const scope: CheckRunScope = { kind: 'namespace', namespace: 'media' };
    const refs = await checks.run(byId('gateway.routes-resolved-refs'), { scope });
    expect(refs.findings.map(finding => finding.subject)).toEqual(['HTTPRoute media/sonarr']);
    expect((await checks.run(byId('gateway.routes-accepted'), { scope })).findings).toEqual([]);
    expect((await checks.run(byId('policies.default-deny'), { scope })).findings).toEqual([]);
  });

  it('all read-only checks of an entity run well within a second', async () => {
    const scope = await entityScopeOf('jellyfin');
    const started = performance.now();
    await Promise.all(readOnlyChecks.filter(check => check.scopes.includes('entity')).map(check => checks.run(check, { scope })));
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(1000);
  });
});
