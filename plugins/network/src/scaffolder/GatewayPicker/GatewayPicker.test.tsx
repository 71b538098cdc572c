import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { gatewaysFixture } from '../__testUtils__/fieldFixtures';
import { NETWORK_BASE_URL, renderField } from '../__testUtils__/renderField';
import { GatewayPicker } from './GatewayPicker';

describe('GatewayPicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const requested: string[] = [];
  beforeEach(() => {
    requested.length = 0;
    server.use(
      http.get(
        `${NETWORK_BASE_URL}/clusters/:cluster/gateways`,
        ({ request }) => {
          requested.push(new URL(request.url).pathname);
          return HttpResponse.json({
            cluster: 'demo',
            items: gatewaysFixture(),
            stale: false,
            missing: [],
          });
        },
      ),
    );
  });

  it('lists the cluster’s gateways with their state and sets namespace/name', async () => {
    const onChange = jest.fn();
    await renderField(GatewayPicker, {
      title: 'Internal gateway',
      formData: { cluster: 'demo' },
      onChange,
    });
    fireEvent.mouseDown(
      await screen.findByRole('button', { name: /Internal gateway/ }),
    );
    const list = within(await screen.findByRole('listbox'));
    expect(
      list.getByText('network/envoy-internal · Programmed'),
    ).toBeInTheDocument();
    expect(
      list.getByText('envoy · 10.0.0.10 · 2 listeners'),
    ).toBeInTheDocument();
    expect(
      list.getByText('network/envoy-lab · Not programmed: AddressNotAssigned'),
    ).toBeInTheDocument();
    fireEvent.click(list.getByText('network/envoy-internal · Programmed'));
    expect(onChange).toHaveBeenCalledWith('network/envoy-internal');
    expect(requested).toEqual(['/api/network/clusters/demo/gateways']);
  });

  it('lists the chosen gateway’s listeners and says when one does not admit the namespace', async () => {
    await renderField(GatewayPicker, {
      title: 'Listener',
      uiOptions: { pick: 'listener' },
      formData: {
        cluster: 'demo',
        gateway: 'network/envoy-lab',
        namespace: 'apps',
      },
      value: 'http',
    });
    expect(
      await screen.findByText(
        "listener 'http' admits routes from namespace network only, not apps",
      ),
    ).toBeInTheDocument();
  });

  it('asks for the gateway first in listener mode', async () => {
    await renderField(GatewayPicker, {
      title: 'Listener',
      uiOptions: { pick: 'listener' },
      formData: { cluster: 'demo' },
    });
    expect(
      await screen.findByText('Pick the gateway first'),
    ).toBeInTheDocument();
  });

  it('shows the backend’s error instead of an empty list', async () => {
    server.use(
      http.get(`${NETWORK_BASE_URL}/clusters/:cluster/gateways`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message: 'Cluster demo has no cache',
            },
            request: {
              method: 'GET',
              url: '/api/network/clusters/demo/gateways',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    await renderField(GatewayPicker, {
      title: 'Gateway',
      formData: { cluster: 'demo' },
    });
    expect(
      await screen.findByText(
        /Could not read the gateways: .*Cluster demo has no cache/,
      ),
    ).toBeInTheDocument();
  });

  it('reads again after a failed read, so the field recovers without a reload', async () => {
    let calls = 0;
    server.use(
      http.get(`${NETWORK_BASE_URL}/clusters/:cluster/gateways`, () => {
        calls++;
        if (calls === 1) return HttpResponse.error();
        return HttpResponse.json({
          cluster: 'demo',
          items: gatewaysFixture(),
          stale: false,
          missing: [],
        });
      }),
    );
    await renderField(GatewayPicker, {
      title: 'Gateway',
      formData: { cluster: 'demo' },
      value: 'network/envoy-internal',
    });
    expect(
      await screen.findByText(/Could not read the gateways/),
    ).toBeInTheDocument();
    expect(
      await screen.findByText(
        'network/envoy-internal · Programmed',
        {},
        { timeout: 6000 },
      ),
    ).toBeInTheDocument();
    expect(calls).toBe(2);
  });
});
