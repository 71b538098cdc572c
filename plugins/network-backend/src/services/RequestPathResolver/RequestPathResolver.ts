import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { externalDnsHostnames, Hop, HostnamePath, RequestPath, worstHopState } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { ClusterDefinition } from '../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../DnsProbe/DnsProbe';
import { NetworkClusters } from '../NetworkClusters/NetworkClusters';
import { qualifiedKind } from '../NetworkClusters/qualifiedKind';
import { BackendRef, endpointsHop, podsBehind, podsHop, serviceHop } from './backendHops';
import { certificateHop } from './certificateHop';
import { dnsHop } from './dnsHops';
import { fixHintFor } from './fixHints';
import { candidateListeners, gatewayListenerHop, GatewayParentRef, gatewayParentsOf, gatewayService, routeHop } from './gatewayHops';
import { ingressHop } from './ingressHop';
import { loadBalancerHop } from './loadBalancerHop';
import { refOf } from './objectRefs';
import { policyHops } from './policyHops';
import { selectByLabels, servicesSelectingPods, workloadSelectorOf, WorkloadSelector } from './workloadSelection';

/** Options of {@link RequestPathResolver}. */
export interface RequestPathResolverOptions {
  clusters: NetworkClusters;
  dns: DnsProbe;
  now?: () => number;
  /**
   * How long an answer is reused while the cluster cache has not changed. Keep it at or below
   * the DNS answer cache (both go stale together) and well below L2 lease durations.
   */
  reuseForMs?: number;
}

/** A computed path, reusable while its cluster's cache generation is unchanged. */
interface ReusablePath {
  generation: string;
  expiresAt: number;
  path: RequestPath;
}

const MAX_REUSABLE_PATHS = 2000;

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'];
/** Kinds whose absence leaves part of the path unchecked, reported in `missing`. */
const KINDS_THE_PATH_READS = ['Pod', 'Service', 'EndpointSlice', 'Gateway', 'HTTPRoute', 'Ingress', 'CiliumLoadBalancerIPPool', 'Certificate', 'NetworkPolicy', 'CiliumNetworkPolicy'];

/** The objects that belong to an entity's workload in one cluster. */
interface Workload {
  selector: WorkloadSelector;
  namespace: string;
  pods: any[];
  deployment?: any;
  services: any[];
  routes: { kind: string; route: any }[];
  ingresses: any[];
}

/**
 * Builds an entity's request path from the cluster cache: for each hostname that reaches the
 * workload, hostname -> DNS -> LoadBalancer IP -> gateway listener or ingress -> route ->
 * service -> endpoints -> pods, with the certificate and policies beside. Reads only the cache
 * (and the DNS servers, cached a few seconds), never the API server.
 */
export class RequestPathResolver {
  private readonly clusters: NetworkClusters;
  private readonly dns: DnsProbe;
  private readonly now: () => number;
  private readonly reuseForMs: number;
  private readonly reusable = new Map<string, ReusablePath>();

  constructor(options: RequestPathResolverOptions) {
    this.clusters = options.clusters;
    this.dns = options.dns;
    this.now = options.now ?? Date.now;
    this.reuseForMs = options.reuseForMs ?? 2000;
  }

  /**
   * The request path of an entity in `cluster`, or in the first cluster where its workload runs.
   * Page loads of the same entity reuse the last answer while the cache has not changed (and
   * for at most `reuseForMs`), so a busy page costs a map lookup, not a walk of the cluster.
   */
  async resolve(entity: Entity, options: { cluster?: string } = {}): Promise<RequestPath> {
    const selector = workloadSelectorOf(entity);
    const entityRef = stringifyEntityRef(entity);
    const key = `${entityRef}|${options.cluster ?? ''}|${selector.text}|${selector.namespace ?? ''}`;
    // An answer is reused only while no cache changed, neither its objects nor its staleness
    // (an outage changes no object, but every answer must say it is stale).
    const generation = this.clusters
      .definitions()
      .map(definition => {
        const cache = this.clusters.cache(definition.name);
        return cache ? `${cache.generation()}${cache.isStale() ? 's' : ''}` : '-';
      })
      .join(',');
    const reused = this.reusable.get(key);
    if (reused && reused.generation === generation && reused.expiresAt > this.now()) return reused.path;
    const path = await this.build(entityRef, selector, options.cluster);
    if (this.reusable.size >= MAX_REUSABLE_PATHS) this.reusable.delete(this.reusable.keys().next().value!);
    this.reusable.set(key, { generation, expiresAt: this.now() + this.reuseForMs, path });
    return path;
  }

