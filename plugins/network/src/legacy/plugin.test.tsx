import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { networkApiRef, NetworkApi } from '../api';
import { mockNetworkApi } from '../testing/mockNetworkApi';
import { failingRequestPath } from '../testing/requestPathFixture';
import {
  EntityNetworkContent,
  legacyNetworkPlugin,
  NetworkPage,
} from './plugin';

const api: NetworkApi = mockNetworkApi({
  getRequestPath: jest.fn().mockResolvedValue(failingRequestPath()),
});

describe('legacy frontend system exports', () => {
  it('declares the plugin with the network API', () => {
    expect(legacyNetworkPlugin.getId()).toBe('network');
    expect(
      [...legacyNetworkPlugin.getApis()].map(factory => factory.api.id),
    ).toEqual(['plugin.network.api']);
  });

  it('mounts NetworkPage with its own header', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [networkApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <Routes>
          <Route path="/network/*" element={<NetworkPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/network'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'Network' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(/Failing: BackendNotFound/),
    ).toBeInTheDocument();
  });

  it('mounts EntityNetworkContent inside an entity page', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [networkApiRef, api],
          [permissionApiRef, mockApis.permission()],
        ]}
      >
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'sonarr',
              annotations: { 'backstage.io/kubernetes-id': 'sonarr' },
            },
          }}
        >
          <EntityNetworkContent />
        </EntityProvider>
      </TestApiProvider>,
    );
    expect(
      await screen.findByText(/is failing: BackendNotFound/),
    ).toBeInTheDocument();
  });
});
