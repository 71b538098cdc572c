import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { IpPoolSummary } from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { poolState } from '../objectStates';
import { PoolUsageBar } from './PoolUsageBar';
import { SectionCard } from './SectionCard';

/** Allocations listed per pool before the rest is summarised. */
const ALLOCATIONS_SHOWN = 25;

const PoolDetails = ({ pool }: { pool: IpPoolSummary }) => {
  const state = poolState(pool);
  const shown = pool.allocations.slice(0, ALLOCATIONS_SHOWN);
  return (
    <Box mb={3}>
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="center"
        style={{ gap: 16 }}
      >
        <Typography variant="h6" component="h3">
          {pool.name}
        </Typography>
        <StateLabel state={state.state}>{state.reason}</StateLabel>
        <PoolUsageBar pool={pool} />
      </Box>
      <Typography variant="body2">
        Blocks {pool.blocks.join(', ')} · allowFirstLastIPs{' '}
        {pool.allowFirstLastIPs} · serviceSelector{' '}
        {pool.serviceSelector || '(all services)'}
        {pool.disabled ? ' · disabled' : ''}
      </Typography>
      {state.message && state.state !== 'ok' && (
        <Box mt={1}>
          <Alert severity={state.state === 'failing' ? 'error' : 'warning'}>
            {state.reason}: {state.message}
          </Alert>
        </Box>
      )}
      {pool.allocations.length > 0 ? (
        <Table size="small" aria-label={`Addresses of ${pool.name}`}>
          <TableHead>
            <TableRow>
              <TableCell>IP</TableCell>
              <TableCell>Held by service</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {shown.map(allocation => (
              <TableRow
                key={`${allocation.ip}-${allocation.service.namespace}/${allocation.service.name}`}
              >
                <TableCell>{allocation.ip}</TableCell>
                <TableCell>
                  {allocation.service.namespace}/{allocation.service.name}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : (
        <Typography variant="body2">
          No address of this pool is in use.
        </Typography>
      )}
      {pool.allocations.length > shown.length && (
        <Typography variant="caption">
          and {pool.allocations.length - shown.length} more addresses in use
        </Typography>
      )}
    </Box>
  );
};

/** Cilium LoadBalancer IP pools: usage bar, conflicts and which service holds each IP. */
export const PoolsSection = (props: {
  pools: IpPoolSummary[];
  absent: boolean;
}) => {
  const { pools, absent } = props;
  let body;
  if (absent) {
    body = (
      <Typography>
        Cilium LB-IPAM is not available (no cilium.io/CiliumLoadBalancerIPPool
        kind). Install Cilium with LoadBalancer IPAM to see IP pools here.
      </Typography>
    );
  } else if (pools.length === 0) {
    body = (
      <Typography>
        No CiliumLoadBalancerIPPool exists: LoadBalancer services will stay
        pending until a pool is created.
      </Typography>
    );
  } else {
    body = pools.map(pool => <PoolDetails key={pool.name} pool={pool} />);
  }
  return (
    <SectionCard
      id="pools"
      title="IP pools"
      subtitle="CiliumLoadBalancerIPPool usage, conflicts and allocations"
    >
      {body}
    </SectionCard>
  );
};
