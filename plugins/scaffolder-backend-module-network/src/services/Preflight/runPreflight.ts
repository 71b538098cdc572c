import {
  certificateCoversHostname,
  evaluateRouteAttachment,
  GatewayListenerRef,
  isDnsEgressAllowed,
  isIngressAllowed,
  PolicyObject,
  renderServiceRepository,
  routeParents,
  ServiceSpec,
  TrafficPeer,
} from '@internal/plugin-network-common';
import { ClusterApi } from '../ClusterApi/ClusterApi';
import { ManifestValidator } from '../ManifestValidator/ManifestValidator';
import { NetworkView } from '../NetworkView/NetworkView';

/** One preflight check: a stable id, whether it passed, and what it saw. */
export interface PreflightCheck {
  id: string;
  ok: boolean;
  message: string;
}

/** Where the preflight reads the cluster. */
export interface PreflightSources {
  cluster: string;
  network: NetworkView;
  clusterApi: ClusterApi;
  validator: ManifestValidator;
  /** The field manager the dry-run applies with (the same as the real apply). */
  fieldManager: string;
}

const namespaceLabelsOf = (
  namespace: string,
  object: any,
): Record<string, string> => ({
  'kubernetes.io/metadata.name': namespace,
  ...(object?.metadata?.labels ?? {}),
});

/**
 * Checks a service against the live cluster before anything is published: the schemas,
 * the namespace, each gateway (exists, Programmed, its listener admits the route from the
 * namespace and hostname), TLS (the wildcard covers the name, or the issuer exists and is
 * Ready), the ingress class, an address for the gateway (or a pool with a free IP), the
 * policies (gateway -> pod on the port, DNS egress) and a server-side dry-run of every
 * manifest. Runs every check and returns them all; the caller fails on any `ok: false`.
 */
export async function runPreflight(
  spec: ServiceSpec,
  sources: PreflightSources,
): Promise<PreflightCheck[]> {
  const { cluster, network, clusterApi, validator } = sources;
  const repository = renderServiceRepository(spec);
  const checks: PreflightCheck[] = [];
  const check = (id: string, ok: boolean, message: string) =>
    checks.push({ id, ok, message });

  const validations = await validator.validate(repository.manifests);
  const invalid = validations.filter(result => result.errors.length > 0);
  check(
    'manifests-valid',
    invalid.length === 0,
    invalid.length === 0
      ? `${validations.length} manifests match the upstream schemas`
      : invalid
          .map(
            result =>
              `${result.kind} ${result.name}: ${result.errors.join(', ')}`,
          )
          .join('; '),
  );

  const namespaceObject = await clusterApi.get(
    cluster,
    `/api/v1/namespaces/${encodeURIComponent(spec.namespace)}`,
  );
  check(
    'namespace-exists',
    namespaceObject !== undefined,
    namespaceObject
      ? `namespace ${spec.namespace} exists`
      : `namespace ${spec.namespace} does not exist in cluster ${cluster}`,
  );
  const namespaceLabels = namespaceLabelsOf(spec.namespace, namespaceObject);

  if (spec.exposure !== 'none') {
    if (spec.routing.kind === 'gateway') {
      const gateways = await network.gateways(cluster);
      const route = repository.manifests.find(
        entry => entry.manifest.kind === 'HTTPRoute',
      )!.manifest as any;
      for (const parent of routeParents(spec)) {
        await checkGateway(
          spec,
          parent,
          route,
          { gateways, namespaceLabels, clusterApi, cluster, network },
          check,
        );
      }
    } else {
      const ingressClass = await clusterApi.get(
        cluster,
        `/apis/networking.k8s.io/v1/ingressclasses/${encodeURIComponent(
          spec.routing.className,
        )}`,
      );
      check(
        'ingress-class',
        ingressClass !== undefined,
        ingressClass
          ? `IngressClass ${spec.routing.className} exists (controller ${
              ingressClass.spec?.controller ?? 'unknown'
            })`
          : `IngressClass ${spec.routing.className} does not exist in cluster ${cluster}`,
      );
    }
    if (spec.tls.kind === 'issuer')
      await checkIssuer(spec, spec.tls, { clusterApi, cluster }, check);
  }

  const rendered = repository.manifests.map(
    entry => entry.manifest,
  ) as unknown as PolicyObject[];
  const existing = await existingPolicies(spec, { clusterApi, cluster });
  checkPolicies(spec, [...rendered, ...existing], check);

  if (namespaceObject !== undefined) {
    const rejected: string[] = [];
    await Promise.all(
      repository.manifests.map(async entry => {
        try {
          await clusterApi.apply(cluster, entry.manifest, {
            fieldManager: sources.fieldManager,
            dryRun: true,
          });
        } catch (error) {
          rejected.push(
            `${entry.manifest.kind} ${entry.manifest.metadata.name}: ${
              (error as Error).message
            }`,
          );
        }
      }),
    );
    check(
      'server-dry-run',
      rejected.length === 0,
      rejected.length === 0
        ? `the API server accepts all ${repository.manifests.length} manifests (server-side apply, dryRun=All)`
        : `the API server rejects ${rejected.sort().join('; ')}`,
    );
  }
  return checks;
}

