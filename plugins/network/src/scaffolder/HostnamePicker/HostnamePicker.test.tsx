import { fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import {
  fieldOverviewFixture,
  fieldRoutePageFixture,
} from '../__testUtils__/fieldFixtures';
import { NETWORK_BASE_URL, renderField } from '../__testUtils__/renderField';
import { HostnamePicker } from './HostnamePicker';

describe('HostnamePicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  let overviewCalls = 0;
  let routeQueries: URLSearchParams[] = [];
  beforeEach(() => {
    overviewCalls = 0;
    routeQueries = [];
    server.use(
      http.get(`${NETWORK_BASE_URL}/clusters/demo/overview`, () => {
        overviewCalls++;
        return HttpResponse.json(fieldOverviewFixture());
      }),
      // The backend filters routes by hostname; the overview carries none.
      http.get(`${NETWORK_BASE_URL}/clusters/demo/routes`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        routeQueries.push(query);
        return HttpResponse.json(fieldRoutePageFixture(query.get('hostname')));
      }),
    );
  });

  const type = (value: string) =>
    fireEvent.change(screen.getByRole('textbox', { name: /Hostname/ }), {
      target: { value },
    });

  it('says a free name is available once typing pauses, asking the backend once', async () => {
    const onChange = jest.fn();
    await renderField(HostnamePicker, {
      title: 'Hostname',
      uiOptions: { debounceMs: 50 },
      formData: { cluster: 'demo', namespace: 'apps', name: 'hello' },
      onChange,
    });
    type('h');
    type('he');
    type('hello.demo.lab');
    expect(onChange).toHaveBeenLastCalledWith('hello.demo.lab');
    expect(
      await screen.findByText('hello.demo.lab is available'),
    ).toBeInTheDocument();
    expect(overviewCalls).toBe(1);
    expect(routeQueries.map(query => Object.fromEntries(query))).toEqual([
      { hostname: 'hello.demo.lab', limit: '500' },
    ]);
  });

  it('names who already claims a taken name', async () => {
    await renderField(HostnamePicker, {
      title: 'Hostname',
      uiOptions: { debounceMs: 10 },
      formData: { cluster: 'demo' },
    });
    type('jellyfin.demo.lab');
    expect(
      await screen.findByText(
        'jellyfin.demo.lab is already claimed by HTTPRoute media/jellyfin',
      ),
    ).toBeInTheDocument();
  });

  it('flags an uppercase name at once, without asking the backend', async () => {
    await renderField(HostnamePicker, {
      title: 'Hostname',
      uiOptions: { debounceMs: 10 },
      formData: { cluster: 'demo' },
    });
    type('Hello.demo.lab');
    expect(
      screen.getByText(
        "hostname 'Hello.demo.lab' contains uppercase letters; hostnames must be lowercase",
      ),
    ).toBeInTheDocument();
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(overviewCalls).toBe(0);
    expect(routeQueries).toHaveLength(0);
  });

  it('refuses a name outside the gateways’ domains', async () => {
    await renderField(HostnamePicker, {
      title: 'Hostname',
      uiOptions: { debounceMs: 10 },
      formData: { cluster: 'demo' },
    });
    type('hello.example.com');
    expect(
      await screen.findByText(
        "hostname 'hello.example.com' is not under an allowed domain (demo.lab)",
      ),
    ).toBeInTheDocument();
  });
});
