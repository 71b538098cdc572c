import { InputError } from '@backstage/errors';
import {
  EXTERNAL_DNS_ANNOTATION_PREFIXES,
  INGRESS_CLASSES,
  ServiceSpec,
  serviceSpecProblems,
} from '@internal/plugin-network-common';
import type { z as zod } from 'zod/v3';

type Zod = typeof zod;

/**
 * The wizard's answers as action input: flat fields a template can pass straight from its
 * parameters, one zod factory per field as `createTemplateAction` takes them. Shared by
 * `network:manifests:render`, `network:preflight` and `network:manifests:apply` so the
 * three see the same service.
 */
export const serviceSpecInputShape = {
  name: (z: Zod) =>
    z.string().describe('Service name (DNS-1035 label, at most 63 characters)'),
  namespace: (z: Zod) => z.string().describe('Namespace the service runs in'),
  owner: (z: Zod) =>
    z.string().describe('Catalog owner, e.g. group:default/app-team'),
  system: (z: Zod) =>
    z.string().optional().describe('Catalog system the component belongs to'),
  description: (z: Zod) =>
    z.string().describe('One line of plain text describing the service'),
  image: (z: Zod) =>
    z.string().describe('Container image, e.g. ghcr.io/org/app:1.0'),
  port: (z: Zod) =>
    z.number().int().describe('Container and Service port (1-65535)'),
  replicas: (z: Zod) =>
    z.number().int().default(1).describe('Number of pods (0-50)'),
  exposure: (z: Zod) =>
    z
      .enum(['internal', 'internal-and-public', 'none'])
      .describe(
        'Who may reach it: LAN only, LAN and Internet, or only other pods',
      ),
  routing: (z: Zod) =>
    z
      .enum(['gateway', 'ingress'])
      .default('gateway')
      .describe('Gateway API (HTTPRoute) or ingress-nginx (Ingress)'),
  gateway: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Internal gateway as namespace/name, e.g. network/envoy-internal (Gateway API routing)',
      ),
  listener: (z: Zod) =>
    z
      .string()
      .default('https')
      .describe('Listener (sectionName) of the internal gateway'),
  publicGateway: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Public gateway as namespace/name, for internal-and-public exposure',
      ),
  publicListener: (z: Zod) =>
    z
      .string()
      .default('https')
      .describe('Listener (sectionName) of the public gateway'),
  ingressClass: (z: Zod) =>
    z
      .enum(INGRESS_CLASSES)
      .default('internal')
      .describe('IngressClass for Ingress routing'),
  hostname: (z: Zod) =>
    z
      .string()
      .default('')
      .describe('Fully qualified hostname under an allowed domain'),
  tls: (z: Zod) =>
    z
      .enum(['gateway-wildcard', 'issuer'])
      .default('gateway-wildcard')
      .describe(
        "The gateway's wildcard certificate, or a certificate from an issuer",
      ),
  issuer: (z: Zod) =>
    z
      .string()
      .optional()
      .describe('cert-manager issuer name when tls is issuer'),
  issuerKind: (z: Zod) =>
    z
      .enum(['ClusterIssuer', 'Issuer'])
      .default('ClusterIssuer')
      .describe('Kind of the issuer'),
  policyFlavour: (z: Zod) =>
    z
      .enum(['networkpolicy', 'ciliumnetworkpolicy'])
      .default('ciliumnetworkpolicy')
      .describe('Kubernetes NetworkPolicy or CiliumNetworkPolicy'),
  proxy: (z: Zod) =>
    z
      .enum(['cilium', 'pods'])
      .default('cilium')
      .describe(
        "Who forwards traffic to the pods: Cilium's Envoy (reserved ingress identity) or proxy pods",
      ),
  proxyNamespace: (z: Zod) =>
    z
      .string()
      .default('network')
      .describe(
        'Namespace of the proxy pods (gateway or ingress controller) when proxy is pods',
      ),
  extraEgress: (z: Zod) =>
    z
      .array(z.string())
      .default([])
      .describe('Extra egress to named services, each namespace/name:port'),
  dns: (z: Zod) =>
    z
      .enum(['annotations', 'dnsendpoint', 'none'])
      .default('annotations')
      .describe(
        'external-dns annotations on the route, a DNSEndpoint, or nothing',
      ),
  dnsAnnotationPrefix: (z: Zod) =>
    z
      .enum(EXTERNAL_DNS_ANNOTATION_PREFIXES)
      .default('external-dns.kubernetes.io/')
      .describe(
        'external-dns.kubernetes.io/ (v0.22+) or external-dns.alpha.kubernetes.io/ (before)',
      ),
  dnsTargets: (z: Zod) =>
    z
      .array(z.string())
      .default([])
      .describe(
        'Record targets: the target annotation (first entry) or the DNSEndpoint targets',
      ),
  tunnelHostname: (z: Zod) =>
    z
      .string()
      .optional()
      .describe(
        'Hostname of the Cloudflare tunnel public names point to, e.g. external.example.com',
      ),
};

