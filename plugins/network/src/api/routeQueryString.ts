import type { RouteQuery } from '@internal/plugin-network-common';

/**
 * `?offset=..&limit=..` for {@link RouteQuery}: states joined by commas, unset or empty
 * filters left out so the backend applies its defaults.
 */
export function routeQueryString(query: RouteQuery): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '') params.set(name, String(value));
  };
  set('offset', query.offset);
  set('limit', query.limit);
  set('search', query.search);
  set('state', query.states?.join(','));
  set('gateway', query.gateway);
  set('hostname', query.hostname);
  const text = params.toString();
  return text ? `?${text}` : '';
}
