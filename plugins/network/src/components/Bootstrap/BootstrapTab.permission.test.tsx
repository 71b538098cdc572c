import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { networkApiRef } from '../../api';
import { mockNetworkApi } from '../../testing/mockNetworkApi';
import { BootstrapTab } from './BootstrapTab';

// A file of its own: usePermission caches answers per permission name for the module.
describe('BootstrapTab without network.bootstrap.run', () => {
  it('names the missing permission and reads no plan', async () => {
    const api = mockNetworkApi();
    await renderInTestApp(<BootstrapTab />, {
      apis: [
        [networkApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
    });
    expect(await screen.findByText('Permission missing')).toBeInTheDocument();
    expect(
      screen.getByText(/needs the permission network.bootstrap.run/),
    ).toBeInTheDocument();
    expect(api.getBootstrapPlan).not.toHaveBeenCalled();
  });
});
