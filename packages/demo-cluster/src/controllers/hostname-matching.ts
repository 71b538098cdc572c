/**
 * Hostname intersection as Gateway API defines it for listeners and routes: exact names match
 * case-insensitively, and a leading `*.` label is a suffix match covering one or more labels
 * (`*.example.com` matches `a.example.com` and `a.b.example.com`, not `example.com`).
 */

function matchesWildcard(wildcard: string, name: string): boolean {
  const suffix = wildcard.slice(1); // '.example.com'
  return name.length > suffix.length && name.endsWith(suffix);
}

/** True when a route hostname and a listener hostname can both serve some request host. */
export function hostnamesIntersect(listenerHostname: string | undefined, routeHostname: string): boolean {
  if (!listenerHostname) return true;
  const listener = listenerHostname.toLowerCase();
  const route = routeHostname.toLowerCase();
  const listenerWild = listener.startsWith('*.');
  const routeWild = route.startsWith('*.');
  if (!listenerWild && !routeWild) return listener === route;
  if (listenerWild && !routeWild) return matchesWildcard(listener, route);
  if (!listenerWild && routeWild) return matchesWildcard(route, listener);
  return listener === route || matchesWildcard(listener, route.slice(2)) || matchesWildcard(route, listener.slice(2));
}

/** True when the route (with `hostnames`, possibly none) can attach to a listener with `listenerHostname`. */
export function routeMatchesListenerHostname(listenerHostname: string | undefined, hostnames: readonly string[] | undefined): boolean {
  if (!hostnames || hostnames.length === 0) return true;
  return hostnames.some((hostname) => hostnamesIntersect(listenerHostname, hostname));
}
