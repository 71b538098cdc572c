import type { HopState } from '../types/requestPath';
import type { RouteCounts, RoutePage, RouteQuery, RouteSummary } from '../types/overview';
import { routeHasGatewayParent, routeState } from './routeState';

/**
 * A route with what paging needs computed once (the backend keeps rows per cache generation):
 * its state and search text. The routes endpoint's selection lives here so that test stand-ins
 * of the backend answer exactly as it does.
 */
export interface RouteRow {
  summary: RouteSummary;
  state: HopState;
  /** Lowercased kind, namespace/name, hostnames, parents, backends, state and reason. */
  text: string;
}

const STATE_ORDER: Record<HopState, number> = { failing: 0, warning: 1, unknown: 2, ok: 3 };

/** Default and largest page of `GET /clusters/:cluster/routes`. */
export const ROUTE_PAGE_DEFAULT_LIMIT = 50;
export const ROUTE_PAGE_MAX_LIMIT = 500;

/** Rows in page order: worst state first, then namespace, name and kind. */
export function routeRows(summaries: RouteSummary[]): RouteRow[] {
  const rows = summaries.map(summary => {
    const state = routeState(summary);
    const text = [
      summary.kind,
      `${summary.namespace}/${summary.name}`,
      ...summary.hostnames,
      ...summary.parents.map(parent => parent.parent),
      ...summary.parentsWithoutStatus,
      ...summary.backends,
      state.state,
      state.reason ?? '',
    ]
      .join('\n')
      .toLowerCase();
    return { summary, state: state.state, text };
  });
  return rows.sort(
    (a, b) =>
      STATE_ORDER[a.state] - STATE_ORDER[b.state] ||
      a.summary.namespace.localeCompare(b.summary.namespace) ||
      a.summary.name.localeCompare(b.summary.name) ||
      a.summary.kind.localeCompare(b.summary.kind),
  );
}

/** Routes by state, for the overview's health summary. */
export function routeCounts(rows: RouteRow[]): RouteCounts {
  const counts: RouteCounts = { total: rows.length, ok: 0, warning: 0, failing: 0, unknown: 0 };
  for (const row of rows) counts[row.state] += 1;
  return counts;
}

/** The rows the query's filters keep, and the page of them it asks for. */
export function selectRoutes(rows: RouteRow[], query: RouteQuery): { matched: number; offset: number; limit: number; items: RouteSummary[] } {
  const offset = query.offset ?? 0;
  const limit = query.limit ?? ROUTE_PAGE_DEFAULT_LIMIT;
  const search = query.search?.toLowerCase();
  const states = query.states && query.states.length > 0 ? new Set(query.states) : undefined;
  const hostname = query.hostname?.toLowerCase();
  const matching = rows.filter(
    row =>
      (!states || states.has(row.state)) &&
      (!search || row.text.includes(search)) &&
      (!query.gateway || routeHasGatewayParent(row.summary, query.gateway)) &&
      (!hostname || row.summary.hostnames.some(name => name.toLowerCase() === hostname)),
  );
  return { matched: matching.length, offset, limit, items: matching.slice(offset, offset + limit).map(row => row.summary) };
}

/** A whole `RoutePage` for `routes` of one cluster (the backend adds its cache's staleness and missing kinds). */
export function routePageOf(
  cluster: string,
  routes: RouteSummary[],
  query: RouteQuery,
  freshness: Pick<RoutePage, 'stale' | 'missing'> = { stale: false, missing: [] },
): RoutePage {
  const rows = routeRows(routes);
  return { cluster, ...freshness, total: rows.length, ...selectRoutes(rows, query) };
}
