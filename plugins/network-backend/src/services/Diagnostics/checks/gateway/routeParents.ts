import { conditionOf } from '../../../RequestPathResolver/objectRefs';
import { CheckContext } from '../../DiagnosticCheck';
import { objectsInScope } from '../../scopedObjects';

/** The route kinds the gateway checks read. */
export const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'] as const;

/** A route with its kind (list items lack it). */
export interface KindedRoute {
  kind: string;
  route: any;
}

/** One Gateway parentRef of a route, as written, with the namespace default applied. */
export interface RouteGatewayParent {
  /** The parentRef as written in spec.parentRefs. */
  parentRef: any;
  namespace: string;
  name: string;
  /** `namespace/name[/section]`, for messages and evidence keys. */
  label: string;
  /** The route's status.parents entry for this parentRef, if a controller wrote one. */
  status?: any;
}

/** The HTTPRoutes and GRPCRoutes a run's scope covers (kinds the cluster does not serve give none). */
export function routesInScope(context: CheckContext): KindedRoute[] {
  return ROUTE_KINDS.flatMap(kind => objectsInScope(context, kind).map(route => ({ kind, route })));
}

/** The Gateway parents of a route, each with its status entry (matched on namespace, name and sectionName). */
export function gatewayParentsWithStatus(route: any): RouteGatewayParent[] {
  const routeNamespace = route.metadata.namespace;
  return (route.spec?.parentRefs ?? [])
    .filter((ref: any) => (ref.kind ?? 'Gateway') === 'Gateway' && (ref.group ?? 'gateway.networking.k8s.io') === 'gateway.networking.k8s.io')
    .map((ref: any) => {
      const namespace = ref.namespace ?? routeNamespace;
      const status = (route.status?.parents ?? []).find(
        (entry: any) =>
          entry.parentRef?.name === ref.name &&
          (entry.parentRef?.namespace ?? routeNamespace) === namespace &&
          (entry.parentRef?.sectionName ?? undefined) === (ref.sectionName ?? undefined),
      );
      return { parentRef: ref, namespace, name: ref.name, label: `${namespace}/${ref.name}${ref.sectionName ? `/${ref.sectionName}` : ''}`, status };
    });
}

/** A condition of a route's status entry for one parent. */
export function parentCondition(parent: RouteGatewayParent, type: string) {
  return conditionOf(parent.status?.conditions, type);
}
