/** Derives index values from an object, e.g. the hostnames of a route. */
export type IndexFunction = (object: any) => string[];

/** One resource kind the cache keeps an informer for. */
export interface WatchedKind {
  /** Kind name as Kubernetes spells it; also the cache key. */
  kind: string;
  /** API group ('' for core). */
  group: string;
  /** Versions in order of preference; the first one the server serves is used. */
  versions: string[];
  /** Resource (plural) name. */
  plural: string;
  /** Whether objects live in namespaces. */
  namespaced: boolean;
  /** Watch a single namespace only (e.g. kube-system leases). */
  namespace?: string;
  /** Field selector narrowing the watch (e.g. a single ConfigMap). */
  fieldSelector?: string;
  /** Secondary indexes beyond namespace, by name. */
  indexes?: Record<string, IndexFunction>;
  /** Drops fields the portal never reads, to keep memory low at scale. */
  trim?: (object: any) => any;
  /**
   * Whether a modification matters to readers (default: always). The object is stored either
   * way; an insignificant change just does not count as a change (no signal, no cache bump).
   */
  isSignificantChange?: (previous: any, next: any) => boolean;
}

/** Index values `key=value` for every label, so label selectors start from an exact pair. */
export const labelPairs: IndexFunction = object =>
  Object.entries(object.metadata?.labels ?? {}).map(([key, value]) => `${key}=${value}`);

const lower = (value: unknown): string => String(value ?? '').toLowerCase();

const routeIndexes: Record<string, IndexFunction> = {
  label: labelPairs,
  hostname: route => (route.spec?.hostnames ?? []).map(lower),
  parentGateway: route =>
    (route.spec?.parentRefs ?? [])
      .filter((ref: any) => (ref.kind ?? 'Gateway') === 'Gateway')
      .map((ref: any) => `${ref.namespace ?? route.metadata.namespace}/${ref.name}`),
  backendService: route =>
    (route.spec?.rules ?? []).flatMap((rule: any) =>
      (rule.backendRefs ?? [])
        .filter((ref: any) => (ref.kind ?? 'Service') === 'Service' && !ref.group)
        .map((ref: any) => `${ref.namespace ?? route.metadata.namespace}/${ref.name}`),
    ),
};

function ingressBackendServices(ingress: any): string[] {
  const namespace = ingress.metadata.namespace;
  const names: string[] = [];
  const defaultName = ingress.spec?.defaultBackend?.service?.name;
  if (defaultName) names.push(`${namespace}/${defaultName}`);
  for (const rule of ingress.spec?.rules ?? []) {
    for (const path of rule.http?.paths ?? []) {
      if (path.backend?.service?.name) names.push(`${namespace}/${path.backend.service.name}`);
    }
  }
  return names;
}

/** Keeps only what the request path and overview read from a Pod: 20,000 of them must fit. */
function trimPod(pod: any): any {
  return {
    metadata: {
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      labels: pod.metadata.labels,
      resourceVersion: pod.metadata.resourceVersion,
      ownerReferences: pod.metadata.ownerReferences?.map((owner: any) => ({ kind: owner.kind, name: owner.name })),
      deletionTimestamp: pod.metadata.deletionTimestamp,
    },
    spec: {
      nodeName: pod.spec?.nodeName,
      containers: (pod.spec?.containers ?? []).map((container: any) => ({
        name: container.name,
        ports: container.ports,
      })),
    },
    status: {
      phase: pod.status?.phase,
      podIP: pod.status?.podIP,
      conditions: pod.status?.conditions?.map((condition: any) => ({
        type: condition.type,
        status: condition.status,
        reason: condition.reason,
      })),
      containerStatuses: pod.status?.containerStatuses?.map((status: any) => ({
        name: status.name,
        ready: status.ready,
        restartCount: status.restartCount,
        state: status.state,
      })),
    },
  };
}

/** The metadata every trimmed kind keeps. */
function trimmedMetadata(object: any): any {
  return {
    name: object.metadata.name,
    namespace: object.metadata.namespace,
    labels: object.metadata.labels,
    resourceVersion: object.metadata.resourceVersion,
  };
}

/** Keeps a Deployment's identity, replica counts and selector; its pod template is never read. */
function trimDeployment(deployment: any): any {
  return {
    metadata: trimmedMetadata(deployment),
    spec: { replicas: deployment.spec?.replicas, selector: deployment.spec?.selector },
    status: {
      replicas: deployment.status?.replicas,
      readyReplicas: deployment.status?.readyReplicas,
      availableReplicas: deployment.status?.availableReplicas,
    },
  };
}

/** Keeps the addresses and readiness of an EndpointSlice's endpoints. */
function trimEndpointSlice(slice: any): any {
  return {
    metadata: trimmedMetadata(slice),
    addressType: slice.addressType,
    ports: slice.ports,
    endpoints: (slice.endpoints ?? []).map((endpoint: any) => ({
      addresses: endpoint.addresses,
      conditions: { ready: endpoint.conditions?.ready },
      nodeName: endpoint.nodeName,
      targetRef: endpoint.targetRef ? { kind: endpoint.targetRef.kind, name: endpoint.targetRef.name } : undefined,
    })),
  };
}

/** Drops managedFields and the last-applied annotation, which can be larger than the object itself. */
export function trimMetadata(object: any): any {
  const metadata = object.metadata;
  if (!metadata) return object;
  if (metadata.managedFields) delete metadata.managedFields;
  if (metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
    const { ['kubectl.kubernetes.io/last-applied-configuration']: _dropped, ...rest } = metadata.annotations;
    metadata.annotations = rest;
  }
  return object;
}

