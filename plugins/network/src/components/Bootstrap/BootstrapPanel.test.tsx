import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { BootstrapRunEvent } from '@internal/plugin-network-common';
import { networkApiRef, NetworkApi, RunEventHandlers } from '../../api';
import { mockNetworkApi } from '../../testing/mockNetworkApi';
import { bootstrapPlan, bootstrapRun } from '../../testing/bootstrapFixture';
import { BootstrapPanel } from './BootstrapPanel';
import { responseError } from '../../testing/responseError';

function bootstrapApi(overrides: Partial<NetworkApi> = {}) {
  return mockNetworkApi({
    getBootstrapPlan: jest.fn().mockResolvedValue(bootstrapPlan()),
    listBootstrapRuns: jest.fn().mockResolvedValue([]),
    ...overrides,
  });
}

function render(api: NetworkApi) {
  return renderInTestApp(<BootstrapPanel cluster="demo" />, {
    apis: [[networkApiRef, api]],
  });
}

const pendingRun = bootstrapRun({
  id: 'boot-2',
  status: 'running',
  finishedAt: undefined,
  steps: bootstrapRun().steps.map(step => ({ ...step, status: 'pending' })),
});

describe('BootstrapPanel', () => {
  it('shows each step with run or skip, and every object with its change and field diffs', async () => {
    await render(bootstrapApi());
    const steps = await screen.findByRole('list', { name: 'Plan steps' });
    expect(
      within(steps).getByText(
        /Will skip: etcd already bootstrapped on talos-cp-1/,
      ),
    ).toBeInTheDocument();
    expect(within(steps).getAllByText('Will run')).toHaveLength(3);
    expect(
      screen.getByText(/1 to create, 1 to update,\s+1 unchanged/),
    ).toBeInTheDocument();
    const objects = screen.getByRole('table', { name: 'Planned objects' });
    const rows = within(objects).getAllByRole('row').slice(1);
    expect(rows.map(row => row.textContent)).toEqual([
      'CiliumL2AnnouncementPolicy default-l2Createspec.loadBalancerIPs: true (added)',
      'CiliumLoadBalancerIPPool default-poolUpdatespec.blocks[0].start: 10.0.10.10 → 10.0.10.20',
      'Gateway gateway/mainUnchanged—',
    ]);
  });

  it('confirms with the plan hash, starts the run with it and shows live step progress', async () => {
    let handlers: RunEventHandlers<BootstrapRunEvent> | undefined;
    const api = bootstrapApi({
      startBootstrapRun: jest.fn().mockResolvedValue(pendingRun),
      getBootstrapRun: jest.fn().mockResolvedValue(pendingRun),
      watchBootstrapRun: jest.fn((_id, h) => {
        handlers = h;
        return () => {};
      }),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review and run…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Bootstrap cluster demo?',
    });
    expect(within(dialog).getByTestId('plan-hash')).toHaveTextContent(
      'sha256:4f2a9c0d1e',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run bootstrap' }),
    );
    expect(api.startBootstrapRun).toHaveBeenCalledWith(
      'demo',
      'sha256:4f2a9c0d1e',
    );

    const steps = await screen.findByRole('list', { name: 'Bootstrap steps' });
    expect(screen.getByText(/0 of 4 steps done/)).toBeInTheDocument();
    await waitFor(() => expect(handlers).toBeDefined());
    act(() =>
      handlers!.onEvent({
        seq: 1,
        type: 'step-finished',
        step: { ...pendingRun.steps[0], status: 'skipped' },
      }),
    );
    act(() =>
      handlers!.onEvent({ seq: 2, type: 'step-started', stepId: 'api' }),
    );
    act(() =>
      handlers!.onEvent({
        seq: 3,
        type: 'step-log',
        stepId: 'api',
        message: 'GET /version: 200',
      }),
    );
    const apiStep = within(steps).getAllByRole('listitem')[1];
    expect(apiStep).toHaveTextContent('Running');
    expect(apiStep).toHaveTextContent('GET /version: 200');
    expect(screen.getByText(/1 of 4 steps done/)).toBeInTheDocument();

    act(() =>
      handlers!.onEvent({
        seq: 9,
        type: 'run-finished',
        run: bootstrapRun({ id: 'boot-2' }),
      }),
    );
    expect(
      await screen.findByText('Bootstrap of cluster demo succeeded.'),
    ).toBeInTheDocument();
    expect(within(steps).getAllByRole('listitem')[2]).toHaveTextContent(
      'created 1, updated 1, unchanged 1',
    );
  });

  it('says a bootstrap is already running on 409 and shows that run', async () => {
    const api = bootstrapApi({
      startBootstrapRun: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            409,
            'ConflictError',
            'A bootstrap of demo is already in progress',
            'Conflict',
          ),
        ),
      listBootstrapRuns: jest
        .fn()
        .mockResolvedValueOnce([])
        .mockResolvedValue([pendingRun]),
      getBootstrapRun: jest.fn().mockResolvedValue(pendingRun),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review and run…' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run bootstrap' }),
    );
    expect(
      await screen.findByText('A bootstrap is already running'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('list', { name: 'Bootstrap steps' }),
    ).toBeInTheDocument();
    expect(api.getBootstrapRun).toHaveBeenCalledWith('boot-2');
  });

  it('says the plan changed on a stale hash (409) and computes it again', async () => {
    const api = bootstrapApi({
      startBootstrapRun: jest
        .fn()
        .mockRejectedValue(
          await responseError(
            409,
            'ConflictError',
            'The plan hash no longer matches the cluster',
            'Conflict',
          ),
        ),
      getBootstrapPlan: jest
        .fn()
        .mockResolvedValueOnce(bootstrapPlan())
        .mockResolvedValue(bootstrapPlan({ hash: 'sha256:new' })),
    });
    await render(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review and run…' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run bootstrap' }),
    );
    expect(
      await screen.findByText('The plan changed: review it again'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.getBootstrapPlan).toHaveBeenCalledTimes(2));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Review and run…' }),
    );
    expect(await screen.findByTestId('plan-hash')).toHaveTextContent(
      'sha256:new',
    );
  });

  it('lists the audit history, and says what to do when it is empty', async () => {
    await render(bootstrapApi());
    expect(
      await screen.findByText(/has not been bootstrapped from the portal yet/),
    ).toBeInTheDocument();
  });

  it('shows who ran each bootstrap, when, and its steps', async () => {
    await render(
      bootstrapApi({
        listBootstrapRuns: jest.fn().mockResolvedValue([bootstrapRun()]),
      }),
    );
    const table = await screen.findByRole('table', { name: 'Bootstrap runs' });
    const row = within(table).getAllByRole('row')[1];
    expect(row).toHaveTextContent('user:default/admin');
    expect(row).toHaveTextContent('Succeeded');
    expect(row).toHaveTextContent('1 skipped, 3 succeeded');
  });

  it('names network.bootstrap.run when the backend refuses the plan (403)', async () => {
    const refused = await responseError(
      403,
      'NotAllowedError',
      'no',
      'Forbidden',
    );
    await render(
      bootstrapApi({ getBootstrapPlan: jest.fn().mockRejectedValue(refused) }),
    );
    expect(await screen.findByText('Permission missing')).toBeInTheDocument();
    expect(
      screen.getByText(
        /plan or run a bootstrap \(permission network.bootstrap.run\)/,
      ),
    ).toBeInTheDocument();
  });
});