/** The parsed action input of {@link serviceSpecInputShape}. */
export interface ServiceSpecInput {
  name: string;
  namespace: string;
  owner: string;
  system?: string;
  description: string;
  image: string;
  port: number;
  replicas?: number;
  exposure: ServiceSpec['exposure'];
  routing?: 'gateway' | 'ingress';
  gateway?: string;
  listener?: string;
  publicGateway?: string;
  publicListener?: string;
  ingressClass?: (typeof INGRESS_CLASSES)[number];
  hostname?: string;
  tls?: 'gateway-wildcard' | 'issuer';
  issuer?: string;
  issuerKind?: 'ClusterIssuer' | 'Issuer';
  policyFlavour?: 'networkpolicy' | 'ciliumnetworkpolicy';
  proxy?: 'cilium' | 'pods';
  proxyNamespace?: string;
  extraEgress?: string[];
  dns?: 'annotations' | 'dnsendpoint' | 'none';
  dnsAnnotationPrefix?: (typeof EXTERNAL_DNS_ANNOTATION_PREFIXES)[number];
  dnsTargets?: string[];
  tunnelHostname?: string;
}

function gatewayRef(value: string | undefined, listener: string | undefined) {
  const [namespace, name] = (value ?? '').includes('/')
    ? (value ?? '').split('/', 2)
    : ['', value ?? ''];
  return { namespace, name, listener: listener ?? 'https' };
}

const EGRESS_TARGET = /^([^/]+)\/([^:]+):(\d+)$/;

/**
 * Builds the renderers' spec from the input and checks it: every problem is listed in one
 * InputError, each naming its field, so nothing is written, published or applied.
 */
export function serviceSpecFromInput(
  input: ServiceSpecInput,
  options: { allowedDomains: readonly string[] },
): ServiceSpec {
  const problems: { field: string; message: string }[] = [];
  const extraEgress = (input.extraEgress ?? []).map((entry, index) => {
    const match = EGRESS_TARGET.exec(entry);
    if (!match) {
      problems.push({
        field: `extraEgress[${index}]`,
        message: `extraEgress[${index}] '${JSON.stringify(entry).slice(
          1,
          -1,
        )}' is not namespace/name:port`,
      });
      return { namespace: 'invalid', name: 'invalid', port: 1 };
    }
    return { namespace: match[1], name: match[2], port: Number(match[3]) };
  });
  const dnsTargets = input.dnsTargets ?? [];
  const prefix = input.dnsAnnotationPrefix ?? 'external-dns.kubernetes.io/';
  let dns: ServiceSpec['dns'] = { kind: 'none' };
  if (input.dns === 'dnsendpoint')
    dns = { kind: 'dnsendpoint', prefix, targets: dnsTargets };
  else if ((input.dns ?? 'annotations') === 'annotations')
    dns = {
      kind: 'annotations',
      prefix,
      ...(dnsTargets[0] ? { target: dnsTargets[0] } : {}),
    };
  const spec: ServiceSpec = {
    name: input.name,
    namespace: input.namespace,
    owner: input.owner,
    system: input.system || undefined,
    description: input.description,
    image: input.image,
    port: input.port,
    replicas: input.replicas ?? 1,
    exposure: input.exposure,
    routing:
      (input.routing ?? 'gateway') === 'gateway'
        ? {
            kind: 'gateway',
            internal: gatewayRef(input.gateway, input.listener),
            ...(input.publicGateway
              ? {
                  public: gatewayRef(input.publicGateway, input.publicListener),
                }
              : {}),
          }
        : { kind: 'ingress', className: input.ingressClass ?? 'internal' },
    hostname: input.hostname ?? '',
    tls:
      input.tls === 'issuer'
        ? {
            kind: 'issuer',
            issuer: input.issuer ?? '',
            issuerKind: input.issuerKind ?? 'ClusterIssuer',
          }
        : { kind: 'gateway-wildcard' },
    policy: {
      flavour: input.policyFlavour ?? 'ciliumnetworkpolicy',
      proxy:
        (input.proxy ?? 'cilium') === 'cilium'
          ? { kind: 'cilium' }
          : { kind: 'pods', namespace: input.proxyNamespace ?? 'network' },
      extraEgress,
    },
    dns,
    ...(input.tunnelHostname
      ? { tunnel: { hostname: input.tunnelHostname } }
      : {}),
  };
  problems.push(...serviceSpecProblems(spec, options).map(renameField));
  if (problems.length > 0) {
    throw new InputError(
      `Invalid service input: ${problems
        .map(problem => `${problem.field}: ${problem.message}`)
        .join('; ')}`,
    );
  }
  return spec;
}

// The renderers' field names, spelled as the action input names them.
const INPUT_FIELDS: Record<string, string> = {
  'routing.internal': 'gateway',
  'routing.internal.name': 'gateway',
  'routing.internal.namespace': 'gateway',
  'routing.internal.listener': 'listener',
  'routing.public': 'publicGateway',
  'routing.public.name': 'publicGateway',
  'routing.public.namespace': 'publicGateway',
  'routing.public.listener': 'publicListener',
  'routing.className': 'ingressClass',
  'tls.issuer': 'issuer',
  'dns.targets': 'dnsTargets',
  'tunnel.hostname': 'tunnelHostname',
  'policy.proxy.namespace': 'proxyNamespace',
};

function renameField(problem: { field: string; message: string }) {
  const egress = /^policy\.extraEgress\[(\d+)\]/.exec(problem.field);
  if (egress) return { ...problem, field: `extraEgress[${egress[1]}]` };
  return { ...problem, field: INPUT_FIELDS[problem.field] ?? problem.field };
}
