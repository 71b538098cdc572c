import { screen } from '@testing-library/react';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import networkPlugin from './index';
import { networkPage } from './extensions/networkPage';
import { entityNetworkContent } from './extensions/entityNetworkContent';
import { networkApiRef, NetworkApi } from './api';
import { mockNetworkApi } from './testing/mockNetworkApi';
import { isNetworkAvailable } from './entityFilter';

describe('networkPlugin (new frontend system)', () => {
  it('provides the API, the page and the entity tab under stable extension ids', () => {
    const ids = (
      networkPlugin as unknown as { extensions: { id: string }[] }
    ).extensions.map(extension => extension.id);
    expect(ids).toEqual([
      'api:network',
      'page:network',
      'entity-content:network',
    ]);
    expect(networkPlugin.id).toBe('network');
    for (const id of ids) {
      expect(networkPlugin.getExtension(id as any)).toBeDefined();
    }
  });

  it('mounts the page at /network with the title Network', () => {
    const tester = createExtensionTester(networkPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/network');
    expect(tester.get(coreExtensionData.title)).toBe('Network');
  });

  it('renders the page lazily with data from the NetworkApi', async () => {
    const api: NetworkApi = mockNetworkApi();
    await renderInTestApp(createExtensionTester(networkPage).reactElement(), {
      apis: [[networkApiRef, api]],
    });
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Gateways' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
  }, 30_000);

  it('shows the entity tab at network for entities with Kubernetes annotations', () => {
    const tester = createExtensionTester(entityNetworkContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('network');
    const entity = (annotations: Record<string, string>) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a', annotations },
    });
    expect(
      isNetworkAvailable(entity({ 'backstage.io/kubernetes-id': 'a' })),
    ).toBe(true);
    expect(
      isNetworkAvailable(
        entity({ 'backstage.io/kubernetes-label-selector': 'app=a' }),
      ),
    ).toBe(true);
    expect(
      isNetworkAvailable(entity({ 'backstage.io/techdocs-ref': 'dir:.' })),
    ).toBe(false);
  });
});
