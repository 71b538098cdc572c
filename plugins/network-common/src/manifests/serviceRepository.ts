import { renderCertificate } from './certificateManifest';
import { renderDnsEndpoint } from './dnsManifests';
import { renderPolicies } from './policyManifests';
import { renderHttpRoute, renderIngress } from './routeManifests';
import { KubernetesManifest, ServiceSpec } from './serviceSpec';
import { renderDeployment, renderService } from './workloadManifests';

/**
 * One file of the generated repository: a YAML document (`document`, serialised by the
 * caller so this package stays free of a YAML library) or plain text.
 */
export type RepositoryFile =
  | { path: string; document: Record<string, unknown> }
  | { path: string; text: string };

/** The generated repository: its files, and the Kubernetes objects among them in apply order. */
export interface ServiceRepository {
  /** Where the manifests live: `kubernetes/apps/<namespace>/<name>/app`. */
  appDirectory: string;
  files: RepositoryFile[];
  manifests: { path: string; manifest: KubernetesManifest }[];
}

/** The folder of the manifests, shaped to drop into a Flux/Argo GitOps tree. */
export function appDirectory(
  spec: Pick<ServiceSpec, 'name' | 'namespace'>,
): string {
  return `kubernetes/apps/${spec.namespace}/${spec.name}/app`;
}

/**
 * Renders the whole repository: the manifests (Deployment, Service, HTTPRoute or Ingress,
 * policies, Certificate, DNSEndpoint as the spec asks), a kustomization listing them, a
 * catalog-info.yaml whose Kubernetes annotations make the Network tab work at once, and a README.
 * Input is assumed valid (see `serviceSpecProblems`).
 */
export function renderServiceRepository(spec: ServiceSpec): ServiceRepository {
  const directory = appDirectory(spec);
  const named: [string, KubernetesManifest | undefined][] = [
    ['deployment.yaml', renderDeployment(spec)],
    ['service.yaml', renderService(spec)],
    ['httproute.yaml', renderHttpRoute(spec)],
    ['ingress.yaml', renderIngress(spec)],
    ['certificate.yaml', renderCertificate(spec)],
    ['dnsendpoint.yaml', renderDnsEndpoint(spec)],
    ...renderPolicies(spec).map(
      policy =>
        [`${policyFileStem(spec, policy)}.yaml`, policy] as [
          string,
          KubernetesManifest,
        ],
    ),
  ];
  const manifests = named
    .filter(
      (entry): entry is [string, KubernetesManifest] => entry[1] !== undefined,
    )
    .map(([file, manifest]) => ({ path: `${directory}/${file}`, manifest }));
  const kustomization = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: spec.namespace,
    resources: manifests.map(entry => entry.path.slice(directory.length + 1)),
  };
  return {
    appDirectory: directory,
    manifests,
    files: [
      ...manifests.map(entry => ({
        path: entry.path,
        document: entry.manifest,
      })),
      { path: `${directory}/kustomization.yaml`, document: kustomization },
      { path: 'catalog-info.yaml', document: renderCatalogInfo(spec) },
      {
        path: 'README.md',
        text: renderReadme(
          spec,
          manifests.map(entry => entry.path),
        ),
      },
    ],
  };
}

// e.g. `networkpolicy-allow-ingress.yaml` for the policy `<name>-allow-ingress`.
function policyFileStem(spec: ServiceSpec, policy: KubernetesManifest): string {
  const role = policy.metadata.name.slice(spec.name.length + 1);
  return `${policy.kind.toLowerCase()}-${role}`;
}

/**
 * The catalog Component: `backstage.io/kubernetes-id` and `backstage.io/kubernetes-namespace`
 * are what the Kubernetes plugin and the Network tab use to find the workload.
 */
export function renderCatalogInfo(spec: ServiceSpec): Record<string, unknown> {
  const links =
    spec.exposure === 'none'
      ? []
      : [{ url: `https://${spec.hostname}`, title: spec.hostname }];
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: spec.name,
      description: spec.description,
      annotations: {
        'backstage.io/kubernetes-id': spec.name,
        'backstage.io/kubernetes-namespace': spec.namespace,
      },
      tags: [
        'network-ready',
        spec.routing.kind === 'gateway' ? 'gateway-api' : 'ingress',
      ],
      ...(links.length > 0 ? { links } : {}),
    },
    spec: {
      type: 'service',
      lifecycle: 'experimental',
      owner: spec.owner,
      ...(spec.system ? { system: spec.system } : {}),
    },
  };
}

function renderReadme(spec: ServiceSpec, manifestPaths: string[]): string {
  const reach =
    spec.exposure === 'none'
      ? 'It is not exposed outside the cluster; pods of its namespace may call it.'
      : `It answers at https://${spec.hostname} (${
          spec.exposure === 'internal' ? 'LAN only' : 'LAN and Internet'
        }) through ${describeRouting(spec)}.`;
  const tls = describeTls(spec);
  return [
    `# ${spec.name}`,
    '',
    spec.description,
    '',
    `Namespace \`${spec.namespace}\`, image \`${spec.image}\`, port ${spec.port}, ${spec.replicas} replica(s).`,
    reach,
    tls,
    '',
    '## Files',
    '',
    ...manifestPaths.map(path => `- \`${path}\``),
    '',
    `Network policies (${spec.policy.flavour}): default deny, allow from the ${
      spec.policy.proxy.kind === 'cilium'
        ? 'Cilium gateway (reserved `ingress` identity)'
        : `proxy in \`${
            spec.policy.proxy.kind === 'pods' ? spec.policy.proxy.namespace : ''
          }\``
    }, DNS egress to kube-dns${
      spec.policy.extraEgress.length > 0
        ? `, egress to ${spec.policy.extraEgress
            .map(target => `${target.namespace}/${target.name}:${target.port}`)
            .join(', ')}`
        : ''
    }.`,
    '',
    '## Deploy',
    '',
    `Point your GitOps tool at \`${appDirectory(
      spec,
    )}\` (a kustomization), or run`,
    `\`kubectl apply -k ${appDirectory(
      spec,
    )}\`. The catalog entity in \`catalog-info.yaml\``,
    "carries the Kubernetes annotations, so the component's Network tab shows its request path.",
    '',
  ].join('\n');
}

function describeRouting(spec: ServiceSpec): string {
  if (spec.routing.kind === 'ingress')
    return `the \`${spec.routing.className}\` ingress class`;
  const gateways = [
    spec.routing.internal,
    ...(spec.exposure === 'internal-and-public' && spec.routing.public
      ? [spec.routing.public]
      : []),
  ];
  const names = gateways
    .map(
      gateway =>
        `${gateway.namespace}/${gateway.name} (listener ${gateway.listener})`,
    )
    .join(' and ');
  return `${names}${
    spec.tunnel && spec.exposure === 'internal-and-public'
      ? `, published through the Cloudflare tunnel ${spec.tunnel.hostname}`
      : ''
  }`;
}

function describeTls(spec: ServiceSpec): string {
  if (spec.exposure === 'none') return '';
  if (spec.tls.kind === 'gateway-wildcard')
    return 'TLS: the gateway wildcard certificate covers the hostname.';
  return `TLS: a certificate from the ${spec.tls.issuerKind} \`${spec.tls.issuer}\` (Secret \`${spec.name}-tls\`).`;
}