/** Every kind the portal reads, with the indexes the request path and overview need. */
export const WATCHED_KINDS: readonly WatchedKind[] = [
  { kind: 'Namespace', group: '', versions: ['v1'], plural: 'namespaces', namespaced: false },
  { kind: 'Node', group: '', versions: ['v1'], plural: 'nodes', namespaced: false },
  {
    kind: 'Pod', group: '', versions: ['v1'], plural: 'pods', namespaced: true,
    indexes: { label: labelPairs, node: pod => (pod.spec?.nodeName ? [pod.spec.nodeName] : []) },
    trim: trimPod,
  },
  {
    kind: 'Service', group: '', versions: ['v1'], plural: 'services', namespaced: true,
    indexes: {
      label: labelPairs,
      loadBalancerIp: service => (service.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip).filter(Boolean),
      type: service => [service.spec?.type ?? 'ClusterIP'],
    },
  },
  {
    kind: 'EndpointSlice', group: 'discovery.k8s.io', versions: ['v1'], plural: 'endpointslices', namespaced: true,
    trim: trimEndpointSlice,
    indexes: {
      service: slice => {
        const name = slice.metadata?.labels?.['kubernetes.io/service-name'];
        return name ? [`${slice.metadata.namespace}/${name}`] : [];
      },
    },
  },
  { kind: 'Deployment', group: 'apps', versions: ['v1'], plural: 'deployments', namespaced: true, indexes: { label: labelPairs }, trim: trimDeployment },
  { kind: 'DaemonSet', group: 'apps', versions: ['v1'], plural: 'daemonsets', namespaced: true, indexes: { label: labelPairs } },
  {
    kind: 'Ingress', group: 'networking.k8s.io', versions: ['v1'], plural: 'ingresses', namespaced: true,
    indexes: {
      label: labelPairs,
      hostname: ingress => (ingress.spec?.rules ?? []).map((rule: any) => lower(rule.host)).filter(Boolean),
      backendService: ingressBackendServices,
    },
  },
  { kind: 'IngressClass', group: 'networking.k8s.io', versions: ['v1'], plural: 'ingressclasses', namespaced: false },
  { kind: 'NetworkPolicy', group: 'networking.k8s.io', versions: ['v1'], plural: 'networkpolicies', namespaced: true },
  { kind: 'GatewayClass', group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], plural: 'gatewayclasses', namespaced: false },
  { kind: 'Gateway', group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], plural: 'gateways', namespaced: true },
  { kind: 'HTTPRoute', group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], plural: 'httproutes', namespaced: true, indexes: routeIndexes },
  { kind: 'GRPCRoute', group: 'gateway.networking.k8s.io', versions: ['v1'], plural: 'grpcroutes', namespaced: true, indexes: routeIndexes },
  { kind: 'ReferenceGrant', group: 'gateway.networking.k8s.io', versions: ['v1', 'v1beta1'], plural: 'referencegrants', namespaced: true },
  { kind: 'CiliumLoadBalancerIPPool', group: 'cilium.io', versions: ['v2', 'v2alpha1'], plural: 'ciliumloadbalancerippools', namespaced: false },
  { kind: 'CiliumL2AnnouncementPolicy', group: 'cilium.io', versions: ['v2alpha1'], plural: 'ciliuml2announcementpolicies', namespaced: false },
  { kind: 'CiliumNetworkPolicy', group: 'cilium.io', versions: ['v2'], plural: 'ciliumnetworkpolicies', namespaced: true },
  { kind: 'CiliumClusterwideNetworkPolicy', group: 'cilium.io', versions: ['v2'], plural: 'ciliumclusterwidenetworkpolicies', namespaced: false },
  {
    kind: 'Certificate', group: 'cert-manager.io', versions: ['v1'], plural: 'certificates', namespaced: true,
    indexes: { dnsName: certificate => (certificate.spec?.dnsNames ?? []).map(lower) },
  },
  { kind: 'ClusterIssuer', group: 'cert-manager.io', versions: ['v1'], plural: 'clusterissuers', namespaced: false },
  { kind: 'Issuer', group: 'cert-manager.io', versions: ['v1'], plural: 'issuers', namespaced: true },
  { kind: 'DNSEndpoint', group: 'externaldns.k8s.io', versions: ['v1alpha1'], plural: 'dnsendpoints', namespaced: true },
  // Cilium holds one lease per announced service, named cilium-l2announce-<namespace>-<service>.
  {
    kind: 'Lease', group: 'coordination.k8s.io', versions: ['v1'], plural: 'leases', namespaced: true, namespace: 'kube-system',
    // Holders renew every few seconds; only a change of holder is news (thousands of leases at scale).
    isSignificantChange: (previous, next) => previous?.spec?.holderIdentity !== next?.spec?.holderIdentity,
  },
  // Only cilium-config is read (kube-proxy replacement and friends).
  {
    kind: 'ConfigMap', group: '', versions: ['v1'], plural: 'configmaps', namespaced: true,
    namespace: 'kube-system', fieldSelector: 'metadata.name=cilium-config',
  },
];

/** The list/watch path of a kind at a version, e.g. `/apis/apps/v1/deployments`. */
export function collectionPath(kind: WatchedKind, version: string): string {
  const prefix = kind.group ? `/apis/${kind.group}/${version}` : `/api/${version}`;
  const scope = kind.namespace ? `/namespaces/${kind.namespace}` : '';
  const base = `${prefix}${scope}/${kind.plural}`;
  return kind.fieldSelector ? `${base}?fieldSelector=${encodeURIComponent(kind.fieldSelector)}` : base;
}

/** The groupVersion string of a kind at a version (`v1`, `apps/v1`). */
export function groupVersionOf(kind: WatchedKind, version: string): string {
  return kind.group ? `${kind.group}/${version}` : version;
}