  private async build(entityRef: string, selector: WorkloadSelector, cluster: string | undefined): Promise<RequestPath> {
    const options = { cluster };
    const generatedAt = new Date(this.now()).toISOString();
    const definition = this.pickCluster(selector, options.cluster);
    if (!definition) {
      return { entityRef, cluster: '', namespace: selector.namespace ?? '', paths: [], beside: [], state: 'unknown', missing: ['clusters'], stale: false, generatedAt };
    }
    const cache = this.clusters.cache(definition.name)!;
    const health = cache.health();
    const missing: string[] = [];
    if (health.state === 'unreachable') missing.push('cluster');
    for (const kind of KINDS_THE_PATH_READS) if (cache.isAbsent(kind)) missing.push(qualifiedKind(kind));
    if (!definition.dns.internal) missing.push('dns-internal');
    if (definition.dns.external.length === 0) missing.push('dns-external');

    const workload = this.findWorkload(cache, selector);
    const paths: HostnamePath[] = await Promise.all([
      ...workload.routes.flatMap(({ kind, route }) => this.routePaths(cache, definition, workload, kind, route)),
      ...workload.ingresses.flatMap(ingress => this.ingressPaths(cache, definition, workload, ingress)),
      ...this.loadBalancerPaths(cache, definition, workload),
    ]);

    const beside = this.besideHops(cache, workload, paths);
    const allHops = [...paths.flatMap(path => path.hops), ...beside];
    let failingHop: RequestPath['failingHop'];
    paths.some((path, pathIndex) => {
      const hop = path.hops.find(candidate => candidate.state === 'failing');
      if (hop) failingHop = { pathIndex, hopId: hop.id };
      return Boolean(hop);
    });
    // A failing certificate or policy beside healthy paths is still what the UI opens on.
    const failingBeside = beside.find(hop => hop.state === 'failing');
    if (!failingHop && failingBeside) failingHop = { pathIndex: -1, hopId: failingBeside.id };
    return {
      entityRef,
      cluster: definition.name,
      namespace: workload.namespace,
      workload: workload.deployment ? { kind: 'Deployment', name: workload.deployment.metadata.name } : undefined,
      paths,
      beside,
      state: allHops.length > 0 ? worstHopState(allHops.map(hop => hop.state)) : 'unknown',
      failingHop,
      missing,
      stale: health.stale,
      generatedAt,
    };
  }

  private pickCluster(selector: WorkloadSelector, requested?: string): ClusterDefinition | undefined {
    if (requested) return this.clusters.definition(requested);
    const definitions = this.clusters.definitions();
    const withPods = definitions.find(definition => {
      const cache = this.clusters.cache(definition.name);
      return cache && selectByLabels(cache, 'Pod', selector).length > 0;
    });
    return withPods ?? definitions[0];
  }

  private findWorkload(cache: ClusterCache, selector: WorkloadSelector): Workload {
    const pods = selectByLabels(cache, 'Pod', selector);
    const deployments = selectByLabels(cache, 'Deployment', selector);
    const namespace = selector.namespace ?? pods[0]?.metadata.namespace ?? deployments[0]?.metadata.namespace ?? '';
    const services = uniqueObjects([...servicesSelectingPods(cache, pods), ...selectByLabels(cache, 'Service', selector)]);
    const routes: Workload['routes'] = [];
    for (const kind of ROUTE_KINDS) {
      const found = uniqueObjects([
        ...services.flatMap(service => cache.byIndex(kind, 'backendService', `${service.metadata.namespace}/${service.metadata.name}`)),
        ...selectByLabels(cache, kind, selector),
      ]);
      for (const route of found) routes.push({ kind, route });
    }
    const ingresses = uniqueObjects([
      ...services.flatMap(service => cache.byIndex('Ingress', 'backendService', `${service.metadata.namespace}/${service.metadata.name}`)),
      ...selectByLabels(cache, 'Ingress', selector),
    ]);
    return { selector, namespace, pods, deployment: deployments[0], services, routes, ingresses };
  }

