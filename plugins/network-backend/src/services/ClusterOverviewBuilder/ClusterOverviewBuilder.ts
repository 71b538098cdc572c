import {
  CertificateSummary,
  ClusterOverview,
  DnsRecordSummary,
  formatLabelSelector,
  GatewaySummary,
  IngressSummary,
  IpPoolSummary,
  L2LeaseSummary,
  L2PolicySummary,
  matchesLabelSelector,
  RoutePage,
  RouteQuery,
  RouteRow,
  routeCounts,
  routeRows,
  selectRoutes,
  serviceLoadBalancerIps,
} from '@internal/plugin-network-common';
import { ServiceUnavailableError } from '@backstage/errors';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { DnsProbe } from '../DnsProbe/DnsProbe';
import { NetworkClusters } from '../NetworkClusters/NetworkClusters';
import { qualifiedKind } from '../NetworkClusters/qualifiedKind';
import { gatewayService } from '../RequestPathResolver/gatewayHops';
import { leaseExpired } from '../RequestPathResolver/loadBalancerHop';
import { conditionOf } from '../RequestPathResolver/objectRefs';
import { policiesOf } from '../RequestPathResolver/policyHops';
import { ciliumSummary } from './ciliumSummary';
import { dnsEndpointSummaries } from './dnsEndpointSummaries';
import { SerializedJson } from '../../routes/SerializedJson';
import { gatewaySummaries, routeSummaries } from './gatewaySummaries';
import { issuerSummaries } from './issuerSummaries';
import { namespacesWithoutDefaultDeny } from './policyCoverage';
import { poolSummaries } from './poolSummaries';
import { toConditions } from './toCondition';

/** Options of {@link ClusterOverviewBuilder}. */
export interface ClusterOverviewBuilderOptions {
  clusters: NetworkClusters;
  dns: DnsProbe;
  now?: () => number;
  /** At most this many route hostnames are checked against DNS per overview; the rest are only counted (`dnsNotChecked`). */
  dnsCheckLimit?: number;
  /** How long a built answer is reused while the cluster cache has not changed. */
  reuseForMs?: number;
}

/** A list section with the cache's freshness, as the pools and gateways endpoints answer. */
export interface ClusterSection<T> {
  cluster: string;
  items: T[];
  stale: boolean;
  missing: string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Serialized route pages kept (each a few tens of KB). */
const ROUTE_PAGES_KEPT = 64;
const L2_LEASE_PREFIX = 'cilium-l2announce-';

/** Builds the Network page's per-cluster overview from the cache (plus cached DNS answers). */
export class ClusterOverviewBuilder {
  private readonly clusters: NetworkClusters;
  private readonly dns: DnsProbe;
  private readonly now: () => number;
  private readonly dnsCheckLimit: number;
  private readonly reuseForMs: number;
  private readonly reusable = new Map<string, { generation: number; expiresAt: number; value: Promise<unknown> }>();
  private readonly sections = new Map<string, { generation: number; value: unknown }>();
  private readonly routePages = new Map<string, { version: string; answer: SerializedJson }>();

  constructor(options: ClusterOverviewBuilderOptions) {
    this.clusters = options.clusters;
    this.dns = options.dns;
    this.now = options.now ?? Date.now;
    this.dnsCheckLimit = options.dnsCheckLimit ?? 100;
    this.reuseForMs = options.reuseForMs ?? 2000;
  }

  /** The pools section alone. */
  pools(cluster: string): Promise<ClusterSection<IpPoolSummary>> {
    return this.reuse(`pools|${cluster}`, cluster, async () => this.section(cluster, ['CiliumLoadBalancerIPPool'], poolSummaries));
  }

  /** The gateways section alone. */
  gateways(cluster: string): Promise<ClusterSection<GatewaySummary>> {
    return this.reuse(`gateways|${cluster}`, cluster, async () => this.section(cluster, ['Gateway'], gatewaySummaries));
  }

