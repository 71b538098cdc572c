/**
 * Hostname matching as Gateway API defines it (HTTPRoute `spec.hostnames` and
 * Listener `hostname`): names compare case-insensitively, and a leading `*.` label
 * is a suffix match over one or more labels, so `*.example.com` matches
 * `foo.example.com` and `foo.bar.example.com` but not `example.com`.
 * (X.509 certificate wildcards differ: see `certificateCoversHostname`.)
 */

/** Whether a hostname is a wildcard (`*.example.com`). */
export function isWildcardHostname(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/** Whether a request host matches a listener or route hostname (precise or wildcard). */
export function hostnameMatchesPattern(pattern: string, host: string): boolean {
  const p = normalise(pattern);
  const h = normalise(host);
  if (!isWildcardHostname(p)) return p === h;
  const suffix = p.slice(1); // '.example.com'
  return h.length > suffix.length && h.endsWith(suffix) && !h.startsWith('.');
}

/**
 * The hostname both a listener hostname and a route hostname serve, or undefined
 * when they share none. The answer is the more specific of the two: a precise name
 * inside a wildcard, or the narrower of two wildcards (`*.a.example.com` within `*.example.com`).
 */
export function intersectHostnames(
  listenerHostname: string,
  routeHostname: string,
): string | undefined {
  const listener = normalise(listenerHostname);
  const route = normalise(routeHostname);
  if (listener === route) return route;
  const listenerWild = isWildcardHostname(listener);
  const routeWild = isWildcardHostname(route);
  if (!listenerWild && !routeWild) return undefined;
  if (listenerWild && !routeWild)
    return hostnameMatchesPattern(listener, route) ? route : undefined;
  if (!listenerWild && routeWild)
    return hostnameMatchesPattern(route, listener) ? listener : undefined;
  // Two wildcards: the one whose suffix lies inside the other's is the intersection.
  if (hostnameMatchesPattern(listener, route.slice(2))) return route;
  if (hostnameMatchesPattern(route, listener.slice(2))) return listener;
  return undefined;
}

/** The hostnames a route serves through a listener, and whether it may attach at all. */
export interface ListenerRouteHostnames {
  /** False only when both sides name hostnames and none intersect. */
  matches: boolean;
  /**
   * The effective hostnames; empty when neither side names any (the route then
   * serves every host). Route hostnames outside the listener's are dropped, as the spec requires.
   */
  hostnames: string[];
}

/**
 * Applies the listener/route hostname rules: a route without hostnames inherits the
 * listener's; a listener without hostname accepts the route's; otherwise only the
 * intersecting names count and the route is not accepted when there are none.
 */
export function listenerRouteHostnames(
  listenerHostname: string | undefined,
  routeHostnames: readonly string[] | undefined,
): ListenerRouteHostnames {
  const routes = (routeHostnames ?? [])
    .filter(hostname => hostname !== '')
    .map(normalise);
  if (!listenerHostname) return { matches: true, hostnames: unique(routes) };
  if (routes.length === 0)
    return { matches: true, hostnames: [normalise(listenerHostname)] };
  const hostnames = unique(
    routes
      .map(route => intersectHostnames(listenerHostname, route))
      .filter((hostname): hostname is string => hostname !== undefined),
  );
  return { matches: hostnames.length > 0, hostnames };
}

function normalise(hostname: string): string {
  return hostname.trim().toLowerCase().replace(/\.$/, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
