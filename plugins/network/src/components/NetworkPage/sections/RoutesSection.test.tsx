import { useState } from 'react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { RoutePage, RouteSummary } from '@internal/plugin-network-common';
import { networkApiRef } from '../../../api';
import { mockNetworkApi } from '../../../testing/mockNetworkApi';
import {
  brokenRoute,
  healthyRoute,
  routeCountsOf,
  routePageFixture,
} from '../../../testing/overviewFixture';
import { RoutesSection } from './RoutesSection';
import { responseError } from '../../../testing/responseError';

/** 45 routes: the broken sonarr and 44 healthy ones (app-00 … app-43). */
const manyRoutes: RouteSummary[] = [
  brokenRoute,
  ...Array.from({ length: 44 }, (_, i) =>
    healthyRoute('apps', `app-${String(i).padStart(2, '0')}`),
  ),
];

function routesApi(routes: RouteSummary[] = manyRoutes) {
  return mockNetworkApi({
    getRoutes: jest.fn(async (_cluster, query) =>
      routePageFixture(routes, query),
    ),
  });
}

/** The section with buttons standing in for the overview: re-rendered, or read again. */
const Harness = () => {
  const [generation, setGeneration] = useState(1);
  const [renders, setRenders] = useState(0);
  return (
    <>
      <button onClick={() => setRenders(renders + 1)}>Re-render</button>
      <button onClick={() => setGeneration(generation + 1)}>
        Overview read again
      </button>
      <RoutesSection
        cluster="demo"
        routeCounts={routeCountsOf(manyRoutes)}
        ingresses={[]}
        absent={false}
        refreshKey={`generated-${generation}`}
      />
    </>
  );
};

async function render(api: ReturnType<typeof mockNetworkApi>) {
  await renderInTestApp(<Harness />, { apis: [[networkApiRef, api]] });
  const region = () => screen.getByRole('region', { name: 'Routes' });
  return {
    region,
    /** The route rows shown (not the header or the pagination row). */
    routeRows: () =>
      within(region())
        .getAllByRole('row')
        .filter(row => within(row).queryAllByRole('cell').length > 1),
    rerender: () => fireEvent.click(screen.getByText('Re-render')),
    refresh: () => fireEvent.click(screen.getByText('Overview read again')),
  };
}

