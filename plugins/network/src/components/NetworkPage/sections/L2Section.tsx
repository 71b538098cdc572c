import { Box, Typography } from '@material-ui/core';
import type {
  L2LeaseSummary,
  L2PolicySummary,
} from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { StateTable } from '../../StateTable';
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

/** Expired or unheld leases first, so they are on the first page of a long list. */
function leasesWithProblemsFirst(leases: L2LeaseSummary[]): L2LeaseSummary[] {
  const healthy = (lease: L2LeaseSummary) => !lease.expired && !!lease.holder;
  return [...leases].sort((a, b) => Number(healthy(a)) - Number(healthy(b)));
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
      <StateTable
        label="L2 announcement policies"
        rows={policies}
        rowKey={policy => policy.name}
        pageSize={25}
        empty={
          <Typography>
            No CiliumL2AnnouncementPolicy: LoadBalancer IPs are assigned but no
            node answers ARP for them.
          </Typography>
        }
        columns={[
          { title: 'Policy', render: policy => policy.name },
          {
            title: 'State',
            render: policy => {
              const state = policyState(policy);
              return (
                <StateLabel state={state.state}>{state.reason}</StateLabel>
              );
            },
          },
          {
            title: 'Nodes',
            render: policy => policy.nodeSelector || '(all nodes)',
          },
          {
            title: 'Services',
            render: policy => policy.serviceSelector || '(all services)',
          },
          {
            title: 'Interfaces',
            render: policy => policy.interfaces.join(', ') || '(all)',
          },
          {
            title: 'Announces',
            render: policy =>
              [
                policy.loadBalancerIPs && 'LoadBalancer IPs',
                policy.externalIPs && 'external IPs',
              ]
                .filter(Boolean)
                .join(', ') || 'nothing',
          },
        ]}
      />
      <Box mt={2}>
        <Typography variant="subtitle2">
          Leases (who answers ARP for each IP)
        </Typography>
        <StateTable
          label="L2 announcement leases"
          rows={leasesWithProblemsFirst(leases)}
          rowKey={lease => `${lease.service.namespace}/${lease.service.name}`}
          pageSize={25}
          empty="No L2 announcement leases yet."
          columns={[
            {
              title: 'Service',
              render: lease =>
                `${lease.service.namespace}/${lease.service.name}`,
            },
            { title: 'IPs', render: lease => lease.ips.join(', ') },
            { title: 'Holder node', render: lease => lease.holder ?? 'none' },
            {
              title: 'State',
              render: lease =>
                lease.expired || !lease.holder ? (
                  <StateLabel state="warning">
                    {lease.expired ? 'Lease expired' : 'No holder'}
                  </StateLabel>
                ) : (
                  <StateLabel state="ok">Held</StateLabel>
                ),
            },
            { title: 'Renewed', render: lease => lease.renewTime ?? '—' },
          ]}
        />
      </Box>
    </SectionCard>
  );
};
