import type { Hop, RequestPath } from '@internal/plugin-network-common';

function hop(partial: Partial<Hop> & Pick<Hop, 'id' | 'kind' | 'title'>): Hop {
  return { state: 'ok', evidence: { objects: [], fields: {} }, ...partial };
}

/** A request path whose route fails with BackendNotFound, with a certificate beside it. */
export function failingRequestPath(
  overrides: Partial<RequestPath> = {},
): RequestPath {
  return {
    entityRef: 'component:default/sonarr',
    cluster: 'demo',
    namespace: 'media',
    workload: { kind: 'Deployment', name: 'sonarr' },
    paths: [
      {
        hostname: 'sonarr.demo.lab',
        hops: [
          hop({ id: 'hostname', kind: 'hostname', title: 'sonarr.demo.lab' }),
          hop({
            id: 'dns-internal',
            kind: 'dns-internal',
            title: '127.0.10.10',
          }),
          hop({
            id: 'lb',
            kind: 'loadbalancer-ip',
            title: '127.0.10.10 (lan)',
          }),
          hop({
            id: 'listener',
            kind: 'gateway-listener',
            title: 'envoy-internal/https',
          }),
          hop({
            id: 'route:media/sonarr',
            kind: 'route',
            title: 'HTTPRoute media/sonarr',
            state: 'failing',
            reason: 'BackendNotFound',
            message: 'Service media/sonarr not found',
            fixHint:
              'Create Service media/sonarr or point backendRefs at an existing one.',
            evidence: {
              objects: [
                {
                  apiVersion: 'gateway.networking.k8s.io/v1',
                  kind: 'HTTPRoute',
                  namespace: 'media',
                  name: 'sonarr',
                },
              ],
              fields: { 'status.parents[0].conditions.ResolvedRefs': 'False' },
            },
          }),
          hop({
            id: 'service',
            kind: 'service',
            title: 'media/sonarr',
            state: 'unknown',
          }),
        ],
      },
    ],
    beside: [
      hop({
        id: 'certificate:network/demo-lab-tls',
        kind: 'certificate',
        title: 'demo-lab-tls',
      }),
    ],
    state: 'failing',
    failingHop: { pathIndex: 0, hopId: 'route:media/sonarr' },
    missing: [],
    stale: false,
    generatedAt: '2026-11-22T03:00:00Z',
    ...overrides,
  };
}
