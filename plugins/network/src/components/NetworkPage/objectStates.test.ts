import type {
  CertificateSummary,
  DnsRecordSummary,
  GatewaySummary,
  RouteSummary,
} from '@internal/plugin-network-common';
import { healthyRoute, overviewFixture } from '../../testing/overviewFixture';
import {
  certificateState,
  dnsState,
  gatewayState,
  poolState,
  routeState,
} from './objectStates';
import { healthSummary } from './healthSummary';

const gateway = (conditions: GatewaySummary['conditions']): GatewaySummary => ({
  namespace: 'network',
  name: 'gw',
  gatewayClassName: 'cilium',
  addresses: [],
  listeners: [],
  conditions,
});

describe('gatewayState', () => {
  it.each([
    [
      [
        { type: 'Accepted', status: 'True' },
        { type: 'Programmed', status: 'True', reason: 'Programmed' },
      ],
      'ok',
      'Programmed',
    ],
    [
      [{ type: 'Accepted', status: 'False', reason: 'InvalidParameters' }],
      'failing',
      'InvalidParameters',
    ],
    [
      [
        { type: 'Accepted', status: 'True' },
        { type: 'Programmed', status: 'False', reason: 'AddressNotAssigned' },
      ],
      'failing',
      'AddressNotAssigned',
    ],
    [
      [{ type: 'Accepted', status: 'True' }],
      'unknown',
      'NoProgrammedCondition',
    ],
  ])('%j -> %s %s', (conditions, state, reason) => {
    expect(gatewayState(gateway(conditions))).toMatchObject({ state, reason });
  });
});

describe('routeState', () => {
  const withParent = (
    accepted: string,
    resolved: string,
    reason?: string,
  ): RouteSummary => {
    const route = healthyRoute('media', 'app');
    route.parents[0].accepted = {
      type: 'Accepted',
      status: accepted,
      reason: accepted === 'False' ? reason : 'Accepted',
    };
    route.parents[0].resolvedRefs = {
      type: 'ResolvedRefs',
      status: resolved,
      reason: resolved === 'False' ? reason : 'ResolvedRefs',
    };
    return route;
  };
  it.each([
    ['True', 'True', undefined, 'ok', 'Accepted'],
    [
      'False',
      'True',
      'NoMatchingListenerHostname',
      'failing',
      'NoMatchingListenerHostname',
    ],
    ['True', 'False', 'BackendNotFound', 'failing', 'BackendNotFound'],
    ['Unknown', 'True', undefined, 'unknown', 'Pending'],
  ])(
    'Accepted=%s ResolvedRefs=%s (%s) -> %s %s',
    (accepted, resolved, reason, state, expected) => {
      expect(routeState(withParent(accepted, resolved, reason))).toMatchObject({
        state,
        reason: expected,
      });
    },
  );

  it('warns when a parent has not written status yet', () => {
    const route = {
      ...healthyRoute('a', 'b'),
      parentsWithoutStatus: ['network/envoy-external'],
    };
    expect(routeState(route)).toMatchObject({
      state: 'warning',
      reason: 'NoParentStatus',
    });
  });
});

describe('poolState', () => {
  const [exhausted, lan] = overviewFixture().pools;
  it.each([
    ['exhausted', exhausted, 'failing', 'Exhausted'],
    ['with room', lan, 'ok', 'Available'],
    [
      'conflicting',
      { ...lan, conflicts: ['overlaps lan2'] },
      'failing',
      'PoolConflict',
    ],
    [
      'selecting nothing',
      { ...lan, selectorMatchesNothing: true },
      'warning',
      'SelectorMatchesNothing',
    ],
    ['disabled', { ...exhausted, disabled: true }, 'unknown', 'Disabled'],
  ])('%s', (_name, pool, state, reason) => {
    expect(poolState(pool)).toMatchObject({ state, reason });
  });
});

describe('certificateState', () => {
  const certificate = (
    partial: Partial<CertificateSummary>,
  ): CertificateSummary => ({
    namespace: 'a',
    name: 'c',
    dnsNames: [],
    secretName: 'c',
    issuer: 'x',
    ready: true,
    ...partial,
  });
  it.each([
    [{ daysLeft: 80 }, 'ok', 'Ready'],
    [{ daysLeft: 29 }, 'warning', 'Expiring'],
    [{ daysLeft: 30 }, 'ok', 'Ready'],
    [{ daysLeft: -2 }, 'failing', 'Expired'],
    [{ ready: false, readyReason: 'DoesNotExist' }, 'failing', 'DoesNotExist'],
  ])('%j -> %s %s', (partial, state, reason) => {
    expect(certificateState(certificate(partial))).toMatchObject({
      state,
      reason,
    });
  });
});

describe('dnsState', () => {
  it.each([
    ['match', 'ok'],
    ['mismatch', 'failing'],
    ['no-answer', 'failing'],
    ['unchecked', 'unknown'],
  ] as const)('%s -> %s', (recordState, state) => {
    const record: DnsRecordSummary = {
      hostname: 'a',
      scope: 'internal',
      expected: [],
      answered: [],
      state: recordState,
    };
    expect(dnsState(record).state).toBe(state);
  });
});

describe('healthSummary', () => {
  it('counts the good objects per section and colours by the worst', () => {
    expect(
      healthSummary(overviewFixture()).map(t => [
        t.section,
        t.good,
        t.total,
        t.state,
        t.detail,
      ]),
    ).toEqual([
      ['gateways', 1, 1, 'ok', undefined],
      ['routes', 1, 2, 'failing', '1 need attention'],
      ['pools', 1, 2, 'failing', '1 need attention'],
      ['cilium', 1, 2, 'failing', '1 need attention'],
      ['certificates', 1, 2, 'warning', '1 expiring'],
      ['dns', 1, 1, 'ok', undefined],
    ]);
  });

  it('marks sections whose kinds the cluster lacks as not installed', () => {
    const tiles = healthSummary(
      overviewFixture({
        missing: [
          'gateway.networking.k8s.io/Gateway',
          'cert-manager.io/Certificate',
        ],
        gateways: [],
        routes: [],
        certificates: [],
      }),
    );
    const bySection = Object.fromEntries(tiles.map(t => [t.section, t]));
    expect(bySection.gateways).toMatchObject({
      state: 'unknown',
      detail: 'not installed',
    });
    expect(bySection.routes).toMatchObject({
      state: 'unknown',
      detail: 'not installed',
    });
    expect(bySection.certificates).toMatchObject({
      state: 'unknown',
      detail: 'not installed',
    });
    expect(bySection.pools.detail).toBe('1 need attention');
  });
});