  private routePaths(cache: ClusterCache, definition: ClusterDefinition, workload: Workload, kind: string, route: any): Promise<HostnamePath>[] {
    const backends: BackendRef[] = (route.spec?.rules ?? []).flatMap((rule: any) =>
      (rule.backendRefs ?? [])
        .filter((ref: any) => (ref.kind ?? 'Service') === 'Service' && !ref.group)
        .map((ref: any) => ({ namespace: ref.namespace ?? route.metadata.namespace, name: ref.name, port: ref.port })),
    );
    const uniqueBackends = [...new Map(backends.map(backend => [`${backend.namespace}/${backend.name}`, backend])).values()];
    return gatewayParentsOf(route).flatMap(parent => {
      const gateway = cache.get('Gateway', parent.namespace, parent.name);
      const hostnames: string[] = route.spec?.hostnames?.length
        ? route.spec.hostnames
        : inheritedHostnames(gateway, parent);
      return hostnames.map(async hostname => {
        const hops: Hop[] = [hostnameHop(hostname, refOf(kind, route, 'gateway.networking.k8s.io/v1'), 'spec.hostnames')];
        const service = gateway ? gatewayService(cache, gateway) : undefined;
        const addresses: string[] = service
          ? (service.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip).filter(Boolean)
          : (gateway?.status?.addresses ?? []).map((address: any) => address.value);
        hops.push(...(await this.dnsHops(definition, hostname, addresses)));
        if (service) hops.push(loadBalancerHop(cache, service, this.now()));
        hops.push(gatewayListenerHop(cache, route, parent, hostname));
        hops.push(routeHop(kind, route, parent));
        hops.push(...this.backendHops(cache, workload, uniqueBackends));
        return { hostname, hops };
      });
    });
  }

  private ingressPaths(cache: ClusterCache, definition: ClusterDefinition, workload: Workload, ingress: any): Promise<HostnamePath>[] {
    const rules: any[] = (ingress.spec?.rules ?? []).filter((rule: any) => rule.host);
    return rules.map(async rule => {
      const hostname: string = rule.host;
      const backends: BackendRef[] = (rule.http?.paths ?? [])
        .filter((path: any) => path.backend?.service?.name)
        .map((path: any) => ({
          namespace: ingress.metadata.namespace,
          name: path.backend.service.name,
          port: path.backend.service.port?.number ?? path.backend.service.port?.name,
        }));
      const uniqueBackends = [...new Map(backends.map(backend => [backend.name, backend])).values()];
      const addresses: string[] = (ingress.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip).filter(Boolean);
      const hops: Hop[] = [hostnameHop(hostname, refOf('Ingress', ingress, 'networking.k8s.io/v1'), 'spec.rules[].host')];
      hops.push(...(await this.dnsHops(definition, hostname, addresses)));
      const controllerService = addresses[0] ? cache.byIndex('Service', 'loadBalancerIp', addresses[0])[0] : undefined;
      if (controllerService) hops.push(loadBalancerHop(cache, controllerService, this.now()));
      hops.push(ingressHop(cache, ingress));
      hops.push(...this.backendHops(cache, workload, uniqueBackends));
      return { hostname, hops };
    });
  }

  private loadBalancerPaths(cache: ClusterCache, definition: ClusterDefinition, workload: Workload): Promise<HostnamePath>[] {
    return workload.services
      .filter(service => service.spec?.type === 'LoadBalancer')
      .map(async service => {
        const namespace = service.metadata.namespace;
        const name = service.metadata.name;
        const annotated = externalDnsHostnames(service.metadata.annotations)[0];
        const hostname: string = annotated ?? `${name}.${namespace} (LoadBalancer)`;
        const hops: Hop[] = [
          annotated
            ? hostnameHop(hostname, refOf('Service', service, 'v1'), 'metadata.annotations[external-dns hostname]')
            : {
                id: 'hostname', kind: 'hostname', title: hostname, state: 'ok',
                message: 'No DNS name is annotated; clients reach the service by its LoadBalancer address',
                evidence: { objects: [refOf('Service', service, 'v1')], fields: { 'spec.type': 'LoadBalancer' } },
              },
        ];
        const addresses: string[] = (service.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip).filter(Boolean);
        if (annotated) hops.push(...(await this.dnsHops(definition, hostname, addresses)));
        hops.push(loadBalancerHop(cache, service, this.now()));
        hops.push(...this.backendHops(cache, workload, [{ namespace, name }]));
        return { hostname, hops };
      });
  }

