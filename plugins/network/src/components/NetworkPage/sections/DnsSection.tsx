import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { DnsRecordSummary } from '@internal/plugin-network-common';
import { StateLabel, stateSeverity } from '../../StateLabel';
import { dnsState } from '../objectStates';
import { SectionCard } from './SectionCard';

/** DNS records: what the routes and gateways imply against what the servers answered. */
export const DnsSection = (props: {
  records: DnsRecordSummary[];
  missing: string[];
}) => {
  const { records, missing } = props;
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
      {sorted.length === 0 ? (
        <Typography>No DNS records to check.</Typography>
      ) : (
        <Table size="small" aria-label="DNS records">
          <TableHead>
            <TableRow>
              <TableCell>Hostname</TableCell>
              <TableCell>Scope</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Expected</TableCell>
              <TableCell>Answered</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map(record => {
              const state = dnsState(record);
              return (
                <TableRow key={`${record.scope}/${record.hostname}`}>
                  <TableCell>{record.hostname}</TableCell>
                  <TableCell>{record.scope}</TableCell>
                  <TableCell>
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
                  </TableCell>
                  <TableCell>{record.expected.join(', ') || '—'}</TableCell>
                  <TableCell>
                    {record.answered.join(', ') || 'no answer'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </SectionCard>
  );
};
