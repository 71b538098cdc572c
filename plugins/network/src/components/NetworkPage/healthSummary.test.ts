import { overviewFixture } from '../../testing/overviewFixture';
import { healthSummary } from './healthSummary';

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

  it.each([
    [
      'all accepted',
      { total: 20000, ok: 20000, warning: 0, failing: 0, unknown: 0 },
      [20000, 20000, 'ok', undefined],
    ],
    [
      'some pending',
      { total: 20000, ok: 19990, warning: 0, failing: 0, unknown: 10 },
      [19990, 20000, 'unknown', '10 need attention'],
    ],
    [
      'warnings beat pending',
      { total: 12, ok: 7, warning: 2, failing: 0, unknown: 3 },
      [7, 12, 'warning', '5 need attention'],
    ],
    [
      'one failing among many',
      { total: 20000, ok: 19000, warning: 900, failing: 1, unknown: 99 },
      [19000, 20000, 'failing', '1000 need attention'],
    ],
    [
      'no routes at all',
      { total: 0, ok: 0, warning: 0, failing: 0, unknown: 0 },
      [0, 0, 'ok', undefined],
    ],
  ])('the routes tile from routeCounts: %s', (_name, routeCounts, expected) => {
    const routes = healthSummary(overviewFixture({ routeCounts })).find(
      t => t.section === 'routes',
    )!;
    expect([routes.good, routes.total, routes.state, routes.detail]).toEqual(
      expected,
    );
  });

  it('marks sections whose kinds the cluster lacks as not installed', () => {
    const tiles = healthSummary(
      overviewFixture({
        missing: [
          'gateway.networking.k8s.io/Gateway',
          'cert-manager.io/Certificate',
        ],
        gateways: [],
        routeCounts: { total: 0, ok: 0, warning: 0, failing: 0, unknown: 0 },
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