describe('RoutesSection', () => {
  it('reads the first page of 20, problems first, and says how many routes there are', async () => {
    const api = routesApi();
    const { region, routeRows } = await render(api);
    expect(await within(region()).findByText('45 routes')).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenCalledTimes(1);
    expect(api.getRoutes).toHaveBeenCalledWith('demo', {
      offset: 0,
      limit: 20,
      search: undefined,
      states: undefined,
    });
    const rows = routeRows();
    expect(rows).toHaveLength(20);
    expect(rows[0]).toHaveTextContent('media/sonarr');
    expect(rows[0]).toHaveTextContent('Failing: BackendNotFound');
    expect(
      within(region()).getByText('45 routes, 1 need attention', {
        exact: false,
      }),
    ).toBeInTheDocument();
  });

  it('reads the next page from the server', async () => {
    const api = routesApi();
    const { region } = await render(api);
    await within(region()).findByText('apps/app-00');
    fireEvent.click(
      within(region()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    expect(
      await within(region()).findByText('apps/app-19'),
    ).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenLastCalledWith('demo', {
      offset: 20,
      limit: 20,
      search: undefined,
      states: undefined,
    });
    expect(
      within(region()).queryByText('media/sonarr'),
    ).not.toBeInTheDocument();
  });

  it('searches on the server and shows matched against total', async () => {
    const api = routesApi();
    const { region, routeRows } = await render(api);
    await within(region()).findByText('media/sonarr');
    fireEvent.change(within(region()).getByPlaceholderText('Filter'), {
      target: { value: 'app-4' },
    });
    expect(
      await within(region()).findByText('4 of 45 routes match'),
    ).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenLastCalledWith('demo', {
      offset: 0,
      limit: 20,
      search: 'app-4',
      states: undefined,
    });
    expect(routeRows()).toHaveLength(4);
  });

  it('shows only the routes that need attention when switched, from the first page', async () => {
    const api = routesApi();
    const { region } = await render(api);
    await within(region()).findByText('apps/app-00');
    fireEvent.click(
      within(region()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    await within(region()).findByText('apps/app-19');

    fireEvent.click(
      within(region()).getByRole('checkbox', {
        name: 'Only routes that need attention',
      }),
    );
    expect(
      await within(region()).findByText('1 of 45 routes match'),
    ).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenLastCalledWith('demo', {
      offset: 0,
      limit: 20,
      search: undefined,
      states: ['failing', 'warning', 'unknown'],
    });
    expect(within(region()).getByText('media/sonarr')).toBeInTheDocument();
    expect(within(region()).queryByText('apps/app-19')).not.toBeInTheDocument();
  });

  it('says when no route needs attention', async () => {
    const healthy = manyRoutes.slice(1);
    const { region } = await render(routesApi(healthy));
    await within(region()).findByText('apps/app-00');
    fireEvent.click(
      within(region()).getByRole('checkbox', {
        name: 'Only routes that need attention',
      }),
    );
    expect(
      await within(region()).findByText('No route needs attention.'),
    ).toBeInTheDocument();
  });

  it('explains a failed read and reads again on Retry', async () => {
    const api = routesApi();
    api.getRoutes.mockRejectedValueOnce(
      await responseError(503, 'Error', 'Service Unavailable'),
    );
    const { region } = await render(api);
    expect(
      await within(region()).findByText('The network backend is unreachable'),
    ).toBeInTheDocument();
    expect(
      within(region()).getByText('The routes could not be read.'),
    ).toBeInTheDocument();
    fireEvent.click(within(region()).getByRole('button', { name: 'Retry' }));
    expect(
      await within(region()).findByText('media/sonarr'),
    ).toBeInTheDocument();
    expect(
      within(region()).queryByText('The network backend is unreachable'),
    ).not.toBeInTheDocument();
  });

  it('reads the shown page again when the overview was refreshed, keeping the page', async () => {
    let routes = manyRoutes;
    const api = mockNetworkApi({
      getRoutes: jest.fn(async (_cluster, query) =>
        routePageFixture(routes, query),
      ),
    });
    const { region, rerender, refresh } = await render(api);
    await within(region()).findByText('apps/app-00');
    fireEvent.click(
      within(region()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    await within(region()).findByText('apps/app-19');
    const calls = api.getRoutes.mock.calls.length;

    // The same key (a re-render without a new overview) reads nothing.
    rerender();
    routes = [...manyRoutes, healthyRoute('apps', 'app-0a')];
    refresh();
    await waitFor(() => expect(api.getRoutes).toHaveBeenCalledTimes(calls + 1));
    expect(api.getRoutes).toHaveBeenLastCalledWith('demo', {
      offset: 20,
      limit: 20,
      search: undefined,
      states: undefined,
    });
    expect(await within(region()).findByText('46 routes')).toBeInTheDocument();
    // app-0a sorts into the first page, so app-18 moves onto the second.
    expect(within(region()).getByText('apps/app-18')).toBeInTheDocument();
  });

  it('shows the last page there is when the routes shrank under the shown page', async () => {
    let routes = manyRoutes;
    const api = mockNetworkApi({
      getRoutes: jest.fn(async (_cluster, query) =>
        routePageFixture(routes, query),
      ),
    });
    const { region, refresh } = await render(api);
    await within(region()).findByText('apps/app-00');
    fireEvent.click(
      within(region()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    await within(region()).findByText('apps/app-19');
    fireEvent.click(
      within(region()).getAllByRole('button', { name: 'Next Page' })[0],
    );
    await within(region()).findByText('apps/app-39');

    routes = manyRoutes.slice(0, 25);
    refresh();
    expect(
      await within(region()).findByText('apps/app-23'),
    ).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenLastCalledWith('demo', {
      offset: 20,
      limit: 20,
      search: undefined,
      states: undefined,
    });
  });

  it('shows the newest answer when an older one arrives after it', async () => {
    let answerFirst: (page: RoutePage) => void = () => {};
    const api = mockNetworkApi({
      getRoutes: jest
        .fn()
        .mockImplementationOnce(
          () => new Promise<RoutePage>(resolve => (answerFirst = resolve)),
        )
        .mockImplementation(async (_cluster, query) =>
          routePageFixture(manyRoutes.slice(1), query),
        ),
    });
    const { region, refresh } = await render(api);
    await waitFor(() => expect(api.getRoutes).toHaveBeenCalledTimes(1));
    refresh();
    expect(await within(region()).findByText('44 routes')).toBeInTheDocument();

    answerFirst(routePageFixture(manyRoutes));
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(within(region()).getByText('44 routes')).toBeInTheDocument();
    expect(
      within(region()).queryByText('media/sonarr'),
    ).not.toBeInTheDocument();
  });
});
