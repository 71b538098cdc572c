import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type {
  L2LeaseSummary,
  L2PolicySummary,
} from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { SectionCard } from './SectionCard';

function policyState(policy: L2PolicySummary) {
  const bad = policy.conditions.find(
    c => c.status === 'True' && /Error|Conflict/i.test(c.type),
  );
  if (bad) return { state: 'failing' as const, reason: bad.reason ?? bad.type };
  if (policy.services.length === 0)
    return { state: 'warning' as const, reason: 'SelectsNoService' };
  return { state: 'ok' as const, reason: `${policy.services.length} services` };
}

/** CiliumL2AnnouncementPolicies and the node that currently announces each service's IP. */
export const L2Section = (props: {
  policies: L2PolicySummary[];
  leases: L2LeaseSummary[];
  absent: boolean;
}) => {
  const { policies, leases, absent } = props;
  if (absent) {
    return (
      <SectionCard id="l2" title="L2 announcements">
        <Typography>
          Cilium L2 announcements are not available (no
          cilium.io/CiliumL2AnnouncementPolicy kind).
        </Typography>
      </SectionCard>
    );
  }
  return (
    <SectionCard
      id="l2"
      title="L2 announcements"
      subtitle="Policies and the lease holder node per service"
    >
      {policies.length === 0 ? (
        <Typography>
          No CiliumL2AnnouncementPolicy: LoadBalancer IPs are assigned but no
          node answers ARP for them.
        </Typography>
      ) : (
        <Table size="small" aria-label="L2 announcement policies">
          <TableHead>
            <TableRow>
              <TableCell>Policy</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Nodes</TableCell>
              <TableCell>Services</TableCell>
              <TableCell>Interfaces</TableCell>
              <TableCell>Announces</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {policies.map(policy => {
              const state = policyState(policy);
              return (
                <TableRow key={policy.name}>
                  <TableCell>{policy.name}</TableCell>
                  <TableCell>
                    <StateLabel state={state.state}>{state.reason}</StateLabel>
                  </TableCell>
                  <TableCell>{policy.nodeSelector || '(all nodes)'}</TableCell>
                  <TableCell>
                    {policy.serviceSelector || '(all services)'}
                  </TableCell>
                  <TableCell>
                    {policy.interfaces.join(', ') || '(all)'}
                  </TableCell>
                  <TableCell>
                    {[
                      policy.loadBalancerIPs && 'LoadBalancer IPs',
                      policy.externalIPs && 'external IPs',
                    ]
                      .filter(Boolean)
                      .join(', ') || 'nothing'}
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      <Box mt={2}>
        <Typography variant="subtitle2">
          Leases (who answers ARP for each IP)
        </Typography>
        {leases.length === 0 ? (
          <Typography variant="body2">
            No L2 announcement leases yet.
          </Typography>
        ) : (
          <Table size="small" aria-label="L2 announcement leases">
            <TableHead>
              <TableRow>
                <TableCell>Service</TableCell>
                <TableCell>IPs</TableCell>
                <TableCell>Holder node</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Renewed</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {leases.map(lease => (
                <TableRow
                  key={`${lease.service.namespace}/${lease.service.name}`}
                >
                  <TableCell>
                    {lease.service.namespace}/{lease.service.name}
                  </TableCell>
                  <TableCell>{lease.ips.join(', ')}</TableCell>
                  <TableCell>{lease.holder ?? 'none'}</TableCell>
                  <TableCell>
                    {lease.expired || !lease.holder ? (
                      <StateLabel state="warning">
                        {lease.expired ? 'Lease expired' : 'No holder'}
                      </StateLabel>
                    ) : (
                      <StateLabel state="ok">Held</StateLabel>
                    )}
                  </TableCell>
                  <TableCell>{lease.renewTime ?? '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </SectionCard>
  );
};
