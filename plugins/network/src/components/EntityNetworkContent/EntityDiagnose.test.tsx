import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { DiagnosticRunEvent } from '@internal/plugin-network-common';
import { networkApiRef, RunEventHandlers } from '../../api';
import { mockNetworkApi } from '../../testing/mockNetworkApi';
import {
  diagnosticRun,
  diagnosticRunDetail,
  failingRoutesResult,
} from '../../testing/diagnosticsFixture';
import { EntityDiagnose } from './EntityDiagnose';

describe('EntityDiagnose', () => {
  it('runs the entity-scoped checks on the path cluster and shows the run live', async () => {
    let handlers: RunEventHandlers<DiagnosticRunEvent> | undefined;
    const running = diagnosticRunDetail({
      id: 'run-e',
      selection: { kind: 'entity', entityRef: 'component:default/sonarr' },
      status: 'running',
      progress: { done: 0, total: 1 },
      results: [],
    });
    const api = mockNetworkApi({
      startDiagnosticRun: jest.fn().mockResolvedValue(running),
      getDiagnosticRun: jest.fn().mockResolvedValue(running),
      watchDiagnosticRun: jest.fn((_id, h) => {
        handlers = h;
        return () => {};
      }),
    });
    await renderInTestApp(
      <EntityDiagnose cluster="demo" entityRef="component:default/sonarr" />,
      { apis: [[networkApiRef, api]] },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Diagnose' }),
    );
    expect(api.startDiagnosticRun).toHaveBeenCalledWith('demo', {
      kind: 'entity',
      entityRef: 'component:default/sonarr',
    });
    expect(await screen.findByText('0 of 1 checks done')).toBeInTheDocument();
    expect(
      screen.getByText(/entity component:default\/sonarr on cluster demo/),
    ).toBeInTheDocument();
    await waitFor(() => expect(handlers).toBeDefined());
    act(() =>
      handlers!.onEvent({
        seq: 1,
        type: 'check-finished',
        result: failingRoutesResult,
        progress: { done: 1, total: 1 },
      }),
    );
    act(() =>
      handlers!.onEvent({
        seq: 2,
        type: 'run-finished',
        run: diagnosticRun({ id: 'run-e', progress: { done: 1, total: 1 } }),
      }),
    );
    expect(await screen.findByText('1 of 1 checks done')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Fail Routes accepted/ }),
    ).toBeInTheDocument();
  });

  it('shows why a run could not start', async () => {
    const api = mockNetworkApi({
      startDiagnosticRun: jest
        .fn()
        .mockRejectedValue(new Error('backend down')),
    });
    await renderInTestApp(
      <EntityDiagnose cluster="demo" entityRef="component:default/sonarr" />,
      { apis: [[networkApiRef, api]] },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Diagnose' }),
    );
    expect(
      await screen.findByText('Could not start diagnostics: backend down'),
    ).toBeInTheDocument();
  });
});