  private backendHops(cache: ClusterCache, workload: Workload, backends: BackendRef[]): Hop[] {
    if (backends.length === 0) {
      return [{
        id: 'service', kind: 'service', title: 'Service', state: 'failing', reason: 'BackendNotFound',
        message: 'The route or ingress names no Service backend', evidence: { objects: [], fields: {} }, fixHint: fixHintFor('BackendNotFound'),
      }];
    }
    const hops = [serviceHop(cache, backends)];
    if (hops[0].state === 'failing') return hops;
    hops.push(endpointsHop(cache, backends));
    const pods = podsBehind(cache, workload.pods, backends);
    hops.push(podsHop(pods.length > 0 ? pods : workload.pods, workload.deployment?.metadata.name));
    return hops;
  }

  private async dnsHops(definition: ClusterDefinition, hostname: string, expected: string[]): Promise<Hop[]> {
    const hops: Hop[] = [];
    if (hostname.startsWith('*')) return hops;
    if (definition.dns.internal) hops.push(await dnsHop(this.dns, 'dns-internal', [definition.dns.internal], hostname, expected));
    if (definition.dns.external.length > 0) hops.push(await dnsHop(this.dns, 'dns-external', definition.dns.external, hostname, expected));
    return hops;
  }

  private besideHops(cache: ClusterCache, workload: Workload, paths: HostnamePath[]): Hop[] {
    const beside = new Map<string, Hop>();
    const now = this.now();
    for (const path of paths) {
      if (path.hostname.includes(' ')) continue;
      const hop = certificateHop(cache, path.hostname, workload.namespace, now);
      if (hop) beside.set(hop.id, hop);
      else if (servesHttps(cache, path)) {
        beside.set(`certificate:${path.hostname}`, {
          id: `certificate:${path.hostname}`, kind: 'certificate', title: `Certificate for ${path.hostname}`, state: 'warning', reason: 'NoCertificate',
          message: `No Certificate covers ${path.hostname}`, evidence: { objects: [], fields: {} }, fixHint: fixHintFor('NoCertificate'),
        });
      }
    }
    for (const hop of policyHops(cache, workload.pods, paths)) beside.set(hop.id, hop);
    return [...beside.values()];
  }
}

function hostnameHop(hostname: string, source: ReturnType<typeof refOf>, field: string): Hop {
  return {
    id: 'hostname', kind: 'hostname', title: hostname, state: 'ok',
    message: `${hostname} is requested by ${source.kind} ${source.namespace}/${source.name}`,
    evidence: { objects: [source], fields: { [field]: hostname } },
  };
}

/** A route without hostnames takes the hostnames of the listeners it attaches to. */
function inheritedHostnames(gateway: any, parent: GatewayParentRef): string[] {
  if (!gateway) return ['(any hostname)'];
  const names = candidateListeners(gateway, parent, undefined).map((listener: any) => listener.hostname).filter(Boolean);
  return names.length > 0 ? [...new Set<string>(names)] : ['(any hostname)'];
}

function servesHttps(cache: ClusterCache, path: HostnamePath): boolean {
  const listenerHop = path.hops.find(hop => hop.kind === 'gateway-listener');
  const gatewayRef = listenerHop?.evidence.objects.find(object => object.kind === 'Gateway');
  if (!gatewayRef) return false;
  const gateway = cache.get('Gateway', gatewayRef.namespace, gatewayRef.name);
  return (gateway?.spec?.listeners ?? []).some(
    (listener: any) => listener.protocol === 'HTTPS' && (!listener.hostname || path.hostname.endsWith(listener.hostname.replace(/^\*/, ''))),
  );
}

function uniqueObjects(objects: any[]): any[] {
  return [...new Map(objects.map(object => [`${object.metadata.namespace}/${object.metadata.name}`, object])).values()];
}
