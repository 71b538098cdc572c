import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { networkApiRef } from '../../api';
import { mockNetworkApi } from '../../testing/mockNetworkApi';
import { checkDescriptors } from '../../testing/diagnosticsFixture';
import { bootstrapPlan } from '../../testing/bootstrapFixture';
import { demoCluster } from '../../testing/overviewFixture';
import { NetworkPageContent } from './NetworkPage';

const otherCluster = { ...demoCluster, name: 'lab', title: 'Lab' };

function render(entry: string, clusters = [demoCluster, otherCluster]) {
  const api = mockNetworkApi({
    getClusters: jest.fn().mockResolvedValue(clusters),
    getDiagnosticChecks: jest.fn().mockResolvedValue(checkDescriptors),
    listDiagnosticRuns: jest.fn().mockResolvedValue([]),
    getBootstrapPlan: jest.fn().mockResolvedValue(bootstrapPlan()),
    listBootstrapRuns: jest.fn().mockResolvedValue([]),
  });
  const result = renderInTestApp(
    <Routes>
      <Route path="/network/*" element={<NetworkPageContent />} />
    </Routes>,
    {
      apis: [
        [networkApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        ],
      ],
      initialRouteEntries: [entry],
    },
  );
  return { api, result };
}

describe('NetworkPageContent tabs', () => {
  it('opens the Diagnostics tab at /network/diagnostics for the cluster in the query', async () => {
    const { api } = render('/network/diagnostics?cluster=lab');
    expect(
      await screen.findByText('Run diagnostics', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(api.listDiagnosticRuns).toHaveBeenCalledWith('lab', { limit: 50 });
    const tabs = screen.getByRole('tablist', { name: 'Network views' });
    expect(within(tabs).getByRole('tab', { selected: true })).toHaveTextContent(
      'Diagnostics',
    );
    // Tabs keep the cluster.
    expect(within(tabs).getByRole('tab', { name: 'Overview' })).toHaveAttribute(
      'href',
      '/network?cluster=lab',
    );
    expect(
      within(tabs).getByRole('tab', { name: 'Bootstrap' }),
    ).toHaveAttribute('href', '/network/bootstrap?cluster=lab');
  }, 20_000);

  it('moves to the Bootstrap tab keeping the cluster', async () => {
    const { api } = render('/network/diagnostics?cluster=lab');
    await userEvent.click(
      await screen.findByRole(
        'tab',
        { name: 'Bootstrap' },
        { timeout: 10_000 },
      ),
    );
    expect(
      await screen.findByText('Audit history', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(api.getBootstrapPlan).toHaveBeenCalledWith('lab');
  }, 20_000);

  it('warns before a run on a cluster the backend cannot reach', async () => {
    render('/network/diagnostics?cluster=lab', [
      demoCluster,
      {
        ...otherCluster,
        health: 'unreachable',
        lastSyncAt: '2026-11-22T05:00:00Z',
      },
    ]);
    expect(
      await screen.findByText('Cluster unreachable', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Checks that need the API will end in errors/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/last synced 2026-11-22T05:00:00Z/),
    ).toBeInTheDocument();
  }, 20_000);
});
