import { fireEvent, screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { registerMswTestHooks } from '@backstage/frontend-test-utils';
import { fieldOverviewFixture } from '../__testUtils__/fieldFixtures';
import { NETWORK_BASE_URL, renderField } from '../__testUtils__/renderField';
import { IssuerPicker } from './IssuerPicker';

describe('IssuerPicker', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  beforeEach(() => {
    server.use(
      http.get(`${NETWORK_BASE_URL}/clusters`, () =>
        HttpResponse.json({
          items: [{ name: 'demo', health: 'healthy', kinds: [] }],
        }),
      ),
      http.get(`${NETWORK_BASE_URL}/clusters/demo/overview`, () =>
        HttpResponse.json(fieldOverviewFixture()),
      ),
    );
  });

  it('lists ClusterIssuers with their Ready state, using the backend’s first cluster when the form names none', async () => {
    const onChange = jest.fn();
    await renderField(IssuerPicker, { title: 'ClusterIssuer', onChange });
    fireEvent.mouseDown(
      await screen.findByRole('button', { name: /ClusterIssuer/ }),
    );
    const list = within(await screen.findByRole('listbox'));
    expect(
      list.getByText('letsencrypt-production · Ready'),
    ).toBeInTheDocument();
    expect(
      list.getByText('letsencrypt-staging · Not ready: ErrRegisterACMEAccount'),
    ).toBeInTheDocument();
    expect(list.queryByText(/media-ca/)).not.toBeInTheDocument();
    fireEvent.click(list.getByText('letsencrypt-production · Ready'));
    expect(onChange).toHaveBeenCalledWith('letsencrypt-production');
  });

  it('warns that a not-Ready issuer’s certificates will not become Ready', async () => {
    await renderField(IssuerPicker, {
      title: 'ClusterIssuer',
      formData: { cluster: 'demo' },
      value: 'letsencrypt-staging',
    });
    expect(
      await screen.findByText(
        'letsencrypt-staging is Not ready: ErrRegisterACMEAccount: certificates from it will not become Ready',
      ),
    ).toBeInTheDocument();
  });
});
