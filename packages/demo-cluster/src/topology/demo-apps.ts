/**
 * The seeded apps: per app a Deployment, a Service, the route in (HTTPRoute, Ingress or a
 * LoadBalancer Service), certificates, and per namespace the network policies the seeds
 * recommend (default-deny, DNS egress, allow from the gateway).
 */
import type { KubeObject, ObjectStore } from '../store/types.ts';
import {
  CLUSTER_ISSUERS,
  DEMO_APPS,
  INGRESS_CONTROLLERS,
  IP_POOL_LABEL,
  IP_POOLS,
  NETWORK_NAMESPACE,
  type DemoApp,
} from './demo-constants.ts';
import { appLabels, deploymentManifest, namespaceManifest, serviceManifest } from './manifest-builders.ts';
import { createSeeded } from './seed-writer.ts';

/** The port name an app's container and Service use. */
export function appPortName(app: DemoApp): string {
  return app.exposure.kind === 'loadbalancer' ? app.name.split('-')[0]!.slice(0, 15) : 'http';
}

/** The HTTPRoute of an app exposed through a gateway. */
export function appRouteManifest(app: DemoApp): KubeObject | undefined {
  if (app.exposure.kind !== 'httproute') return undefined;
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: app.name, namespace: app.namespace, labels: appLabels(app.name) },
    spec: {
      parentRefs: [
        {
          group: 'gateway.networking.k8s.io',
          kind: 'Gateway',
          name: app.exposure.gateway,
          namespace: NETWORK_NAMESPACE,
          ...(app.exposure.sectionName ? { sectionName: app.exposure.sectionName } : {}),
        },
      ],
      hostnames: [app.exposure.hostname],
      rules: [
        {
          matches: [{ path: { type: 'PathPrefix', value: '/' } }],
          backendRefs: [{ group: '', kind: 'Service', name: app.name, port: app.port, weight: 1 }],
        },
      ],
    },
  };
}

function appCertificate(app: DemoApp): KubeObject | undefined {
  if (!app.certificate || app.exposure.kind === 'loadbalancer') return undefined;
  return {
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: { name: app.certificate, namespace: app.namespace, labels: appLabels(app.name) },
    spec: {
      secretName: app.certificate,
      issuerRef: { group: 'cert-manager.io', kind: 'ClusterIssuer', name: CLUSTER_ISSUERS.production },
      dnsNames: [app.exposure.hostname],
      duration: '2160h0m0s',
      renewBefore: '720h0m0s',
      privateKey: { algorithm: 'ECDSA', size: 256, rotationPolicy: 'Always' },
      usages: ['digital signature', 'key encipherment'],
    },
  };
}

function appIngress(app: DemoApp): KubeObject | undefined {
  if (app.exposure.kind !== 'ingress') return undefined;
  const controller = INGRESS_CONTROLLERS.find((candidate) => candidate.className === (app.exposure as { className: string }).className);
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: {
      name: app.name,
      namespace: app.namespace,
      labels: appLabels(app.name),
      annotations: {
        'cert-manager.io/cluster-issuer': CLUSTER_ISSUERS.production,
        'external-dns.alpha.kubernetes.io/target': `internal.${app.exposure.hostname.split('.').slice(1).join('.')}`,
      },
    },
    spec: {
      ingressClassName: app.exposure.className,
      tls: [{ hosts: [app.exposure.hostname], secretName: app.certificate ?? `${app.name}-tls` }],
      rules: [
        {
          host: app.exposure.hostname,
          http: {
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: app.name, port: { name: 'http' } } } }],
          },
        },
      ],
    },
    // ingress-nginx publishes its LoadBalancer address; it is requested, so known up front.
    status: { loadBalancer: { ingress: controller ? [{ ip: controller.address }] : [] } },
  };
}

/** Default-deny and DNS-egress policies for a namespace, in the flavour the namespace uses. */
export function namespacePolicyManifests(namespace: string, flavour: DemoApp['policy']): KubeObject[] {
  if (flavour === 'networkpolicy') {
    return [
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny', namespace },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-dns-egress', namespace },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [
            {
              to: [
                {
                  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
                  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
                },
              ],
              ports: [
                { protocol: 'UDP', port: 53 },
                { protocol: 'TCP', port: 53 },
              ],
            },
          ],
        },
      },
    ];
  }
  if (flavour === 'ciliumnetworkpolicy') {
    return [
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'default-deny', namespace },
        // An empty rule in each direction puts every endpoint into default-deny.
        spec: { endpointSelector: {}, ingress: [{}], egress: [{}] },
      },
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'allow-dns-egress', namespace },
        spec: {
          endpointSelector: {},
          egress: [
            {
              toEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': 'kube-system', 'k8s-app': 'kube-dns' } }],
              toPorts: [{ ports: [{ port: '53', protocol: 'ANY' }], rules: { dns: [{ matchPattern: '*' }] } }],
            },
          ],
        },
      },
    ];
  }
  return [];
}

