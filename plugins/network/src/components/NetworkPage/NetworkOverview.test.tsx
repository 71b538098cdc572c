import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { NetworkApi, networkApiRef } from '../../api';
import type { RouteSummary } from '@internal/plugin-network-common';
import {
  demoCluster,
  healthyRoute,
  overviewFixture,
  routeCountsOf,
  routePageFixture,
  routesFixture,
} from '../../testing/overviewFixture';
import { mockSignalApi } from '../../testing/mockSignalApi';
import { NetworkOverview } from './NetworkOverview';
import { responseError } from '../../testing/responseError';

/** `getRoutes` answering from `routes()` as the backend would (filters, order, paging). */
function routesOf(routes: () => RouteSummary[]) {
  return jest.fn(async (_cluster: string, query?: object) =>
    routePageFixture(routes(), query),
  );
}

function mockNetworkApi(
  overrides: Partial<NetworkApi> = {},
): jest.Mocked<NetworkApi> {
  return {
    getClusters: jest.fn().mockResolvedValue([demoCluster]),
    getOverview: jest.fn().mockResolvedValue(overviewFixture()),
    getRoutes: routesOf(routesFixture),
    getRequestPath: jest.fn(),
    ...overrides,
  } as jest.Mocked<NetworkApi>;
}

describe('NetworkOverview', () => {
  it('shows a spinner while the clusters load', async () => {
    const api = mockNetworkApi({
      getClusters: jest.fn(() => new Promise(() => {})),
    });
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('says what to do when no cluster is configured', async () => {
    const api = mockNetworkApi({
      getClusters: jest.fn().mockResolvedValue([]),
    });
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });
    expect(
      await screen.findByText('No cluster configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/kubernetes.clusterLocatorMethods/),
    ).toBeInTheDocument();
    expect(api.getOverview).not.toHaveBeenCalled();
  });

  it('explains a missing permission (403)', async () => {
    const api = mockNetworkApi({
      getClusters: jest
        .fn()
        .mockRejectedValue(
          await responseError(403, 'Error', 'network.read is not allowed'),
        ),
    });
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });
    expect(await screen.findByText('Permission missing')).toBeInTheDocument();
    expect(screen.getByText(/permission network.read/)).toBeInTheDocument();
  });

  it('explains an unreachable backend and retries', async () => {
    const getClusters = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(503, 'Error', 'Service Unavailable'),
      )
      .mockResolvedValueOnce([demoCluster]);
    const api = mockNetworkApi({ getClusters });
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });
    expect(
      await screen.findByText('The network backend is unreachable'),
    ).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByRole('heading', { name: 'Gateways' }),
    ).toBeInTheDocument();
  });

  it('shows the health summary and flags the broken route with its reason', async () => {
    const api = mockNetworkApi();
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });

    const summary = await screen.findByRole('navigation', {
      name: 'Health summary',
    });
    const routesTile = within(summary).getByRole('link', {
      name: 'Routes accepted: 1 of 2',
    });
    expect(routesTile).toHaveAttribute('href', '#routes');
    expect(within(routesTile).getByText(/Failing/)).toBeInTheDocument();
    expect(
      within(summary).getByRole('link', {
        name: 'Pools with free IPs: 1 of 2',
      }),
    ).toBeInTheDocument();
    expect(
      within(summary).getByRole('link', {
        name: 'Cilium agents ready: 1 of 2',
      }),
    ).toBeInTheDocument();
    expect(within(summary).getByText(/1 expiring/)).toBeInTheDocument();

    // The routes come a page at a time from their own endpoint, problems first.
    const routes = screen.getByRole('region', { name: 'Routes' });
    expect(await within(routes).findByText('media/sonarr')).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenCalledWith('demo', {
      offset: 0,
      limit: 20,
      search: undefined,
      states: undefined,
    });
    expect(within(routes).getByText('2 routes')).toBeInTheDocument();
    expect(
      within(routes).getByText(/Failing: BackendNotFound/),
    ).toBeInTheDocument();
    expect(
      within(routes).getByText('Service media/sonarr not found'),
    ).toBeInTheDocument();

    // Pools: the exhausted one is flagged, usage is written out.
    const pools = screen.getByRole('region', { name: 'IP pools' });
    expect(within(pools).getByText(/Failing: Exhausted/)).toBeInTheDocument();
    expect(
      within(pools).getByText('1 used / 0 free / 1 total (100%)'),
    ).toBeInTheDocument();
    expect(within(pools).getByText('home/matter-server')).toBeInTheDocument();

    const certificates = screen.getByRole('region', { name: 'Certificates' });
    expect(
      within(certificates).getByText(/Warning: Expiring/),
    ).toBeInTheDocument();
    expect(within(certificates).getByText(/5 days left/)).toBeInTheDocument();

    const cilium = screen.getByRole('region', { name: 'Cilium' });
    expect(within(cilium).getByText(/Failing: NotReady/)).toBeInTheDocument();
    expect(api.getOverview).toHaveBeenCalledWith('demo');
  });

  it('warns when the data is stale and names the kinds the cluster lacks', async () => {
    const api = mockNetworkApi({
      getOverview: jest.fn().mockResolvedValue(
        overviewFixture({
          stale: true,
          gateways: [],
          routeCounts: routeCountsOf([]),
          missing: [
            'gateway.networking.k8s.io/Gateway',
            'gateway.networking.k8s.io/HTTPRoute',
          ],
        }),
      ),
    });
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });
    expect(await screen.findByText('Data may be stale')).toBeInTheDocument();
    expect(
      screen.getByText('Not installed in this cluster'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/Gateway API is not installed/).length).toBe(2);
  });

  it('says when the cluster is unreachable', async () => {
    const api = mockNetworkApi({
      getOverview: jest.fn().mockResolvedValue(
        overviewFixture({
          cluster: { ...demoCluster, health: 'unreachable' },
          missing: ['cluster'],
        }),
      ),
    });
    await renderInTestApp(<NetworkOverview />, {
      apis: [[networkApiRef, api]],
    });
    expect(await screen.findByText('Cluster unreachable')).toBeInTheDocument();
  });

  it('refreshes on a cluster-changed signal without closing open panels', async () => {
    const signals = mockSignalApi();
    let routes = routesFixture();
    const fixedRoutes = [
      healthyRoute('media', 'jellyfin'),
      healthyRoute('media', 'radarr'),
    ];
    const getOverview = jest
      .fn()
      .mockResolvedValueOnce(overviewFixture())
      .mockImplementationOnce(async () => {
        routes = fixedRoutes;
        return overviewFixture({
          generatedAt: '2026-11-22T03:05:00Z',
          routeCounts: routeCountsOf(fixedRoutes),
        });
      });
    const api = mockNetworkApi({
      getOverview,
      getRoutes: routesOf(() => routes),
    });
    await renderInTestApp(<NetworkOverview />, {
      apis: [
        [networkApiRef, api],
        [signalApiRef, signals.api],
      ],
    });
    fireEvent.click(
      await screen.findByRole('button', { name: /network\/envoy-internal/ }),
    );
    expect(
      await screen.findByRole('table', { name: 'Listeners' }),
    ).toBeInTheDocument();
    // The open panel reads its gateway's routes, problems first.
    expect(
      await screen.findByText('2 of 2 attached routes'),
    ).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenCalledWith('demo', {
      gateway: 'network/envoy-internal',
      limit: 10,
    });

    // A change in another cluster is ignored.
    act(() =>
      signals.publish('network:cluster-changed', {
        cluster: 'other',
        kinds: ['HTTPRoute'],
      }),
    );
    act(() =>
      signals.publish('network:cluster-changed', {
        cluster: 'demo',
        kinds: ['HTTPRoute'],
      }),
    );

    await waitFor(() => expect(getOverview).toHaveBeenCalledTimes(2));
    // The routes table and the open gateway panel read their routes again.
    expect(await screen.findByText('media/radarr')).toBeInTheDocument();
    expect(
      await screen.findByText('HTTPRoute media/radarr', { exact: false }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.queryByText(/BackendNotFound/)).not.toBeInTheDocument(),
    );
    expect(
      screen.getByRole('table', { name: 'Listeners' }),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });
});
