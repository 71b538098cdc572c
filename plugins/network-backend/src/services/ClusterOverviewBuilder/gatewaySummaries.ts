import { GatewaySummary, RouteSummary } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { gatewayService } from '../RequestPathResolver/gatewayHops';
import { toConditions } from './toCondition';

/** Every Gateway with listeners (spec and status together), addresses and conditions. */
export function gatewaySummaries(cache: ClusterCache): GatewaySummary[] {
  return cache.list('Gateway').map(gateway => {
    const service = gatewayService(cache, gateway);
    return {
      namespace: gateway.metadata.namespace,
      name: gateway.metadata.name,
      gatewayClassName: gateway.spec?.gatewayClassName ?? '',
      addresses: (gateway.status?.addresses ?? []).map((address: any) => address.value),
      conditions: toConditions(gateway.status?.conditions),
      listeners: (gateway.spec?.listeners ?? []).map((listener: any) => {
        const status = (gateway.status?.listeners ?? []).find((entry: any) => entry.name === listener.name);
        return {
          name: listener.name,
          hostname: listener.hostname,
          port: listener.port,
          protocol: listener.protocol,
          tlsMode: listener.tls ? listener.tls.mode ?? 'Terminate' : undefined,
          certificateRefs: (listener.tls?.certificateRefs ?? []).map(
            (ref: any) => `${ref.namespace ?? gateway.metadata.namespace}/${ref.name}`,
          ),
          allowedRoutesFrom: listener.allowedRoutes?.namespaces?.from ?? 'Same',
          attachedRoutes: status?.attachedRoutes ?? 0,
          conditions: toConditions(status?.conditions),
        };
      }),
      service: service
        ? { apiVersion: 'v1', kind: 'Service', namespace: service.metadata.namespace, name: service.metadata.name }
        : undefined,
    };
  });
}

/** Every HTTPRoute and GRPCRoute with its status per parent. */
export function routeSummaries(cache: ClusterCache): RouteSummary[] {
  return ['HTTPRoute', 'GRPCRoute'].flatMap(kind =>
    cache.list(kind).map(route => {
      const namespace = route.metadata.namespace;
      const parents = (route.status?.parents ?? []).map((entry: any) => {
        const ref = entry.parentRef ?? {};
        const parentNamespace = ref.namespace ?? namespace;
        const conditions = toConditions(entry.conditions);
        return {
          parent: `${parentNamespace}/${ref.name}${ref.sectionName ? `/${ref.sectionName}` : ''}${ref.port ? `:${ref.port}` : ''}`,
          parentRef: { kind: ref.kind ?? 'Gateway', namespace: parentNamespace, name: ref.name, sectionName: ref.sectionName, port: ref.port },
          controllerName: entry.controllerName,
          accepted: conditions.find(condition => condition.type === 'Accepted'),
          resolvedRefs: conditions.find(condition => condition.type === 'ResolvedRefs'),
          conditions,
        };
      });
      const parentKey = (ref: any) => `${ref.namespace ?? namespace}/${ref.name}${ref.sectionName ? `/${ref.sectionName}` : ''}`;
      const reported = new Set((route.status?.parents ?? []).map((entry: any) => parentKey(entry.parentRef ?? {})));
      return {
        kind,
        namespace,
        name: route.metadata.name,
        hostnames: route.spec?.hostnames ?? [],
        backends: (route.spec?.rules ?? []).flatMap((rule: any) =>
          (rule.backendRefs ?? []).map((ref: any) => `${ref.namespace ?? namespace}/${ref.name}${ref.port ? `:${ref.port}` : ''}`),
        ),
        parents,
        parentsWithoutStatus: (route.spec?.parentRefs ?? []).map(parentKey).filter((key: string) => !reported.has(key)),
      };
    }),
  );
}