  /** One page of the cluster's routes (all of them are too many for the overview at scale). */
  async routes(cluster: string, query: RouteQuery): Promise<RoutePage> {
    const cache = this.cacheOf(cluster);
    const health = cache.health();
    const missing = ['HTTPRoute', 'GRPCRoute'].filter(kind => cache.isAbsent(kind)).map(qualifiedKind);
    if (health.state === 'unreachable') missing.unshift('cluster');
    const rows = this.routeRows(cluster, cache);
    return { cluster, stale: health.stale, missing, total: rows.length, ...selectRoutes(rows, query) };
  }

  /**
   * A routes page serialized once while the cache is unchanged: every visitor of the Network
   * page asks for the same first page. The most recent queries are kept, a bounded number.
   */
  async serializedRoutes(cluster: string, query: RouteQuery): Promise<SerializedJson> {
    const cache = this.cacheOf(cluster);
    const version = `${cache.generation()}${cache.isStale() ? 's' : ''}`;
    const key = `${cluster}|${JSON.stringify(query)}`;
    const kept = this.routePages.get(key);
    if (kept?.version === version) return kept.answer;
    const answer = new SerializedJson(await this.routes(cluster, query));
    this.routePages.delete(key);
    this.routePages.set(key, { version, answer });
    if (this.routePages.size > ROUTE_PAGES_KEPT) this.routePages.delete(this.routePages.keys().next().value!);
    return answer;
  }

  /** Everything the Network page shows for one cluster. */
  overview(cluster: string): Promise<ClusterOverview> {
    return this.reuse(`overview|${cluster}`, cluster, () => this.buildOverview(cluster));
  }

  /** The overview, pools or gateways serialized once per build, for the REST API. */
  serialized(section: 'overview' | 'pools' | 'gateways', cluster: string): Promise<SerializedJson> {
    return this.reuse(`${section}-json|${cluster}`, cluster, async () => new SerializedJson(await this[section](cluster)));
  }

  /**
   * Reuses an answer while the cluster's cache generation is unchanged (for at most
   * `reuseForMs`); concurrent callers share one build.
   */
  private reuse<T>(key: string, cluster: string, build: () => Promise<T>): Promise<T> {
    const generation = this.cacheOf(cluster).generation();
    const reused = this.reusable.get(key);
    if (reused && reused.generation === generation && reused.expiresAt > this.now()) return reused.value as Promise<T>;
    const value = build();
    this.reusable.set(key, { generation, expiresAt: this.now() + this.reuseForMs, value });
    value.catch(() => this.reusable.delete(key));
    return value;
  }

  private async buildOverview(cluster: string): Promise<ClusterOverview> {
    const cache = this.cacheOf(cluster);
    const summary = this.clusters.summary(cluster)!;
    const health = cache.health();
    const missing = health.kinds.filter(kind => kind.state === 'absent').map(kind => qualifiedKind(kind.kind));
    if (health.state === 'unreachable') missing.unshift('cluster');
    const definition = this.clusters.definition(cluster)!;
    if (!definition.dns.internal) missing.push('dns-internal');
    if (definition.dns.external.length === 0) missing.push('dns-external');
    // Sections that depend on the cluster's objects alone are built once per cache generation;
    // the overview is rebuilt more often than that for the clock (leases, certificates) and DNS.
    const once = <T>(name: string, build: (of: ClusterCache) => T) => this.perGeneration(`${name}|${cluster}`, cache, build);
    return {
      cluster: summary,
      generatedAt: new Date(this.now()).toISOString(),
      stale: health.stale,
      gateways: once('gateways', gatewaySummaries),
      routeCounts: once('route-counts', () => routeCounts(this.routeRows(cluster, cache))),
      ingresses: once('ingresses', of => this.ingresses(of)),
      pools: once('pools', poolSummaries),
      l2Policies: once('l2-policies', of => this.l2Policies(of)),
      l2Leases: this.l2Leases(cache),
      cilium: once('cilium', ciliumSummary),
      certificates: this.certificates(cache),
      issuers: once('issuers', issuerSummaries),
      dns: await this.dnsRecords(cluster, cache),
      dnsNotChecked: Math.max(0, this.dnsExpectationsOf(cluster, cache).length - this.dnsCheckLimit),
      dnsEndpoints: once('dns-endpoints', dnsEndpointSummaries),
      namespacesWithoutDefaultDeny: once('default-deny', of => namespacesWithoutDefaultDeny(of.list('Namespace'), policiesOf(of))),
      missing,
    };
  }

