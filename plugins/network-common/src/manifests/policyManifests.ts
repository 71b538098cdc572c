import { DEFAULT_CLUSTER_DNS } from '../policies';
import {
  CidrEgressTarget,
  EgressTarget,
  KubernetesManifest,
  ServiceSpec,
} from './serviceSpec';
import { podSelectorLabels, serviceLabels } from './workloadManifests';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
const CILIUM_NAMESPACE_LABEL = 'k8s:io.kubernetes.pod.namespace';

/**
 * The service's policies in the namespace's flavour: a default-deny for its own pods (the
 * repository owns the app, not the namespace), an allow from whoever forwards traffic to
 * it (the gateway or ingress controller; other pods of the namespace when not exposed),
 * DNS egress to kube-dns over UDP and TCP, egress to the named services, and egress to
 * the CIDRs of `policy.cidrEgress` (Cilium entities instead where the target names them).
 */
export function renderPolicies(spec: ServiceSpec): KubernetesManifest[] {
  return spec.policy.flavour === 'ciliumnetworkpolicy'
    ? renderCiliumPolicies(spec)
    : renderNetworkPolicies(spec);
}

function metadata(
  spec: ServiceSpec,
  suffix: string,
  annotations?: Record<string, string>,
) {
  return {
    name: `${spec.name}-${suffix}`,
    namespace: spec.namespace,
    labels: serviceLabels(spec),
    ...(annotations ? { annotations } : {}),
  };
}

function targetLabels(target: EgressTarget): Record<string, string> {
  return target.podLabels ?? { 'app.kubernetes.io/name': target.name };
}

function renderNetworkPolicies(spec: ServiceSpec): KubernetesManifest[] {
  const podSelector = { matchLabels: podSelectorLabels(spec) };
  const appPort = [{ protocol: 'TCP', port: spec.port }];
  const proxy = spec.policy.proxy;
  let ingressRule: Record<string, unknown>;
  let why: string;
  if (spec.exposure === 'none') {
    ingressRule = { from: [{ podSelector: {} }], ports: appPort };
    why = 'not exposed: only pods of its own namespace may connect';
  } else if (proxy.kind === 'pods') {
    ingressRule = {
      from: [
        {
          namespaceSelector: {
            matchLabels: { [NAMESPACE_NAME_LABEL]: proxy.namespace },
          },
          ...(proxy.podLabels
            ? { podSelector: { matchLabels: proxy.podLabels } }
            : {}),
        },
      ],
      ports: appPort,
    };
    why = `the proxy pods in namespace ${proxy.namespace} forward the traffic`;
  } else {
    // Cilium's Envoy sends as the reserved `ingress` identity, which a Kubernetes
    // NetworkPolicy peer cannot name; a ports-only rule is the narrowest that admits it.
    ingressRule = { ports: appPort };
    why =
      "Cilium's gateway traffic carries the reserved ingress identity, which NetworkPolicy cannot select: the app port is open to every source (use CiliumNetworkPolicy to narrow it)";
  }
  const egress: Record<string, unknown>[] = [
    {
      to: [
        {
          namespaceSelector: {
            matchLabels: {
              [NAMESPACE_NAME_LABEL]: DEFAULT_CLUSTER_DNS.namespace,
            },
          },
          podSelector: { matchLabels: DEFAULT_CLUSTER_DNS.podLabels },
        },
      ],
      ports: [
        { protocol: 'UDP', port: 53 },
        { protocol: 'TCP', port: 53 },
      ],
    },
    ...spec.policy.extraEgress.map(target => ({
      to: [
        {
          namespaceSelector: {
            matchLabels: { [NAMESPACE_NAME_LABEL]: target.namespace },
          },
          podSelector: { matchLabels: targetLabels(target) },
        },
      ],
      ports: [{ protocol: 'TCP', port: target.port }],
    })),
    ...cidrEgressTargets(spec).map(target => ({
      to: target.cidrs.map(cidr => ({ ipBlock: { cidr } })),
      ports: cidrEgressPorts(target).map(({ port, protocol }) => ({
        protocol,
        port,
      })),
    })),
  ];
  return [
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(spec, 'default-deny'),
      spec: { podSelector, policyTypes: ['Ingress', 'Egress'] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(spec, 'allow-ingress', { 'pathway.dev/why': why }),
      spec: { podSelector, policyTypes: ['Ingress'], ingress: [ingressRule] },
    },
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: metadata(spec, 'allow-egress', cidrEgressWhy(spec)),
      spec: { podSelector, policyTypes: ['Egress'], egress },
    },
  ];
}

