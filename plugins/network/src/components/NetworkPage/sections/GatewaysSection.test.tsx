import { useState } from 'react';
import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { RouteSummary } from '@internal/plugin-network-common';
import { networkApiRef } from '../../../api';
import { mockNetworkApi } from '../../../testing/mockNetworkApi';
import {
  brokenRoute,
  healthyRoute,
  overviewFixture,
  routePageFixture,
} from '../../../testing/overviewFixture';
import { GatewaysSection } from './GatewaysSection';
import { responseError } from '../../../testing/responseError';

/** 25 routes on envoy-internal, the broken sonarr among them, and one on another gateway. */
const routes: RouteSummary[] = [
  ...Array.from({ length: 24 }, (_, i) =>
    healthyRoute('apps', `app-${String(i).padStart(2, '0')}`),
  ),
  brokenRoute,
  {
    ...healthyRoute('lab', 'elsewhere'),
    parents: [
      {
        ...healthyRoute('lab', 'elsewhere').parents[0],
        parent: 'network/envoy-external',
        parentRef: {
          kind: 'Gateway',
          namespace: 'network',
          name: 'envoy-external',
        },
      },
    ],
  },
];

const Harness = () => {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  return (
    <GatewaysSection
      cluster="demo"
      gateways={overviewFixture().gateways}
      absent={false}
      expanded={expanded}
      onToggle={key => {
        const next = new Set(expanded);
        if (next.has(key)) next.delete(key);
        else next.add(key);
        setExpanded(next);
      }}
      refreshKey="generated-1"
    />
  );
};

describe('GatewaysSection', () => {
  it('reads no routes until a panel opens; the summary counts attachments from listener status', async () => {
    const api = mockNetworkApi({
      getRoutes: jest.fn(async (_cluster, query) =>
        routePageFixture(routes, query),
      ),
    });
    await renderInTestApp(<Harness />, { apis: [[networkApiRef, api]] });
    const gateway = screen.getByRole('button', {
      name: /network\/envoy-internal/,
    });
    expect(gateway).toHaveTextContent('2 attached routes');
    expect(api.getRoutes).not.toHaveBeenCalled();

    fireEvent.click(gateway);
    expect(
      await screen.findByText('10 of 25 attached routes, problems first'),
    ).toBeInTheDocument();
    expect(api.getRoutes).toHaveBeenCalledWith('demo', {
      gateway: 'network/envoy-internal',
      limit: 10,
    });
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(10);
    expect(items[0]).toHaveTextContent(
      'HTTPRoute media/sonarr Failing: BackendNotFound',
    );
    expect(screen.getByRole('link', { name: 'Routes table' })).toHaveAttribute(
      'href',
      '#routes',
    );
    expect(screen.getByText(/All 25 are in the/)).toHaveTextContent(
      'All 25 are in the Routes table (search for network/envoy-internal).',
    );
  });

  it('says when no route names the gateway', async () => {
    const api = mockNetworkApi({
      getRoutes: jest.fn(async (_cluster, query) =>
        routePageFixture([], query),
      ),
    });
    await renderInTestApp(<Harness />, { apis: [[networkApiRef, api]] });
    fireEvent.click(
      screen.getByRole('button', { name: /network\/envoy-internal/ }),
    );
    expect(
      await screen.findByText('No route names this gateway as a parent.'),
    ).toBeInTheDocument();
    expect(screen.getByText('0 of 0 attached routes')).toBeInTheDocument();
  });

  it('explains a failed read in the panel and reads again on Retry', async () => {
    const getRoutes = jest
      .fn()
      .mockRejectedValueOnce(
        await responseError(403, 'NotAllowedError', 'denied'),
      )
      .mockImplementation(async (_cluster, query) =>
        routePageFixture(routes, query),
      );
    const api = mockNetworkApi({ getRoutes });
    await renderInTestApp(<Harness />, { apis: [[networkApiRef, api]] });
    fireEvent.click(
      screen.getByRole('button', { name: /network\/envoy-internal/ }),
    );
    const panel = await screen.findByRole('alert');
    expect(within(panel).getByText('Permission missing')).toBeInTheDocument();
    fireEvent.click(within(panel).getByRole('button', { name: 'Retry' }));
    expect(
      await screen.findByText('10 of 25 attached routes, problems first'),
    ).toBeInTheDocument();
    expect(getRoutes).toHaveBeenCalledTimes(2);
  });
});
