import type { RouteSummary } from '../types/overview';
import { routeHasGatewayParent, routeState } from './routeState';

function route(accepted?: string, resolvedRefs?: string, reason?: string): RouteSummary {
  return {
    kind: 'HTTPRoute',
    namespace: 'media',
    name: 'jellyfin',
    hostnames: ['jellyfin.demo.lab'],
    backends: ['media/jellyfin:8096'],
    parents: [
      {
        parent: 'network/envoy-internal',
        parentRef: { kind: 'Gateway', namespace: 'network', name: 'envoy-internal' },
        accepted: accepted ? { type: 'Accepted', status: accepted, reason: accepted === 'False' ? reason : 'Accepted' } : undefined,
        resolvedRefs: resolvedRefs ? { type: 'ResolvedRefs', status: resolvedRefs, reason: resolvedRefs === 'False' ? reason : 'ResolvedRefs' } : undefined,
        conditions: [],
      },
    ],
    parentsWithoutStatus: [],
  };
}

describe('routeState', () => {
  it.each([
    ['True', 'True', undefined, 'ok', 'Accepted'],
    ['False', 'True', 'NoMatchingListenerHostname', 'failing', 'NoMatchingListenerHostname'],
    ['True', 'False', 'BackendNotFound', 'failing', 'BackendNotFound'],
    ['Unknown', 'True', undefined, 'unknown', 'Pending'],
    [undefined, undefined, undefined, 'unknown', 'Pending'],
  ])('Accepted=%s ResolvedRefs=%s (%s) -> %s %s', (accepted, resolved, reason, state, expected) => {
    expect(routeState(route(accepted, resolved, reason))).toMatchObject({ state, reason: expected });
  });

  it('warns when a parent has not written status yet, naming it', () => {
    expect(routeState({ ...route('True', 'True'), parentsWithoutStatus: ['network/envoy-external'] })).toEqual({
      state: 'warning',
      reason: 'NoParentStatus',
      message: 'No status from network/envoy-external',
    });
  });

  it('warns when the route names no parent', () => {
    expect(routeState({ ...route(), parents: [] })).toMatchObject({ state: 'warning', reason: 'NoParents' });
  });
});

describe('routeHasGatewayParent', () => {
  it('matches a parent with status by namespace/name, the route namespace standing in for a missing one', () => {
    expect(routeHasGatewayParent(route('True', 'True'), 'network/envoy-internal')).toBe(true);
    expect(routeHasGatewayParent(route('True', 'True'), 'network/envoy-external')).toBe(false);
    const local = route('True', 'True');
    local.parents[0].parentRef = { kind: 'Gateway', name: 'local' } as any;
    expect(routeHasGatewayParent(local, 'media/local')).toBe(true);
  });

  it('matches a parent still without status, with or without a section name, but not a longer name', () => {
    const pending = { ...route(), parents: [], parentsWithoutStatus: ['network/envoy-external/https'] };
    expect(routeHasGatewayParent(pending, 'network/envoy-external')).toBe(true);
    expect(routeHasGatewayParent(pending, 'network/envoy')).toBe(false);
  });
});