function renderCiliumPolicies(spec: ServiceSpec): KubernetesManifest[] {
  const endpointSelector = { matchLabels: podSelectorLabels(spec) };
  const toPorts = [{ ports: [{ port: String(spec.port), protocol: 'TCP' }] }];
  const proxy = spec.policy.proxy;
  let ingressRule: Record<string, unknown>;
  if (spec.exposure === 'none') {
    ingressRule = {
      fromEndpoints: [
        { matchLabels: { [CILIUM_NAMESPACE_LABEL]: spec.namespace } },
      ],
      toPorts,
    };
  } else if (proxy.kind === 'cilium') {
    ingressRule = { fromEntities: ['ingress'], toPorts };
  } else {
    ingressRule = {
      fromEndpoints: [
        {
          matchLabels: {
            [CILIUM_NAMESPACE_LABEL]: proxy.namespace,
            ...(proxy.podLabels ?? {}),
          },
        },
      ],
      toPorts,
    };
  }
  const dnsSelector = {
    matchLabels: {
      [CILIUM_NAMESPACE_LABEL]: DEFAULT_CLUSTER_DNS.namespace,
      ...prefixed(DEFAULT_CLUSTER_DNS.podLabels),
    },
  };
  const egress: Record<string, unknown>[] = [
    {
      toEndpoints: [dnsSelector],
      toPorts: [
        {
          ports: [
            { port: '53', protocol: 'UDP' },
            { port: '53', protocol: 'TCP' },
          ],
          rules: { dns: [{ matchPattern: '*' }] },
        },
      ],
    },
    ...spec.policy.extraEgress.map(target => ({
      toEndpoints: [
        {
          matchLabels: {
            [CILIUM_NAMESPACE_LABEL]: target.namespace,
            ...prefixed(targetLabels(target)),
          },
        },
      ],
      toPorts: [{ ports: [{ port: String(target.port), protocol: 'TCP' }] }],
    })),
    ...cidrEgressTargets(spec).map(target => ({
      ...(target.ciliumEntities?.length
        ? { toEntities: target.ciliumEntities }
        : { toCIDRSet: target.cidrs.map(cidr => ({ cidr })) }),
      toPorts: [
        {
          ports: cidrEgressPorts(target).map(({ port, protocol }) => ({
            port: String(port),
            protocol,
          })),
        },
      ],
    })),
  ];
  return [
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: metadata(spec, 'default-deny'),
      // Empty rules in both directions: the pods are isolated and this policy admits nothing.
      spec: { endpointSelector, ingress: [{}], egress: [{}] },
    },
    {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: metadata(spec, 'allow', cidrEgressWhy(spec)),
      spec: { endpointSelector, ingress: [ingressRule], egress },
    },
  ];
}

function prefixed(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(labels).map(([key, value]) => [`k8s:${key}`, value]),
  );
}

function cidrEgressTargets(spec: ServiceSpec): CidrEgressTarget[] {
  return spec.policy.cidrEgress ?? [];
}

// Every port under every protocol, e.g. 53/UDP and 53/TCP for a DNS server.
function cidrEgressPorts(
  target: CidrEgressTarget,
): { port: number; protocol: string }[] {
  return target.ports.flatMap(port =>
    (target.protocols ?? ['TCP']).map(protocol => ({ port, protocol })),
  );
}

// Addresses are opaque in a policy; the annotation says what each egress rule is for.
function cidrEgressWhy(spec: ServiceSpec): Record<string, string> | undefined {
  const targets = cidrEgressTargets(spec);
  if (targets.length === 0) return undefined;
  return {
    'pathway.dev/why': targets
      .map(
        target =>
          `${target.purpose}: ${target.cidrs.join(
            ', ',
          )} port ${target.ports.join(', ')}`,
      )
      .join('; '),
  };
}
