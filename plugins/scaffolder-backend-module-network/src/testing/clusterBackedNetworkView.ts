import {
  ClusterOverview,
  GatewaySummary,
  IpPoolSummary,
  routePageOf,
  RouteSummary,
} from '@internal/plugin-network-common';
import { ClusterApi } from '../services/ClusterApi/ClusterApi';
import { NetworkView } from '../services/NetworkView/NetworkView';

/**
 * A stand-in for the network backend in tests: the parts of its answers the actions read,
 * built from the demo cluster's objects at call time (the backend itself is tested apart).
 */
export function clusterBackedNetworkView(
  clusterApi: ClusterApi,
  pools: IpPoolSummary[] = [],
): NetworkView {
  const list = async (path: string) =>
    (await clusterApi.get('demo', path))?.items ?? [];
  const gateways = async (): Promise<GatewaySummary[]> =>
    (await list('/apis/gateway.networking.k8s.io/v1/gateways')).map(
      (gateway: any) => ({
        namespace: gateway.metadata.namespace,
        name: gateway.metadata.name,
        gatewayClassName: gateway.spec.gatewayClassName,
        addresses: (gateway.status?.addresses ?? []).map(
          (address: any) => address.value,
        ),
        conditions: gateway.status?.conditions ?? [],
        listeners: gateway.spec.listeners.map((listener: any) => ({
          name: listener.name,
          hostname: listener.hostname,
          port: listener.port,
          protocol: listener.protocol,
          tlsMode: listener.tls?.mode,
          certificateRefs: (listener.tls?.certificateRefs ?? []).map(
            (ref: any) =>
              `${ref.namespace ?? gateway.metadata.namespace}/${ref.name}`,
          ),
          allowedRoutesFrom: listener.allowedRoutes?.namespaces?.from ?? 'Same',
          attachedRoutes: 0,
          conditions: [],
        })),
      }),
    );
  const routes = async (): Promise<RouteSummary[]> =>
    (await list('/apis/gateway.networking.k8s.io/v1/httproutes')).map(
      (route: any) => ({
        kind: 'HTTPRoute',
        namespace: route.metadata.namespace,
        name: route.metadata.name,
        hostnames: route.spec.hostnames ?? [],
        backends: [],
        parents: [],
        parentsWithoutStatus: [],
      }),
    );
  return {
    clusters: async () => [{ name: 'demo', health: 'healthy', kinds: [] }],
    gateways: async () => gateways(),
    pools: async () => pools,
    routesNaming: async (_cluster, hostname) =>
      routePageOf('demo', await routes(), { hostname, limit: 500 }),
    overview: async () =>
      ({
        ingresses: (await list('/apis/networking.k8s.io/v1/ingresses')).map(
          (ingress: any) => ({
            namespace: ingress.metadata.namespace,
            name: ingress.metadata.name,
            hosts: (ingress.spec.rules ?? [])
              .map((rule: any) => rule.host)
              .filter(Boolean),
            addresses: [],
            backends: [],
            tlsSecrets: [],
          }),
        ),
        dnsEndpoints: (
          await list('/apis/externaldns.k8s.io/v1alpha1/dnsendpoints')
        ).map((record: any) => ({
          namespace: record.metadata.namespace,
          name: record.metadata.name,
          dnsNames: (record.spec?.endpoints ?? []).map((endpoint: any) =>
            String(endpoint.dnsName ?? '')
              .toLowerCase()
              .replace(/\.$/, ''),
          ),
        })),
        gateways: await gateways(),
      } as unknown as ClusterOverview),
  };
}
