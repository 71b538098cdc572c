/**
 * The resource types the demo cluster serves: the built-in kinds and the CRDs of Cilium,
 * Gateway API, cert-manager and external-dns, with the plurals, short names, categories
 * and subresources the real servers publish in discovery.
 */
import type { KubeObject, ResourceKey, ResourceRegistry, ResourceType } from './types.ts';

interface ResourceSpec {
  group: string;
  versions: string[];
  kind: string;
  plural: string;
  shortNames?: string[];
  namespaced: boolean;
  categories?: string[];
  subresources?: string[];
  custom?: boolean;
}

function define(spec: ResourceSpec): ResourceType {
  return {
    group: spec.group,
    versions: spec.versions,
    kind: spec.kind,
    listKind: `${spec.kind}List`,
    plural: spec.plural,
    singular: spec.kind.toLowerCase(),
    shortNames: spec.shortNames ?? [],
    namespaced: spec.namespaced,
    categories: spec.categories ?? [],
    subresources: spec.subresources ?? [],
    isCustomResource: spec.custom ?? false,
  };
}

const CORE = '';
const GATEWAY = 'gateway.networking.k8s.io';
const CILIUM = 'cilium.io';
const CERT_MANAGER = 'cert-manager.io';

/** Every resource type of the simulated cluster. */
export const BUILTIN_RESOURCES: readonly ResourceType[] = [
  // core/v1
  define({ group: CORE, versions: ['v1'], kind: 'Namespace', plural: 'namespaces', shortNames: ['ns'], namespaced: false, subresources: ['status', 'finalize'] }),
  define({ group: CORE, versions: ['v1'], kind: 'Node', plural: 'nodes', shortNames: ['no'], namespaced: false, subresources: ['status'] }),
  define({ group: CORE, versions: ['v1'], kind: 'Pod', plural: 'pods', shortNames: ['po'], namespaced: true, categories: ['all'], subresources: ['status', 'exec', 'log'] }),
  define({ group: CORE, versions: ['v1'], kind: 'Service', plural: 'services', shortNames: ['svc'], namespaced: true, categories: ['all'], subresources: ['status'] }),
  define({ group: CORE, versions: ['v1'], kind: 'Endpoints', plural: 'endpoints', shortNames: ['ep'], namespaced: true }),
  define({ group: CORE, versions: ['v1'], kind: 'ConfigMap', plural: 'configmaps', shortNames: ['cm'], namespaced: true }),
  define({ group: CORE, versions: ['v1'], kind: 'Secret', plural: 'secrets', namespaced: true }),
  define({ group: CORE, versions: ['v1'], kind: 'Event', plural: 'events', shortNames: ['ev'], namespaced: true }),
  define({ group: CORE, versions: ['v1'], kind: 'ServiceAccount', plural: 'serviceaccounts', shortNames: ['sa'], namespaced: true }),
  // Kinds the demo topology does not use but that clients such as Backstage's Kubernetes plugin
  // list by default; served (usually empty) so those lists succeed as on a real cluster.
  define({ group: CORE, versions: ['v1'], kind: 'LimitRange', plural: 'limitranges', shortNames: ['limits'], namespaced: true }),
  define({ group: CORE, versions: ['v1'], kind: 'ResourceQuota', plural: 'resourcequotas', shortNames: ['quota'], namespaced: true, subresources: ['status'] }),
  define({ group: CORE, versions: ['v1'], kind: 'PersistentVolumeClaim', plural: 'persistentvolumeclaims', shortNames: ['pvc'], namespaced: true, subresources: ['status'] }),
  // discovery.k8s.io
  define({ group: 'discovery.k8s.io', versions: ['v1'], kind: 'EndpointSlice', plural: 'endpointslices', namespaced: true }),
  // apps
  define({ group: 'apps', versions: ['v1'], kind: 'Deployment', plural: 'deployments', shortNames: ['deploy'], namespaced: true, categories: ['all'], subresources: ['status', 'scale'] }),
  define({ group: 'apps', versions: ['v1'], kind: 'DaemonSet', plural: 'daemonsets', shortNames: ['ds'], namespaced: true, categories: ['all'], subresources: ['status'] }),
  define({ group: 'apps', versions: ['v1'], kind: 'ReplicaSet', plural: 'replicasets', shortNames: ['rs'], namespaced: true, categories: ['all'], subresources: ['status', 'scale'] }),
  define({ group: 'apps', versions: ['v1'], kind: 'StatefulSet', plural: 'statefulsets', shortNames: ['sts'], namespaced: true, categories: ['all'], subresources: ['status', 'scale'] }),
  // batch, autoscaling
  define({ group: 'batch', versions: ['v1'], kind: 'Job', plural: 'jobs', namespaced: true, categories: ['all'], subresources: ['status'] }),
  define({ group: 'batch', versions: ['v1'], kind: 'CronJob', plural: 'cronjobs', shortNames: ['cj'], namespaced: true, categories: ['all'], subresources: ['status'] }),
  define({ group: 'autoscaling', versions: ['v2', 'v1'], kind: 'HorizontalPodAutoscaler', plural: 'horizontalpodautoscalers', shortNames: ['hpa'], namespaced: true, categories: ['all'], subresources: ['status'] }),
  // networking.k8s.io
  define({ group: 'networking.k8s.io', versions: ['v1'], kind: 'Ingress', plural: 'ingresses', shortNames: ['ing'], namespaced: true, subresources: ['status'] }),
  define({ group: 'networking.k8s.io', versions: ['v1'], kind: 'IngressClass', plural: 'ingressclasses', namespaced: false }),
  define({ group: 'networking.k8s.io', versions: ['v1'], kind: 'NetworkPolicy', plural: 'networkpolicies', shortNames: ['netpol'], namespaced: true }),
  // coordination.k8s.io
  define({ group: 'coordination.k8s.io', versions: ['v1'], kind: 'Lease', plural: 'leases', namespaced: true }),
  // apiextensions.k8s.io
  define({ group: 'apiextensions.k8s.io', versions: ['v1'], kind: 'CustomResourceDefinition', plural: 'customresourcedefinitions', shortNames: ['crd', 'crds'], namespaced: false, categories: ['api-extensions'], subresources: ['status'] }),
  // gateway.networking.k8s.io (standard channel CRDs)
  define({ group: GATEWAY, versions: ['v1', 'v1beta1'], kind: 'GatewayClass', plural: 'gatewayclasses', shortNames: ['gc'], namespaced: false, categories: ['gateway-api'], subresources: ['status'], custom: true }),
  define({ group: GATEWAY, versions: ['v1', 'v1beta1'], kind: 'Gateway', plural: 'gateways', shortNames: ['gtw'], namespaced: true, categories: ['gateway-api'], subresources: ['status'], custom: true }),
  define({ group: GATEWAY, versions: ['v1', 'v1beta1'], kind: 'HTTPRoute', plural: 'httproutes', namespaced: true, categories: ['gateway-api'], subresources: ['status'], custom: true }),
  define({ group: GATEWAY, versions: ['v1'], kind: 'GRPCRoute', plural: 'grpcroutes', namespaced: true, categories: ['gateway-api'], subresources: ['status'], custom: true }),
  define({ group: GATEWAY, versions: ['v1', 'v1beta1'], kind: 'ReferenceGrant', plural: 'referencegrants', shortNames: ['refgrant'], namespaced: true, categories: ['gateway-api'], custom: true }),
  // cilium.io
  define({ group: CILIUM, versions: ['v2', 'v2alpha1'], kind: 'CiliumLoadBalancerIPPool', plural: 'ciliumloadbalancerippools', shortNames: ['ippools', 'ippool', 'lbippool', 'lbippools'], namespaced: false, categories: ['cilium'], subresources: ['status'], custom: true }),
  define({ group: CILIUM, versions: ['v2alpha1'], kind: 'CiliumL2AnnouncementPolicy', plural: 'ciliuml2announcementpolicies', shortNames: ['l2announcement'], namespaced: false, categories: ['cilium'], subresources: ['status'], custom: true }),
  define({ group: CILIUM, versions: ['v2'], kind: 'CiliumNetworkPolicy', plural: 'ciliumnetworkpolicies', shortNames: ['cnp', 'ciliumnp'], namespaced: true, categories: ['cilium', 'ciliumpolicy'], subresources: ['status'], custom: true }),
  define({ group: CILIUM, versions: ['v2'], kind: 'CiliumClusterwideNetworkPolicy', plural: 'ciliumclusterwidenetworkpolicies', shortNames: ['ccnp'], namespaced: false, categories: ['cilium', 'ciliumpolicy'], subresources: ['status'], custom: true }),
  define({ group: CILIUM, versions: ['v2'], kind: 'CiliumNode', plural: 'ciliumnodes', shortNames: ['cn', 'ciliumn'], namespaced: false, categories: ['cilium'], custom: true }),
  // cert-manager.io
  define({ group: CERT_MANAGER, versions: ['v1'], kind: 'Certificate', plural: 'certificates', shortNames: ['cert', 'certs'], namespaced: true, categories: ['cert-manager'], subresources: ['status'], custom: true }),
  define({ group: CERT_MANAGER, versions: ['v1'], kind: 'CertificateRequest', plural: 'certificaterequests', shortNames: ['cr', 'crs'], namespaced: true, categories: ['cert-manager'], subresources: ['status'], custom: true }),
  define({ group: CERT_MANAGER, versions: ['v1'], kind: 'Issuer', plural: 'issuers', namespaced: true, categories: ['cert-manager'], subresources: ['status'], custom: true }),
  define({ group: CERT_MANAGER, versions: ['v1'], kind: 'ClusterIssuer', plural: 'clusterissuers', namespaced: false, categories: ['cert-manager'], subresources: ['status'], custom: true }),
  // externaldns.k8s.io
  define({ group: 'externaldns.k8s.io', versions: ['v1alpha1'], kind: 'DNSEndpoint', plural: 'dnsendpoints', namespaced: true, categories: ['external-dns'], subresources: ['status'], custom: true }),
];

