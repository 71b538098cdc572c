import { routePageOf } from '@internal/plugin-network-common';
import type {
  GatewaySummary,
  IpPoolSummary,
  IssuerSummary,
  RoutePage,
  RouteSummary,
} from '@internal/plugin-network-common';

const programmed = (status: 'True' | 'False', reason = 'Programmed') => ({
  type: 'Programmed',
  status,
  reason,
});

/** envoy-internal (Programmed, listener https admits All) and envoy-lab (not Programmed, Same only). */
export function gatewaysFixture(): GatewaySummary[] {
  return [
    {
      namespace: 'network',
      name: 'envoy-lab',
      gatewayClassName: 'envoy',
      addresses: [],
      conditions: [programmed('False', 'AddressNotAssigned')],
      listeners: [
        {
          name: 'http',
          port: 80,
          protocol: 'HTTP',
          certificateRefs: [],
          allowedRoutesFrom: 'Same',
          attachedRoutes: 0,
          conditions: [],
        },
      ],
    },
    {
      namespace: 'network',
      name: 'envoy-internal',
      gatewayClassName: 'envoy',
      addresses: ['10.0.0.10'],
      conditions: [programmed('True')],
      listeners: [
        {
          name: 'https',
          hostname: '*.demo.lab',
          port: 443,
          protocol: 'HTTPS',
          tlsMode: 'Terminate',
          certificateRefs: ['network/demo-lab-tls'],
          allowedRoutesFrom: 'All',
          attachedRoutes: 5,
          conditions: [programmed('True')],
        },
        {
          name: 'tls-passthrough',
          port: 8443,
          protocol: 'TLS',
          tlsMode: 'Passthrough',
          certificateRefs: [],
          allowedRoutesFrom: 'All',
          attachedRoutes: 0,
          conditions: [programmed('True')],
        },
      ],
    },
  ];
}

/** A ready ACME ClusterIssuer, a failing one, and a namespaced CA Issuer in `media`. */
export function issuersFixture(): IssuerSummary[] {
  return [
    {
      kind: 'ClusterIssuer',
      name: 'letsencrypt-staging',
      type: 'acme',
      ready: false,
      readyReason: 'ErrRegisterACMEAccount',
      readyMessage: 'no route to host',
    },
    {
      kind: 'ClusterIssuer',
      name: 'letsencrypt-production',
      type: 'acme',
      ready: true,
      readyReason: 'ACMEAccountRegistered',
    },
    {
      kind: 'Issuer',
      namespace: 'media',
      name: 'media-ca',
      type: 'ca',
      ready: true,
    },
  ];
}

const pool = (overrides: Partial<IpPoolSummary>): IpPoolSummary => ({
  name: 'pool',
  apiVersion: 'cilium.io/v2',
  disabled: false,
  blocks: ['10.0.0.0/28'],
  allowFirstLastIPs: 'No',
  total: 14,
  used: 0,
  free: 14,
  totalIsCapped: false,
  conflicts: [],
  conditions: [],
  allocations: [],
  serviceSelector: '',
  selectorMatchesNothing: false,
  ...overrides,
});

/** A pool with room, an exhausted one, a disabled one, a conflicting one and a huge IPv6 one. */
export function poolsFixture(): IpPoolSummary[] {
  return [
    pool({ name: 'main', used: 4, free: 10 }),
    pool({
      name: 'iot',
      blocks: ['10.0.1.10-10.0.1.11'],
      total: 2,
      used: 2,
      free: 0,
      serviceSelector: 'pool=iot',
    }),
    pool({ name: 'old', disabled: true }),
    pool({
      name: 'overlap',
      conflicts: ["Pool overlaps range '10.0.0.0/28' from IP Pool 'main'"],
    }),
    pool({
      name: 'v6',
      blocks: ['fd00::/64'],
      total: Number.MAX_SAFE_INTEGER,
      free: Number.MAX_SAFE_INTEGER,
      totalIsCapped: true,
    }),
  ];
}

/** The cluster's routes: media/jellyfin serving jellyfin.demo.lab. */
export function fieldRoutesFixture(): RouteSummary[] {
  return [
    {
      kind: 'HTTPRoute',
      namespace: 'media',
      name: 'jellyfin',
      hostnames: ['jellyfin.demo.lab'],
      backends: [],
      parents: [],
      parentsWithoutStatus: [],
    },
  ];
}

/** `GET /clusters/demo/routes?hostname=&limit=500` as the backend answers it (its own selection, from network-common). */
export function fieldRoutePageFixture(hostname: string | null): RoutePage {
  return routePageOf('demo', fieldRoutesFixture(), {
    hostname: hostname ?? undefined,
    limit: 500,
  });
}

/** An overview with what the HostnamePicker and IssuerPicker read (routes come apart, paged). */
export function fieldOverviewFixture() {
  return {
    gateways: gatewaysFixture(),
    routeCounts: { total: 1, ok: 0, warning: 1, failing: 0, unknown: 0 },
    ingresses: [
      {
        namespace: 'monitoring',
        name: 'uptime-kuma',
        hosts: ['uptime-kuma.demo.lab'],
        addresses: [],
        backends: [],
        tlsSecrets: [],
      },
    ],
    dnsEndpoints: [
      {
        namespace: 'network',
        name: 'cloudflared',
        dnsNames: ['external.demo.lab'],
      },
    ],
    issuers: issuersFixture(),
  };
}
