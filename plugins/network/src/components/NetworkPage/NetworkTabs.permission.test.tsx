import { screen, within } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NetworkTabs } from './NetworkTabs';

// A file of its own: usePermission caches answers per permission name for the module.
describe('NetworkTabs without network.bootstrap.run', () => {
  it('does not offer the Bootstrap tab', async () => {
    await renderInTestApp(<NetworkTabs />, {
      apis: [
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
    });
    const tabs = await screen.findByRole('tablist', { name: 'Network views' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map(tab => tab.textContent),
    ).toEqual(['Overview', 'Diagnostics']);
  });
});
