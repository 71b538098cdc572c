import type { HopState } from '../types/requestPath';
import type { RouteSummary } from '../types/overview';

/** A route's state with the reason that decided it (an upstream reason string where one exists). */
export interface RouteState {
  state: HopState;
  reason?: string;
  message?: string;
}

/**
 * A route is failing when any parent refuses it (Accepted) or a backend does not resolve
 * (ResolvedRefs), warning without a parent or a parent's status, unknown while pending.
 * Shared so the backend counts and filters routes by the state the Network page shows.
 */
export function routeState(route: RouteSummary): RouteState {
  for (const parent of route.parents) {
    for (const condition of [parent.accepted, parent.resolvedRefs]) {
      if (condition?.status === 'False') {
        return { state: 'failing', reason: condition.reason, message: condition.message };
      }
    }
  }
  if (route.parentsWithoutStatus.length > 0) {
    return {
      state: 'warning',
      reason: 'NoParentStatus',
      message: `No status from ${route.parentsWithoutStatus.join(', ')}`,
    };
  }
  if (route.parents.length === 0) {
    return { state: 'warning', reason: 'NoParents', message: 'The route names no parent gateway' };
  }
  const pending = route.parents.some(
    parent => parent.accepted?.status !== 'True' || (parent.resolvedRefs && parent.resolvedRefs.status !== 'True'),
  );
  if (pending) return { state: 'unknown', reason: 'Pending' };
  return { state: 'ok', reason: 'Accepted' };
}

/**
 * True when the route names the gateway `namespace/name` as a parent, with status or still
 * without (a parentRef without namespace means the route's own).
 */
export function routeHasGatewayParent(route: RouteSummary, gateway: string): boolean {
  const withStatus = route.parents.some(({ parentRef }) => `${parentRef.namespace ?? route.namespace}/${parentRef.name}` === gateway);
  return withStatus || route.parentsWithoutStatus.some(parent => parent === gateway || parent.startsWith(`${gateway}/`) || parent.startsWith(`${gateway}:`));
}
