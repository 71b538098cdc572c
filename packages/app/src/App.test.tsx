import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page with the product name', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Pathway', baseUrl: 'http://localhost:3000' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // The app loads its features lazily; on a busy CI machine that takes seconds.
    await waitFor(
      () => {
        expect(rendered.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
      },
      { timeout: 20_000 },
    );
    expect(rendered.getAllByText('Pathway').length).toBeGreaterThan(0);
  }, 30_000);
});
