import { InputError } from '@backstage/errors';
import { HopState, ROUTE_PAGE_MAX_LIMIT, RouteQuery } from '@internal/plugin-network-common';

const STATES: HopState[] = ['ok', 'warning', 'failing', 'unknown'];
const KNOWN_PARAMETERS = new Set(['offset', 'limit', 'search', 'state', 'gateway', 'hostname']);
const MAX_TEXT = 253;
const GATEWAY_PATTERN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-.a-z0-9]*[a-z0-9])?$/;

function text(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new InputError(`${name} must be given once, as text`);
  if (value.length > MAX_TEXT) throw new InputError(`${name} must be at most ${MAX_TEXT} characters`);
  return value;
}

function wholeNumber(query: Record<string, unknown>, name: string, max: number): number | undefined {
  const value = text(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) > max) throw new InputError(`${name} must be a whole number from 0 to ${max}, not '${value}'`);
  return Number(value);
}

/** The query string of `GET /clusters/:cluster/routes` as a RouteQuery; a bad parameter is a 400 naming it. */
export function parseRouteQuery(query: Record<string, unknown>): RouteQuery {
  for (const name of Object.keys(query)) {
    if (!KNOWN_PARAMETERS.has(name)) throw new InputError(`Unknown parameter '${name}'; known: ${[...KNOWN_PARAMETERS].join(', ')}`);
  }
  const limit = wholeNumber(query, 'limit', ROUTE_PAGE_MAX_LIMIT);
  if (limit === 0) throw new InputError(`limit must be from 1 to ${ROUTE_PAGE_MAX_LIMIT}`);
  const states = text(query, 'state')?.split(',').filter(Boolean);
  const unknownState = states?.find(state => !STATES.includes(state as HopState));
  if (unknownState !== undefined) throw new InputError(`state '${unknownState}' is not one of ${STATES.join(', ')}`);
  const gateway = text(query, 'gateway');
  if (gateway !== undefined && !GATEWAY_PATTERN.test(gateway)) throw new InputError(`gateway must be namespace/name, not '${gateway}'`);
  return {
    offset: wholeNumber(query, 'offset', 100_000_000),
    limit,
    search: text(query, 'search') || undefined,
    states: states as HopState[] | undefined,
    gateway,
    hostname: text(query, 'hostname') || undefined,
  };
}