function appAllowPolicy(app: DemoApp): KubeObject | undefined {
  const name = app.exposure.kind === 'loadbalancer' ? `${app.name}-allow-lan` : `${app.name}-allow-gateway`;
  if (app.policy === 'networkpolicy') {
    return {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: app.namespace },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': app.name } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': NETWORK_NAMESPACE } } }],
            ports: [{ protocol: 'TCP', port: app.port }],
          },
        ],
      },
    };
  }
  if (app.policy === 'ciliumnetworkpolicy') {
    const sources =
      app.exposure.kind === 'loadbalancer'
        ? [{ fromEntities: ['world', 'cluster'] }]
        : [{ fromEntities: ['ingress'] }, { fromEndpoints: [{ matchLabels: { 'k8s:io.kubernetes.pod.namespace': NETWORK_NAMESPACE } }] }];
    return {
      apiVersion: 'cilium.io/v2',
      kind: 'CiliumNetworkPolicy',
      metadata: { name, namespace: app.namespace },
      spec: {
        endpointSelector: { matchLabels: { 'app.kubernetes.io/name': app.name } },
        ingress: sources.map((source) => ({ ...source, toPorts: [{ ports: [{ port: String(app.port), protocol: 'TCP' }] }] })),
      },
    };
  }
  return undefined;
}

/** Seeds every demo app with its namespace and policies. */
export function seedDemoApps(store: ObjectStore, allocateClusterIp: (fixed?: string) => string): void {
  const namespaces = new Map<string, DemoApp['policy']>();
  for (const app of DEMO_APPS) if (!namespaces.has(app.namespace)) namespaces.set(app.namespace, app.policy);
  for (const [namespace, flavour] of namespaces) {
    if (namespace !== 'default') createSeeded(store, namespaceManifest(namespace));
    for (const policy of namespacePolicyManifests(namespace, flavour)) createSeeded(store, policy);
  }

  for (const app of DEMO_APPS) {
    const labels = appLabels(app.name);
    const selector = { 'app.kubernetes.io/name': app.name, 'app.kubernetes.io/instance': app.name };
    const portName = appPortName(app);
    createSeeded(
      store,
      deploymentManifest({ name: app.name, namespace: app.namespace }, app.replicas, selector, labels, {
        containerName: 'app',
        image: app.image,
        ports: [{ name: portName, containerPort: app.port }],
      }),
    );
    if (app.hasService) {
      const isLoadBalancer = app.exposure.kind === 'loadbalancer';
      const poolLabel: Record<string, string> =
        app.exposure.kind === 'loadbalancer' && app.exposure.pool === IP_POOLS.homeIot.name ? { [IP_POOL_LABEL]: 'home-iot' } : {};
      createSeeded(
        store,
        serviceManifest(
          { name: app.name, namespace: app.namespace, labels: { ...labels, ...poolLabel } },
          {
            type: isLoadBalancer ? 'LoadBalancer' : 'ClusterIP',
            selector,
            clusterIP: allocateClusterIp(),
            ports: [{ name: portName, port: app.port, targetPort: portName }],
            ...(isLoadBalancer ? { externalTrafficPolicy: 'Local' as const } : {}),
          },
        ),
      );
    }
    const route = appRouteManifest(app);
    if (route) createSeeded(store, route);
    const ingress = appIngress(app);
    if (ingress) createSeeded(store, ingress);
    const certificate = appCertificate(app);
    if (certificate) createSeeded(store, certificate);
    const policy = appAllowPolicy(app);
    if (policy) createSeeded(store, policy);
  }

  // A LoadBalancer Service on the deprecated `cidrs` pool, so that pool has a user.
  createSeeded(
    store,
    serviceManifest(
      {
        name: 'home-assistant-homekit',
        namespace: 'home',
        labels: { ...appLabels('home-assistant'), [IP_POOL_LABEL]: 'legacy' },
      },
      {
        type: 'LoadBalancer',
        selector: { 'app.kubernetes.io/name': 'home-assistant', 'app.kubernetes.io/instance': 'home-assistant' },
        clusterIP: allocateClusterIp(),
        externalTrafficPolicy: 'Local',
        ports: [{ name: 'homekit', port: 21064, targetPort: 21064 }],
      },
    ),
  );
}
