import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { DnsRecordSummary } from '@internal/plugin-network-common';
import { DnsSection } from './DnsSection';

const record = (hostname: string): DnsRecordSummary => ({
  hostname,
  scope: 'internal',
  expected: ['127.0.2.11'],
  answered: ['127.0.2.11'],
  state: 'match',
});

describe('DnsSection', () => {
  it('says how many route hostnames the overview left unchecked and where they are checked', async () => {
    await renderInTestApp(
      <DnsSection
        records={[record('a.demo.lab'), record('b.demo.lab')]}
        missing={['dns-external']}
        notChecked={2907}
      />,
    );
    expect(
      screen.getByText(
        /The first 2 route hostnames are checked here; 2,907 more are not\. The diagnostics check dns\.split-horizon resolves them all\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('a.demo.lab')).toBeInTheDocument();
  });

  it('says nothing about unchecked names when every name is checked', async () => {
    await renderInTestApp(
      <DnsSection
        records={[record('a.demo.lab')]}
        missing={[]}
        notChecked={0}
      />,
    );
    expect(screen.queryByText(/more are not/)).not.toBeInTheDocument();
  });
});