async function checkGateway(
  spec: ServiceSpec,
  parent: GatewayListenerRef,
  route: any,
  context: {
    gateways: Awaited<ReturnType<NetworkView['gateways']>>;
    namespaceLabels: Record<string, string>;
    clusterApi: ClusterApi;
    cluster: string;
    network: NetworkView;
  },
  check: (id: string, ok: boolean, message: string) => void,
): Promise<void> {
  const id = `gateway ${parent.namespace}/${parent.name}`;
  const summary = context.gateways.find(
    gateway =>
      gateway.namespace === parent.namespace && gateway.name === parent.name,
  );
  if (!summary) {
    check(
      'gateway-exists',
      false,
      `${id} does not exist in cluster ${context.cluster}`,
    );
    return;
  }
  const programmed = summary.conditions.find(
    condition => condition.type === 'Programmed',
  );
  check(
    'gateway-programmed',
    programmed?.status === 'True',
    programmed?.status === 'True'
      ? `${id} is Programmed`
      : `${id} is not Programmed (${
          programmed?.reason ?? 'no Programmed condition'
        }${programmed?.message ? `: ${programmed.message}` : ''})`,
  );
  if (summary.addresses.length === 0) {
    const pools = await context.network.pools(context.cluster);
    const free = pools
      .filter(pool => !pool.disabled)
      .reduce((sum, pool) => sum + pool.free, 0);
    check(
      'pool-free-ip',
      free > 0,
      free > 0
        ? `${id} has no address yet; the pools have ${free} free IPs for its LoadBalancer`
        : `${id} has no address and no IP pool has a free address for its LoadBalancer`,
    );
  }
  // The Gateway object itself: the summary lacks allowedRoutes selectors and kinds.
  const gateway = await context.clusterApi.get(
    context.cluster,
    `/apis/gateway.networking.k8s.io/v1/namespaces/${encodeURIComponent(
      parent.namespace,
    )}/gateways/${encodeURIComponent(parent.name)}`,
  );
  const parentRef = route.spec.parentRefs.find(
    (ref: any) =>
      ref.name === parent.name && ref.namespace === parent.namespace,
  );
  const attachment = evaluateRouteAttachment(
    route,
    parentRef,
    gateway,
    namespace =>
      namespace === spec.namespace ? context.namespaceLabels : undefined,
  );
  check(
    'listener-admits-route',
    attachment.accepted,
    attachment.accepted
      ? `${id} listener ${parent.listener} admits HTTPRoutes from namespace ${spec.namespace} for ${spec.hostname}`
      : `${id} listener ${parent.listener} does not admit the route: ${attachment.reason}: ${attachment.message}`,
  );
  if (spec.tls.kind === 'gateway-wildcard') {
    const listener = summary.listeners.find(
      candidate => candidate.name === parent.listener,
    );
    const covered =
      listener !== undefined &&
      listener.protocol === 'HTTPS' &&
      listener.certificateRefs.length > 0 &&
      certificateCoversHostname(
        listener.hostname ? [listener.hostname] : [],
        spec.hostname,
      );
    check(
      'wildcard-covers-hostname',
      covered,
      covered
        ? `${id} listener ${parent.listener} terminates TLS for ${
            listener!.hostname
          }, which covers ${spec.hostname}`
        : `${id} listener ${parent.listener} has no TLS certificate covering ${spec.hostname}; choose an issuer instead`,
    );
  }
}

