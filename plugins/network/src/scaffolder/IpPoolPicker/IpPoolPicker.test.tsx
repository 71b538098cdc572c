import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { poolsFixture } from '../__testUtils__/fieldFixtures';
import { NETWORK_BASE_URL, renderField } from '../__testUtils__/renderField';
import { IpPoolPicker } from './IpPoolPicker';

describe('IpPoolPicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('shows each pool’s free IPs; an exhausted pool cannot be picked', async () => {
    server.use(
      http.get(`${NETWORK_BASE_URL}/clusters/lab/pools`, () =>
        HttpResponse.json({
          cluster: 'lab',
          items: poolsFixture(),
          stale: false,
          missing: [],
        }),
      ),
    );
    const onChange = jest.fn();
    await renderField(IpPoolPicker, {
      title: 'IP pool',
      uiOptions: { cluster: 'lab' },
      onChange,
    });
    fireEvent.mouseDown(await screen.findByRole('button', { name: /IP pool/ }));
    const list = within(await screen.findByRole('listbox'));
    const exhausted = list
      .getByText('iot · Exhausted (2 of 2 used)')
      .closest('li')!;
    expect(exhausted).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(list.getByText('main · 10 of 14 free'));
    expect(onChange).toHaveBeenCalledWith('main');
  });

  it('says when the cluster has no pool', async () => {
    server.use(
      http.get(`${NETWORK_BASE_URL}/clusters/lab/pools`, () =>
        HttpResponse.json({
          cluster: 'lab',
          items: [],
          stale: false,
          missing: [],
        }),
      ),
    );
    await renderField(IpPoolPicker, {
      title: 'IP pool',
      uiOptions: { cluster: 'lab' },
    });
    expect(
      await screen.findByText('Cluster lab has no CiliumLoadBalancerIPPool'),
    ).toBeInTheDocument();
  });
});
