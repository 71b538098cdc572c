import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import type { Entity } from '@backstage/catalog-model';
import { NetworkApi, networkApiRef } from '../../api';
import { failingRequestPath } from '../../testing/requestPathFixture';
import { mockSignalApi } from '../../testing/mockSignalApi';
import { mockNetworkApi as mockApiWith } from '../../testing/mockNetworkApi';
import { EntityNetworkContent } from './EntityNetworkContent';
import { responseError } from '../../testing/responseError';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'sonarr',
    namespace: 'default',
    annotations: { 'backstage.io/kubernetes-id': 'sonarr' },
  },
  spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
};

function mockNetworkApi(
  getRequestPath: NetworkApi['getRequestPath'],
): NetworkApi {
  return mockApiWith({ getRequestPath });
}

async function render(api: NetworkApi, extraApis: any[] = []) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityNetworkContent />
    </EntityProvider>,
    { apis: [[networkApiRef, api], ...extraApis] as any },
  );
}

describe('EntityNetworkContent', () => {
  it('shows a spinner while the path loads', async () => {
    await render(mockNetworkApi(() => new Promise(() => {})));
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
  });

  it('explains a missing permission', async () => {
    const error = await responseError(
      403,
      'NotAllowedError',
      'no',
      'Forbidden',
    );
    await render(mockNetworkApi(jest.fn().mockRejectedValue(error)));
    expect(await screen.findByText('Permission missing')).toBeInTheDocument();
  });

  it('explains an unreachable backend', async () => {
    await render(
      mockNetworkApi(
        jest.fn().mockRejectedValue(new TypeError('Failed to fetch')),
      ),
    );
    expect(
      await screen.findByText('The network backend is unreachable'),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Retry' })).toBeInTheDocument();
  });

  it('says clearly when nothing routes to the workload', async () => {
    const api = mockNetworkApi(
      jest.fn().mockResolvedValue(
        failingRequestPath({
          paths: [],
          beside: [],
          state: 'ok',
          failingHop: undefined,
        }),
      ),
    );
    await render(api);
    expect(await screen.findByText('No request path')).toBeInTheDocument();
    expect(
      screen.getByText(
        /No HTTPRoute or Ingress in cluster demo routes to Deployment sonarr/,
      ),
    ).toBeInTheDocument();
    expect(api.getRequestPath).toHaveBeenCalledWith({
      kind: 'Component',
      namespace: 'default',
      name: 'sonarr',
    });
    // Diagnose is offered even when there is no path: the checks say why.
    expect(
      await screen.findByRole('button', { name: 'Diagnose' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/on cluster demo\./)).toBeInTheDocument();
  });

  it('warns when stale and names what could not be checked', async () => {
    await render(
      mockNetworkApi(
        jest.fn().mockResolvedValue(
          failingRequestPath({
            stale: true,
            missing: ['cilium.io/CiliumLoadBalancerIPPool', 'dns-external'],
          }),
        ),
      ),
    );
    expect(await screen.findByText('Data may be stale')).toBeInTheDocument();
    expect(
      screen.getByText(
        /does not have them: cilium.io\/CiliumLoadBalancerIPPool\.$/,
      ),
    ).toBeInTheDocument();
  });

  it('draws the path with states in words, the failing hop on top, and its evidence on click', async () => {
    await render(
      mockNetworkApi(jest.fn().mockResolvedValue(failingRequestPath())),
    );

    const alert = await screen.findByRole('alert');
    expect(
      within(alert).getByText(
        /Route HTTPRoute media\/sonarr is failing: BackendNotFound \(for sonarr.demo.lab\)/,
      ),
    ).toBeInTheDocument();
    expect(
      within(alert).getByText(/Create Service media\/sonarr/),
    ).toBeInTheDocument();

    // DependencyGraph loads lazily.
    const graph = await screen.findByRole(
      'group',
      { name: 'Request path for sonarr.demo.lab' },
      { timeout: 10_000 },
    );
    const route = await within(graph).findByRole('button', {
      name: 'Route HTTPRoute media/sonarr: Failing: BackendNotFound. Press Enter for details.',
    });
    expect(route).toHaveAttribute('data-hop-state', 'failing');
    expect(
      within(graph).getByRole('button', {
        name: /^Hostname sonarr.demo.lab: OK/,
      }),
    ).toBeInTheDocument();
    // The certificate hangs beside the chain.
    expect(
      within(graph).getByRole('button', {
        name: /^Certificate demo-lab-tls: OK/,
      }),
    ).toBeInTheDocument();
    expect(
      within(graph)
        .getAllByRole('button')
        .filter(b => b.hasAttribute('data-hop-id')),
    ).toHaveLength(7);

    fireEvent.click(route);
    const details = await screen.findByRole('region', {
      name: 'Details of HTTPRoute media/sonarr',
    });
    expect(
      within(details).getByText(
        'HTTPRoute media/sonarr (gateway.networking.k8s.io/v1)',
      ),
    ).toBeInTheDocument();
    expect(
      within(details).getByText('status.parents[0].conditions.ResolvedRefs'),
    ).toBeInTheDocument();
    fireEvent.click(
      within(details).getByRole('button', { name: 'Close details' }),
    );
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: /^Details of/ }),
      ).not.toBeInTheDocument(),
    );
  });

  it('opens a hop with the keyboard', async () => {
    await render(
      mockNetworkApi(jest.fn().mockResolvedValue(failingRequestPath())),
    );
    const hostname = await screen.findByRole(
      'button',
      { name: /^Hostname sonarr.demo.lab/ },
      { timeout: 10_000 },
    );
    expect(hostname).toHaveAttribute('tabindex', '0');
    hostname.focus();
    fireEvent.keyDown(hostname, { key: 'Enter' });
    expect(
      await screen.findByRole('region', { name: 'Details of sonarr.demo.lab' }),
    ).toBeInTheDocument();
  });

  it('draws one graph per hostname and refreshes on a signal for its cluster', async () => {
    const signals = mockSignalApi();
    const twoPaths = failingRequestPath();
    twoPaths.paths.push({
      hostname: 'sonarr.example.com',
      hops: twoPaths.paths[0].hops,
    });
    const healed = failingRequestPath({ state: 'ok', failingHop: undefined });
    healed.paths[0].hops = healed.paths[0].hops.map(hop => ({
      ...hop,
      state: 'ok',
      reason: undefined,
    }));
    const getRequestPath = jest
      .fn()
      .mockResolvedValueOnce(twoPaths)
      .mockResolvedValueOnce(healed);
    await render(mockNetworkApi(getRequestPath), [[signalApiRef, signals.api]]);

    expect(
      await screen.findByRole(
        'group',
        { name: 'Request path for sonarr.example.com' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Request path for sonarr.demo.lab' }),
    ).toBeInTheDocument();

    act(() =>
      signals.publish('network:cluster-changed', {
        cluster: 'demo',
        kinds: ['Service'],
      }),
    );
    await waitFor(() => expect(getRequestPath).toHaveBeenCalledTimes(2));
    await waitFor(() =>
      expect(screen.queryByRole('alert')).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('group', {
        name: 'Request path for sonarr.example.com',
      }),
    ).not.toBeInTheDocument();
    expect(screen.queryByTestId('progress')).not.toBeInTheDocument();
  });
});