  private routeRows(cluster: string, cache: ClusterCache): RouteRow[] {
    return this.perGeneration(`route-rows|${cluster}`, cache, of => routeRows(routeSummaries(of)));
  }

  /** A value built from the cache, kept until the cache's generation changes. */
  private perGeneration<T>(key: string, cache: ClusterCache, build: (of: ClusterCache) => T): T {
    const generation = cache.generation();
    const kept = this.sections.get(key);
    if (kept && kept.generation === generation) return kept.value as T;
    const value = build(cache);
    this.sections.set(key, { generation, value });
    return value;
  }

  private cacheOf(cluster: string): ClusterCache {
    const cache = this.clusters.cache(cluster);
    if (!cache) throw new ServiceUnavailableError(`Cluster ${cluster} has no cache`);
    return cache;
  }

  private section<T>(cluster: string, kinds: string[], build: (cache: ClusterCache) => T[]): ClusterSection<T> {
    const cache = this.cacheOf(cluster);
    const health = cache.health();
    const missing = kinds.filter(kind => cache.isAbsent(kind)).map(qualifiedKind);
    if (health.state === 'unreachable') missing.unshift('cluster');
    return { cluster, items: build(cache), stale: health.stale, missing };
  }

  private ingresses(cache: ClusterCache): IngressSummary[] {
    return cache.list('Ingress').map(ingress => ({
      namespace: ingress.metadata.namespace,
      name: ingress.metadata.name,
      ingressClassName: ingress.spec?.ingressClassName,
      hosts: (ingress.spec?.rules ?? []).map((rule: any) => rule.host).filter(Boolean),
      addresses: (ingress.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip ?? entry.hostname).filter(Boolean),
      backends: (ingress.spec?.rules ?? []).flatMap((rule: any) =>
        (rule.http?.paths ?? [])
          .filter((path: any) => path.backend?.service?.name)
          .map((path: any) => `${path.backend.service.name}:${path.backend.service.port?.number ?? path.backend.service.port?.name ?? ''}`),
      ),
      tlsSecrets: (ingress.spec?.tls ?? []).map((tls: any) => tls.secretName).filter(Boolean),
    }));
  }

  private l2Policies(cache: ClusterCache): L2PolicySummary[] {
    const loadBalancers = cache.byIndex('Service', 'type', 'LoadBalancer');
    return cache.list('CiliumL2AnnouncementPolicy').map(policy => ({
      name: policy.metadata.name,
      nodeSelector: formatLabelSelector(policy.spec?.nodeSelector),
      serviceSelector: formatLabelSelector(policy.spec?.serviceSelector),
      loadBalancerIPs: Boolean(policy.spec?.loadBalancerIPs),
      externalIPs: Boolean(policy.spec?.externalIPs),
      interfaces: policy.spec?.interfaces ?? [],
      services: loadBalancers
        .filter(service => matchesLabelSelector(policy.spec?.serviceSelector, service.metadata.labels, 'matches-everything'))
        .map(service => `${service.metadata.namespace}/${service.metadata.name}`),
      conditions: toConditions(policy.status?.conditions),
    }));
  }

  private l2Leases(cache: ClusterCache): L2LeaseSummary[] {
    const now = this.now();
    const loadBalancers = cache.byIndex('Service', 'type', 'LoadBalancer');
    const byLeaseName = new Map(loadBalancers.map(service => [`${L2_LEASE_PREFIX}${service.metadata.namespace}-${service.metadata.name}`, service]));
    return cache
      .list('Lease', 'kube-system')
      .filter(lease => lease.metadata.name.startsWith(L2_LEASE_PREFIX))
      .map(lease => {
        const service = byLeaseName.get(lease.metadata.name);
        const rest = lease.metadata.name.slice(L2_LEASE_PREFIX.length);
        return {
          // Without the Service the namespace/name split of the lease name is ambiguous; keep it whole.
          service: service
            ? { namespace: service.metadata.namespace, name: service.metadata.name }
            : { namespace: '', name: rest },
          ips: service ? serviceLoadBalancerIps(service) : [],
          holder: lease.spec?.holderIdentity,
          renewTime: lease.spec?.renewTime,
          expired: leaseExpired(lease, now),
        };
      });
  }