function keyId(key: ResourceKey): string {
  return `${key.plural}.${key.group}`;
}

/** A registry that can also serve resource types defined at run time (applied CRDs). */
export interface MutableResourceRegistry extends ResourceRegistry {
  /** Adds a type; returns false when one with the same group and plural exists. */
  add(resource: ResourceType): boolean;
  /** Removes a type added with `add`; built-in types stay. Returns whether it was removed. */
  remove(key: ResourceKey): boolean;
  /** True for the fixed types the registry was created with. */
  isBuiltin(key: ResourceKey): boolean;
}

/** A registry over the built-in resource types (or the given ones), extensible at run time. */
export function createResourceRegistry(resources: readonly ResourceType[] = BUILTIN_RESOURCES): MutableResourceRegistry {
  const byKeyId = new Map<string, ResourceType>();
  const builtin = new Set<string>();
  let list: ResourceType[] = [...resources];
  for (const resource of resources) {
    byKeyId.set(keyId(resource), resource);
    builtin.add(keyId(resource));
  }
  return {
    all: () => [...list],
    byKey: (key) => byKeyId.get(keyId(key)),
    byKind: (kind, group) => list.find((r) => r.kind === kind && (group === undefined || r.group === group)),
    add: (resource) => {
      if (byKeyId.has(keyId(resource))) return false;
      byKeyId.set(keyId(resource), resource);
      list = [...list, resource];
      return true;
    },
    remove: (key) => {
      const id = keyId(key);
      if (builtin.has(id) || !byKeyId.has(id)) return false;
      byKeyId.delete(id);
      list = list.filter((resource) => keyId(resource) !== id);
      return true;
    },
    isBuiltin: (key) => builtin.has(keyId(key)),
  };
}

