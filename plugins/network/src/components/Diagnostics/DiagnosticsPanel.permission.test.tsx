import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { networkApiRef } from '../../api';
import { mockNetworkApi } from '../../testing/mockNetworkApi';
import { checkDescriptors } from '../../testing/diagnosticsFixture';
import { DiagnosticsPanel } from './DiagnosticsPanel';

// In a file of its own: usePermission caches answers per permission name for the whole
// module (SWR), so an allowed answer from another test would leak in.
describe('DiagnosticsPanel without network.diagnostics.run', () => {
  it('says which permission is missing instead of the run buttons, and still shows history', async () => {
    const api = mockNetworkApi({
      getDiagnosticChecks: jest.fn().mockResolvedValue(checkDescriptors),
      listDiagnosticRuns: jest.fn().mockResolvedValue([]),
    });
    await renderInTestApp(<DiagnosticsPanel cluster="demo" />, {
      apis: [
        [networkApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ],
      ],
    });
    expect(
      await screen.findByText(
        /the permission network.diagnostics.run is\s+missing/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Run all checks' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByText(/No diagnostics runs yet on this cluster/),
    ).toBeInTheDocument();
    expect(api.startDiagnosticRun).not.toHaveBeenCalled();
  });
});