  private certificates(cache: ClusterCache): CertificateSummary[] {
    const now = this.now();
    return cache.list('Certificate').map(certificate => {
      const ready = conditionOf(certificate.status?.conditions, 'Ready');
      const notAfter: string | undefined = certificate.status?.notAfter;
      const issuer = certificate.spec?.issuerRef ?? {};
      return {
        namespace: certificate.metadata.namespace,
        name: certificate.metadata.name,
        dnsNames: certificate.spec?.dnsNames ?? [],
        secretName: certificate.spec?.secretName ?? '',
        issuer: `${issuer.kind ?? 'Issuer'}/${issuer.name ?? ''}`,
        ready: ready?.status === 'True',
        readyReason: ready?.reason,
        readyMessage: ready?.message,
        notAfter,
        renewalTime: certificate.status?.renewalTime,
        daysLeft: notAfter ? Math.floor((Date.parse(notAfter) - now) / DAY_MS) : undefined,
      };
    });
  }

  /** Each exact route hostname with the addresses of the gateways the route names, sorted by hostname. */
  private dnsExpectations(cache: ClusterCache): { hostname: string; expected: string[]; source: any }[] {
    const expectations: { hostname: string; expected: string[]; source: any }[] = [];
    for (const kind of ['HTTPRoute', 'GRPCRoute']) {
      for (const route of cache.list(kind)) {
        const expected = new Set<string>();
        for (const ref of route.spec?.parentRefs ?? []) {
          const gateway = cache.get('Gateway', ref.namespace ?? route.metadata.namespace, ref.name);
          if (!gateway) continue;
          const service = gatewayService(cache, gateway);
          const addresses = service ? serviceLoadBalancerIps(service) : (gateway.status?.addresses ?? []).map((address: any) => address.value);
          for (const address of addresses) expected.add(address);
        }
        for (const hostname of route.spec?.hostnames ?? []) {
          if (hostname.startsWith('*')) continue;
          expectations.push({
            hostname,
            expected: [...expected],
            source: { apiVersion: 'gateway.networking.k8s.io/v1', kind, namespace: route.metadata.namespace, name: route.metadata.name },
          });
        }
      }
    }
    return expectations.sort((a, b) => a.hostname.localeCompare(b.hostname));
  }

  /** The first `dnsCheckLimit` route hostnames (exact names, as k8s_gateway indexes them) against each configured server's answers. */
  private async dnsRecords(cluster: string, cache: ClusterCache): Promise<DnsRecordSummary[]> {
    const definition = this.clusters.definition(cluster)!;
    const expectations = this.dnsExpectationsOf(cluster, cache).slice(0, this.dnsCheckLimit);
    const scopes: { scope: 'internal' | 'external'; servers: { host: string; port: number }[] }[] = [];
    if (definition.dns.internal) scopes.push({ scope: 'internal', servers: [definition.dns.internal] });
    if (definition.dns.external.length > 0) scopes.push({ scope: 'external', servers: definition.dns.external });
    const records: Promise<DnsRecordSummary>[] = [];
    for (const { scope, servers } of scopes) {
      for (const expectation of expectations) {
        records.push(
          Promise.all(servers.map(server => this.dns.resolve(server, expectation.hostname))).then(answers => {
            const answered = [...new Set(answers.flatMap(answer => answer.addresses))];
            let state: DnsRecordSummary['state'] = 'match';
            let message: string | undefined;
            if (answered.length === 0) {
              state = 'no-answer';
              message = answers.map(answer => `${answer.server}: ${answer.code ?? answer.outcome}`).join('; ');
            } else if (expectation.expected.length > 0 && !answers.every(answer => answer.addresses.some(address => expectation.expected.includes(address)))) {
              state = 'mismatch';
            }
            return { ...expectation, scope, answered, state, message };
          }),
        );
      }
    }
    return Promise.all(records);
  }

  private dnsExpectationsOf(cluster: string, cache: ClusterCache) {
    return this.perGeneration(`dns-expectations|${cluster}`, cache, of => this.dnsExpectations(of));
  }
}
