import { useState } from 'react';
import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import type { IpPoolSummary } from '@internal/plugin-network-common';
import { StateLabel, stateSeverity } from '../../StateLabel';
import { poolState } from '../objectStates';
import { PoolUsageBar } from './PoolUsageBar';
import { SectionCard } from './SectionCard';

/** Allocations listed per pool before the rest is summarised. */
const ALLOCATIONS_SHOWN = 25;
/** Pools drawn per page: a large cluster has hundreds, each with its allocations table. */
const POOLS_PER_PAGE = 10;

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
  const [requestedPage, setPage] = useState(0);
  const lastPage = Math.max(0, Math.ceil(pools.length / POOLS_PER_PAGE) - 1);
  const page = Math.min(requestedPage, lastPage);
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
    // Problems first, so an exhausted or conflicting pool is on the first page.
    const sorted = [...pools].sort(
      (a, b) =>
        stateSeverity(poolState(a).state) - stateSeverity(poolState(b).state),
    );
    const shown = sorted.slice(
      page * POOLS_PER_PAGE,
      (page + 1) * POOLS_PER_PAGE,
    );
    body = (
      <>
        {shown.map(pool => (
          <PoolDetails key={pool.name} pool={pool} />
        ))}
        {pools.length > POOLS_PER_PAGE && (
          <TablePagination
            component="div"
            count={pools.length}
            page={page}
            rowsPerPage={POOLS_PER_PAGE}
            rowsPerPageOptions={[POOLS_PER_PAGE]}
            labelDisplayedRows={({ from, to, count }) =>
              `Pools ${from}-${to} of ${count}`
            }
            onPageChange={(_event, next) => setPage(next)}
            backIconButtonProps={{ 'aria-label': 'IP pools: previous page' }}
            nextIconButtonProps={{ 'aria-label': 'IP pools: next page' }}
          />
        )}
      </>
    );
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
