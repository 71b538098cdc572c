import { Typography } from '@material-ui/core';
import type { DnsRecordSummary } from '@internal/plugin-network-common';
import { StateLabel, stateSeverity } from '../../StateLabel';
import { StateTable } from '../../StateTable';
import { dnsState } from '../objectStates';
import { SectionCard } from './SectionCard';

/** DNS records: what the routes and gateways imply against what the servers answered. */
export const DnsSection = (props: {
  records: DnsRecordSummary[];
  missing: string[];
  /** Route hostnames the overview does not check (beyond its bound). */
  notChecked?: number;
}) => {
  const { records, missing, notChecked = 0 } = props;
  const sorted = [...records].sort(
    (a, b) =>
      stateSeverity(dnsState(a).state) - stateSeverity(dnsState(b).state) ||
      a.hostname.localeCompare(b.hostname),
  );
  const unconfigured = ['dns-internal', 'dns-external'].filter(scope =>
    missing.includes(scope),
  );
  return (
    <SectionCard
      id="dns"
      title="DNS"
      subtitle="Expected answers (from routes and gateway addresses) against what the DNS servers answered"
    >
      {unconfigured.length > 0 && (
        <Typography variant="body2" paragraph>
          Not checked: {unconfigured.join(', ')} (no DNS server configured for
          this scope in the network plugin's cluster configuration).
        </Typography>
      )}
      {notChecked > 0 && records.length > 0 && (
        <Typography variant="body2" paragraph>
          The first {new Set(records.map(record => record.hostname)).size} route
          hostnames are checked here; {notChecked.toLocaleString('en')} more are
          not. The diagnostics check dns.split-horizon resolves them all.
        </Typography>
      )}
      <StateTable
        label="DNS records"
        rows={sorted}
        rowKey={record => `${record.scope}/${record.hostname}`}
        pageSize={25}
        empty={<Typography>No DNS records to check.</Typography>}
        columns={[
          { title: 'Hostname', render: record => record.hostname },
          { title: 'Scope', render: record => record.scope },
          {
            title: 'State',
            render: record => {
              const state = dnsState(record);
              return (
                <>
                  <StateLabel state={state.state}>{state.reason}</StateLabel>
                  {state.message && (
                    <Typography
                      variant="caption"
                      display="block"
                      color="textSecondary"
                    >
                      {state.message}
                    </Typography>
                  )}
                </>
              );
            },
          },
          {
            title: 'Expected',
            render: record => record.expected.join(', ') || '—',
          },
          {
            title: 'Answered',
            render: record => record.answered.join(', ') || 'no answer',
          },
        ]}
      />
    </SectionCard>
  );
};