async function checkIssuer(
  spec: ServiceSpec,
  tls: { issuer: string; issuerKind: 'ClusterIssuer' | 'Issuer' },
  context: { clusterApi: ClusterApi; cluster: string },
  check: (id: string, ok: boolean, message: string) => void,
): Promise<void> {
  const path =
    tls.issuerKind === 'ClusterIssuer'
      ? `/apis/cert-manager.io/v1/clusterissuers/${encodeURIComponent(
          tls.issuer,
        )}`
      : `/apis/cert-manager.io/v1/namespaces/${encodeURIComponent(
          spec.namespace,
        )}/issuers/${encodeURIComponent(tls.issuer)}`;
  const issuer = await context.clusterApi.get(context.cluster, path);
  if (!issuer) {
    check(
      'issuer-ready',
      false,
      `${tls.issuerKind} ${tls.issuer} does not exist in cluster ${context.cluster}`,
    );
    return;
  }
  const ready = (issuer.status?.conditions ?? []).find(
    (condition: any) => condition.type === 'Ready',
  );
  check(
    'issuer-ready',
    ready?.status === 'True',
    ready?.status === 'True'
      ? `${tls.issuerKind} ${tls.issuer} is Ready`
      : `${tls.issuerKind} ${tls.issuer} is not Ready (${
          ready?.reason ?? 'no Ready condition'
        }${ready?.message ? `: ${ready.message}` : ''})`,
  );
}

/**
 * The policies already in the cluster that can affect the service's pods: those of its
 * namespace (except the ones this service renders, which a re-run replaces) and the
 * clusterwide Cilium ones. A Cilium deny rule among them wins over the rendered allows.
 */
async function existingPolicies(
  spec: ServiceSpec,
  context: { clusterApi: ClusterApi; cluster: string },
): Promise<PolicyObject[]> {
  const namespace = encodeURIComponent(spec.namespace);
  const sources: [string, PolicyObject['kind']][] = [
    [
      `/apis/networking.k8s.io/v1/namespaces/${namespace}/networkpolicies`,
      'NetworkPolicy',
    ],
    [
      `/apis/cilium.io/v2/namespaces/${namespace}/ciliumnetworkpolicies`,
      'CiliumNetworkPolicy',
    ],
    [
      '/apis/cilium.io/v2/ciliumclusterwidenetworkpolicies',
      'CiliumClusterwideNetworkPolicy',
    ],
  ];
  const lists = await Promise.all(
    sources.map(async ([path, kind]) => {
      // A cluster without Cilium answers 404 for its kinds: nothing to add.
      const list = await context.clusterApi.get(context.cluster, path);
      // List items carry no kind; the evaluation needs it.
      return (list?.items ?? []).map((item: any) => ({ ...item, kind }));
    }),
  );
  const ownPrefix = `${spec.name}-`;
  return lists
    .flat()
    .filter(
      policy =>
        !(
          policy.metadata?.namespace === spec.namespace &&
          policy.metadata?.name?.startsWith(ownPrefix)
        ),
    );
}

function checkPolicies(
  spec: ServiceSpec,
  manifests: PolicyObject[],
  check: (id: string, ok: boolean, message: string) => void,
): void {
  const policies = manifests.filter(manifest =>
    manifest.kind.endsWith('NetworkPolicy'),
  );
  const pod = {
    namespace: spec.namespace,
    podLabels: {
      'app.kubernetes.io/name': spec.name,
      'app.kubernetes.io/instance': spec.name,
    },
  };
  if (spec.exposure !== 'none') {
    const proxy = spec.policy.proxy;
    const from: TrafficPeer =
      proxy.kind === 'cilium'
        ? { entity: 'ingress' }
        : { namespace: proxy.namespace, podLabels: proxy.podLabels ?? {} };
    const decision = isIngressAllowed(
      { from, to: pod, port: spec.port },
      policies,
    );
    check(
      'policy-admits-gateway',
      decision.allowed,
      `gateway -> pod on TCP/${spec.port}: ${decision.message}`,
    );
  }
  const dns = isDnsEgressAllowed(pod, policies);
  check('policy-admits-dns', dns.allowed && dns.tcp.allowed, dns.message);
}
