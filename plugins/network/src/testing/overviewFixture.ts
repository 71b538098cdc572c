import {
  ClusterOverview,
  ClusterSummary,
  RouteCounts,
  routeCounts,
  RoutePage,
  routePageOf,
  routeRows,
  RouteQuery,
  RouteSummary,
} from '@internal/plugin-network-common';

/** The demo cluster as `GET /clusters` lists it. */
export const demoCluster: ClusterSummary = {
  name: 'demo',
  title: 'Demo cluster',
  health: 'healthy',
  lastSyncAt: '2026-11-22T03:00:00Z',
  kinds: [],
};

const accepted = { type: 'Accepted', status: 'True', reason: 'Accepted' };
const resolved = {
  type: 'ResolvedRefs',
  status: 'True',
  reason: 'ResolvedRefs',
};

/** A healthy HTTPRoute named `name` in `namespace` on envoy-internal. */
export function healthyRoute(namespace: string, name: string): RouteSummary {
  return {
    kind: 'HTTPRoute',
    namespace,
    name,
    hostnames: [`${name}.demo.lab`],
    backends: [`${namespace}/${name}:80`],
    parents: [
      {
        parent: 'network/envoy-internal',
        parentRef: {
          kind: 'Gateway',
          namespace: 'network',
          name: 'envoy-internal',
        },
        accepted,
        resolvedRefs: resolved,
        conditions: [accepted, resolved],
      },
    ],
    parentsWithoutStatus: [],
  };
}

/** The seeded broken route: media/sonarr, its backend Service missing (BackendNotFound). */
export const brokenRoute: RouteSummary = {
  ...healthyRoute('media', 'sonarr'),
  parents: [
    {
      parent: 'network/envoy-internal',
      parentRef: {
        kind: 'Gateway',
        namespace: 'network',
        name: 'envoy-internal',
      },
      accepted,
      resolvedRefs: {
        type: 'ResolvedRefs',
        status: 'False',
        reason: 'BackendNotFound',
        message: 'Service media/sonarr not found',
      },
      conditions: [],
    },
  ],
};

/** The demo cluster's routes: jellyfin (healthy) and sonarr (BackendNotFound). */
export function routesFixture(): RouteSummary[] {
  return [healthyRoute('media', 'jellyfin'), brokenRoute];
}

/** The counts the backend puts in the overview for these routes. */
export function routeCountsOf(routes: RouteSummary[]): RouteCounts {
  return routeCounts(routeRows(routes));
}

/** `GET /clusters/demo/routes` over `routes`, answered by the backend's own selection (network-common). */
export function routePageFixture(
  routes: RouteSummary[] = routesFixture(),
  query: RouteQuery = {},
): RoutePage {
  return routePageOf('demo', routes, query);
}

/** A cluster overview shaped like the seeded demo cluster, with its broken parts. */
export function overviewFixture(
  overrides: Partial<ClusterOverview> = {},
): ClusterOverview {
  return {
    cluster: demoCluster,
    generatedAt: '2026-11-22T03:00:00Z',
    stale: false,
    gateways: [
      {
        namespace: 'network',
        name: 'envoy-internal',
        gatewayClassName: 'cilium',
        addresses: ['127.0.10.10'],
        conditions: [
          { type: 'Accepted', status: 'True', reason: 'Accepted' },
          { type: 'Programmed', status: 'True', reason: 'Programmed' },
        ],
        listeners: [
          {
            name: 'https',
            hostname: '*.demo.lab',
            port: 443,
            protocol: 'HTTPS',
            tlsMode: 'Terminate',
            certificateRefs: ['network/demo-lab-tls'],
            allowedRoutesFrom: 'All',
            attachedRoutes: 2,
            conditions: [
              { type: 'Programmed', status: 'True', reason: 'Programmed' },
            ],
          },
        ],
        service: {
          kind: 'Service',
          namespace: 'network',
          name: 'cilium-gateway-envoy-internal',
        },
      },
    ],
    routeCounts: routeCountsOf(routesFixture()),
    ingresses: [],
    pools: [
      {
        name: 'home-iot',
        apiVersion: 'cilium.io/v2',
        disabled: false,
        blocks: ['127.0.20.5/32'],
        allowFirstLastIPs: 'Yes',
        total: 1,
        used: 1,
        free: 0,
        totalIsCapped: false,
        conflicts: [],
        conditions: [],
        allocations: [
          {
            ip: '127.0.20.5',
            service: { namespace: 'home', name: 'matter-server' },
          },
        ],
        serviceSelector: 'pool=home-iot',
        selectorMatchesNothing: false,
      },
      {
        name: 'lan',
        apiVersion: 'cilium.io/v2',
        disabled: false,
        blocks: ['127.0.10.0/28'],
        allowFirstLastIPs: 'No',
        total: 14,
        used: 2,
        free: 12,
        totalIsCapped: false,
        conflicts: [],
        conditions: [],
        allocations: [
          {
            ip: '127.0.10.10',
            service: {
              namespace: 'network',
              name: 'cilium-gateway-envoy-internal',
            },
          },
        ],
        serviceSelector: '',
        selectorMatchesNothing: false,
      },
    ],
    l2Policies: [
      {
        name: 'default-l2',
        nodeSelector: '',
        serviceSelector: '',
        loadBalancerIPs: true,
        externalIPs: false,
        interfaces: ['eth0'],
        services: ['network/cilium-gateway-envoy-internal'],
        conditions: [],
      },
    ],
    l2Leases: [
      {
        service: {
          namespace: 'network',
          name: 'cilium-gateway-envoy-internal',
        },
        ips: ['127.0.10.10'],
        holder: 'talos-cp-1',
        expired: false,
      },
    ],
    cilium: {
      installed: true,
      version: '1.18.0',
      kubeProxyReplacement: 'true',
      daemonSet: { desired: 2, ready: 1, available: 1 },
      agents: [
        {
          node: 'talos-cp-1',
          pod: 'cilium-aaaaa',
          ready: true,
          restarts: 0,
          phase: 'Running',
        },
        {
          node: 'talos-worker-1',
          pod: 'cilium-bbbbb',
          ready: false,
          restarts: 7,
          phase: 'Running',
        },
      ],
    },
    certificates: [
      {
        namespace: 'home',
        name: 'home-assistant-tls',
        dnsNames: ['home.demo.lab'],
        secretName: 'home-assistant-tls',
        issuer: 'ClusterIssuer/letsencrypt',
        ready: true,
        daysLeft: 5,
        notAfter: '2026-11-27T03:00:00Z',
      },
      {
        namespace: 'network',
        name: 'demo-lab-tls',
        dnsNames: ['*.demo.lab'],
        secretName: 'demo-lab-tls',
        issuer: 'ClusterIssuer/letsencrypt',
        ready: true,
        daysLeft: 80,
        notAfter: '2027-02-10T03:00:00Z',
      },
    ],
    dns: [
      {
        hostname: 'jellyfin.demo.lab',
        scope: 'internal',
        expected: ['127.0.10.10'],
        answered: ['127.0.10.10'],
        state: 'match',
      },
    ],
    namespacesWithoutDefaultDeny: ['default'],
    missing: ['dns-external'],
    ...overrides,
  };
}
