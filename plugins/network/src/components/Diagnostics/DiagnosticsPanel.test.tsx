import {
  act,
  fireEvent,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { DiagnosticRunEvent } from '@internal/plugin-network-common';
import { networkApiRef, NetworkApi, RunEventHandlers } from '../../api';
import { mockNetworkApi } from '../../testing/mockNetworkApi';
import {
  checkDescriptors,
  diagnosticRun,
  diagnosticRunDetail,
  failingRoutesResult,
  passingDnsResult,
} from '../../testing/diagnosticsFixture';
import { DiagnosticsPanel } from './DiagnosticsPanel';
import { responseError } from '../../testing/responseError';

function render(
  api: NetworkApi,
  options: { allowed?: boolean; route?: string } = {},
) {
  return renderInTestApp(<DiagnosticsPanel cluster="demo" />, {
    apis: [
      [networkApiRef, api],
      [
        permissionApiRef,
        mockApis.permission({
          authorize:
            options.allowed === false
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
        }),
      ],
    ],
    initialRouteEntries: [options.route ?? '/network/diagnostics?cluster=demo'],
  });
}

function diagnosticsApi(overrides: Partial<NetworkApi> = {}) {
  return mockNetworkApi({
    getDiagnosticChecks: jest.fn().mockResolvedValue(checkDescriptors),
    listDiagnosticRuns: jest.fn().mockResolvedValue([]),
    ...overrides,
  });
}

describe('DiagnosticsPanel', () => {
  it('runs all checks and shows progress and results as the events arrive', async () => {
    let handlers: RunEventHandlers<DiagnosticRunEvent> | undefined;
    const unsubscribe = jest.fn();
    const running = diagnosticRunDetail({
      id: 'run-9',
      status: 'running',
      finishedAt: undefined,
      progress: { done: 0, total: 2 },
      totals: { pass: 0, warn: 0, fail: 0, error: 0, skipped: 0 },
      results: [],
    });
    const api = diagnosticsApi({
      startDiagnosticRun: jest.fn().mockResolvedValue(running),
      getDiagnosticRun: jest.fn().mockResolvedValue(running),
      watchDiagnosticRun: jest.fn((_id, h) => {
        handlers = h;
        return unsubscribe;
      }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run all checks' }),
    );
    expect(api.startDiagnosticRun).toHaveBeenCalledWith('demo', {
      kind: 'all',
    });
    expect(await screen.findByText('0 of 2 checks done')).toBeInTheDocument();
    expect(screen.getByText('Running')).toBeInTheDocument();
    await waitFor(() => expect(handlers).toBeDefined());

    act(() =>
      handlers!.onEvent({
        seq: 1,
        type: 'check-started',
        checkId: 'gateway.routes-accepted',
      }),
    );
    expect(
      await screen.findByText('Running gateway.routes-accepted…'),
    ).toBeInTheDocument();
    act(() =>
      handlers!.onEvent({
        seq: 2,
        type: 'check-finished',
        result: failingRoutesResult,
        progress: { done: 1, total: 2 },
      }),
    );
    expect(await screen.findByText('1 of 2 checks done')).toBeInTheDocument();
    expect(screen.getByText('1 of 14 routes not Accepted')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Checks done' }),
    ).toHaveAttribute('aria-valuenow', '50');

    act(() =>
      handlers!.onEvent({
        seq: 3,
        type: 'check-finished',
        result: passingDnsResult,
        progress: { done: 2, total: 2 },
      }),
    );
    act(() =>
      handlers!.onEvent({
        seq: 4,
        type: 'run-finished',
        run: diagnosticRun({ id: 'run-9', progress: { done: 2, total: 2 } }),
      }),
    );
    expect(await screen.findByText('Succeeded')).toBeInTheDocument();
    expect(screen.getByText('2 of 2 checks done')).toBeInTheDocument();
    // Passes wait behind a button while there are problems.
    expect(
      screen.queryByRole('button', { name: /DNS answers match/ }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show 1 passed or skipped check' }),
    );
    // Worst first: the failing check is listed above the passing one.
    const titles = screen
      .getAllByRole('button', { expanded: false })
      .map(button => button.textContent ?? '')
      .filter(text => /Routes accepted|DNS answers/.test(text));
    expect(titles[0]).toMatch(/^Fail/);
    expect(titles[1]).toMatch(/^Pass/);
    // The history is read again once the run has finished.
    await waitFor(() =>
      expect(api.listDiagnosticRuns).toHaveBeenCalledTimes(3),
    );
  });

  it('expands a failed result with the keyboard to its findings, evidence and remediation', async () => {
    const api = diagnosticsApi({
      getDiagnosticRun: jest.fn().mockResolvedValue(diagnosticRunDetail()),
      listDiagnosticRuns: jest.fn().mockResolvedValue([diagnosticRun()]),
    });
    await render(api, { route: '/network/diagnostics?cluster=demo&run=run-1' });
    const summary = await screen.findByRole('button', {
      name: /Fail Routes accepted by their gateway/,
    });
    expect(summary).toHaveAttribute('aria-expanded', 'false');
    summary.focus();
    await userEvent.keyboard('{Enter}');
    expect(summary).toHaveAttribute('aria-expanded', 'true');
    expect(
      await screen.findByText('HTTPRoute media/sonarr'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Accepted=False (NotAllowedByListeners)'),
    ).toBeInTheDocument();
    const command = screen.getByText(/\$ kubectl get httproute -A/);
    expect(command.tagName).toBe('PRE');
    expect(command.textContent).toContain('media      sonarr');
    expect(screen.getByText(/Allow the route namespace/)).toBeInTheDocument();
    expect(
      screen.getByText('status.parents[0].conditions[Accepted]'),
    ).toBeInTheDocument();
    // The totals of a finished run, each with its word.
    expect(screen.getByText('Fail: 1')).toBeInTheDocument();
    expect(screen.getByText('Pass: 2')).toBeInTheDocument();
  });

  it('says what to do when the history is empty', async () => {
    await render(diagnosticsApi());
    expect(
      await screen.findByText(/No diagnostics runs yet on this cluster/),
    ).toBeInTheDocument();
  });

  it('runs the checks ticked in the list', async () => {
    const api = diagnosticsApi({
      startDiagnosticRun: jest
        .fn()
        .mockResolvedValue(diagnosticRun({ id: 'run-5' })),
      getDiagnosticRun: jest
        .fn()
        .mockResolvedValue(diagnosticRunDetail({ id: 'run-5' })),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Choose checks…' }),
    );
    await userEvent.click(
      screen.getByLabelText(/IP pools have free addresses/),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Run selected (1)' }),
    );
    expect(api.startDiagnosticRun).toHaveBeenCalledWith('demo', {
      kind: 'checks',
      checkIds: ['pools.free-ips'],
    });
  });

  it('filters the history by status and compares two runs check by check', async () => {
    const older = diagnosticRun({
      id: 'old',
      startedAt: '2026-11-20T10:00:00.000Z',
      status: 'failed',
    });
    const newer = diagnosticRun({
      id: 'new',
      startedAt: '2026-11-21T10:00:00.000Z',
      totals: { pass: 3, warn: 0, fail: 0, error: 0, skipped: 0 },
    });
    const api = diagnosticsApi({
      listDiagnosticRuns: jest.fn().mockResolvedValue([newer, older]),
      getDiagnosticRun: jest.fn(async (id: string) =>
        id === 'old'
          ? diagnosticRunDetail({ ...older, results: [failingRoutesResult] })
          : diagnosticRunDetail({
              ...newer,
              results: [
                { ...failingRoutesResult, outcome: 'pass', findings: [] },
              ],
            }),
      ),
    });
    await render(api);
    const table = await screen.findByRole('table', {
      name: 'Diagnostics runs',
    });
    expect(within(table).getAllByRole('row')).toHaveLength(3);

    fireEvent.mouseDown(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'failed' }),
    );
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(2),
    );
    fireEvent.mouseDown(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Any status' }),
    );
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(3),
    );

    const compare = screen.getByRole('button', {
      name: 'Compare selected runs',
    });
    expect(compare).toBeDisabled();
    const boxes = within(table).getAllByRole('checkbox');
    await userEvent.click(boxes[0]);
    await userEvent.click(boxes[1]);
    await userEvent.click(compare);
    const diff = await screen.findByRole('table', { name: 'Run comparison' });
    const row = within(diff).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Routes accepted by their gateway');
    expect(row).toHaveTextContent(/Fail.*→.*Pass.*Better/);
    expect(screen.getByText(/1 of 1 checks changed/)).toBeInTheDocument();
  });

  it('explains a run id the backend does not know (404)', async () => {
    const api = diagnosticsApi({
      getDiagnosticRun: jest
        .fn()
        .mockRejectedValue(
          await responseError(404, 'NotFoundError', 'no run gone', 'Not Found'),
        ),
    });
    await render(api, { route: '/network/diagnostics?cluster=demo&run=gone' });
    expect(
      await screen.findByText(/Run gone was not found/),
    ).toBeInTheDocument();
  });
});
