import type { RouteSummary } from '../types/overview';
import { routeCounts, routePageOf, routeRows } from './routeSelection';

function route(namespace: string, name: string, accepted: 'True' | 'False' | undefined, hostname = `${name}.demo.lab`): RouteSummary {
  return {
    kind: 'HTTPRoute',
    namespace,
    name,
    hostnames: [hostname],
    backends: [`${namespace}/${name}:80`],
    parents: accepted
      ? [
          {
            parent: 'network/envoy-internal',
            parentRef: { kind: 'Gateway', namespace: 'network', name: 'envoy-internal' },
            accepted: { type: 'Accepted', status: accepted, reason: accepted === 'True' ? 'Accepted' : 'NotAllowedByListeners' },
            conditions: [],
          },
        ]
      : [],
    parentsWithoutStatus: [],
  };
}

const routes = [route('media', 'jellyfin', 'True'), route('apps', 'blog', 'True', 'Blog.Demo.Lab'), route('media', 'sonarr', 'False'), route('apps', 'orphan', undefined)];

describe('routePageOf', () => {
  it('orders worst first, then by namespace and name, 50 a page by default', () => {
    const page = routePageOf('demo', routes, {});
    expect(page).toMatchObject({ cluster: 'demo', stale: false, missing: [], total: 4, matched: 4, offset: 0, limit: 50 });
    expect(page.items.map(item => item.name)).toEqual(['sonarr', 'orphan', 'blog', 'jellyfin']);
  });

  it('pages, and combines the filters', () => {
    expect(routePageOf('demo', routes, { offset: 1, limit: 2 }).items.map(item => item.name)).toEqual(['orphan', 'blog']);
    expect(routePageOf('demo', routes, { states: ['ok'], search: 'MEDIA/' }).items.map(item => item.name)).toEqual(['jellyfin']);
    expect(routePageOf('demo', routes, { search: 'notallowedbylisteners' }).matched).toBe(1);
    expect(routePageOf('demo', routes, { gateway: 'network/envoy-internal' }).matched).toBe(3);
  });

  it('finds a hostname exactly, whatever its case, and keeps the freshness it is given', () => {
    const page = routePageOf('demo', routes, { hostname: 'blog.demo.LAB' }, { stale: true, missing: ['cluster'] });
    expect(page).toMatchObject({ stale: true, missing: ['cluster'], total: 4, matched: 1 });
    expect(routePageOf('demo', routes, { hostname: 'blog.demo' }).matched).toBe(0);
  });
});

describe('routeCounts', () => {
  it('counts by state', () => {
    expect(routeCounts(routeRows(routes))).toEqual({ total: 4, ok: 2, warning: 1, failing: 1, unknown: 0 });
  });
});