/**
 * The resource type a CustomResourceDefinition object defines, or undefined when the object is
 * not a usable definition (no group, kind or plural, no served version, or a name other than
 * `<plural>.<group>`). Served versions are listed with the storage version first.
 */
export function resourceTypeFromDefinition(definition: KubeObject): ResourceType | undefined {
  const spec = (definition.spec ?? {}) as {
    group?: string;
    scope?: string;
    names?: { kind?: string; listKind?: string; plural?: string; singular?: string; shortNames?: string[]; categories?: string[] };
    versions?: Array<{ name?: string; served?: boolean; storage?: boolean; subresources?: { status?: unknown } }>;
  };
  const names = spec.names ?? {};
  if (!spec.group || !names.kind || !names.plural) return undefined;
  if (definition.metadata.name !== `${names.plural}.${spec.group}`) return undefined;
  const served = (spec.versions ?? []).filter((version) => version.served !== false && typeof version.name === 'string');
  if (served.length === 0) return undefined;
  const ordered = [...served.filter((version) => version.storage), ...served.filter((version) => !version.storage)];
  return {
    group: spec.group,
    versions: ordered.map((version) => version.name!),
    kind: names.kind,
    listKind: names.listKind ?? `${names.kind}List`,
    plural: names.plural,
    singular: names.singular ?? names.kind.toLowerCase(),
    shortNames: names.shortNames ?? [],
    namespaced: spec.scope !== 'Cluster',
    categories: names.categories ?? [],
    subresources: served.some((version) => version.subresources?.status !== undefined) ? ['status'] : [],
    isCustomResource: true,
  };
}

/** Splits an apiVersion ('v1', 'apps/v1') into group and version. */
export function parseApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return { group: '', version: apiVersion };
  return { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The apiVersion string of a group and version. */
export function formatApiVersion(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** How the API server names a resource in messages: 'pods' or 'httproutes.gateway.networking.k8s.io'. */
export function qualifiedResourceName(resource: ResourceType): string {
  return resource.group === '' ? resource.plural : `${resource.plural}.${resource.group}`;
}
