import { Table, TableColumn } from '@backstage/core-components';
import { Box, FormControlLabel, Switch, Typography } from '@material-ui/core';
import {
  HopState,
  IngressSummary,
  RouteCounts,
  RouteSummary,
  routeState,
} from '@internal/plugin-network-common';
import { NetworkErrorPanel } from '../../NetworkErrorPanel';
import { StateLabel } from '../../StateLabel';
import { SectionCard } from './SectionCard';
import { useRoutePages } from './useRoutePages';

/** One row of the routes table (the backend searches and orders; the row only shows). */
interface RouteRow {
  id: string;
  kind: string;
  route: string;
  state: HopState;
  reason: string;
  message: string;
  hostnames: string;
  parents: string;
  backends: string;
}

function toRow(route: RouteSummary): RouteRow {
  const status = routeState(route);
  return {
    id: `${route.kind}/${route.namespace}/${route.name}`,
    kind: route.kind,
    route: `${route.namespace}/${route.name}`,
    state: status.state,
    reason: status.reason ?? '',
    message: status.message ?? '',
    hostnames: route.hostnames.join(', ') || '(any)',
    parents: [
      ...route.parents.map(p => p.parent),
      ...route.parentsWithoutStatus,
    ].join(', '),
    backends: route.backends.join(', '),
  };
}

const columns: TableColumn<RouteRow>[] = [
  {
    title: 'State',
    field: 'state',
    width: '24%',
    cellStyle: { minWidth: 260, wordBreak: 'break-word' },
    render: row => (
      <>
        <StateLabel state={row.state}>{row.reason}</StateLabel>
        {row.message && (
          <Typography variant="caption" display="block" color="textSecondary">
            {row.message}
          </Typography>
        )}
      </>
    ),
  },
  { title: 'Kind', field: 'kind' },
  { title: 'Route', field: 'route', highlight: true },
  { title: 'Hostnames', field: 'hostnames' },
  { title: 'Parents', field: 'parents' },
  { title: 'Backends', field: 'backends' },
];

const ingressColumns: TableColumn<IngressSummary>[] = [
  {
    title: 'Ingress',
    render: row => `${row.namespace}/${row.name}`,
    field: 'name',
  },
  { title: 'Class', field: 'ingressClassName' },
  { title: 'Hosts', render: row => row.hosts.join(', ') },
  {
    title: 'Addresses',
    render: row => row.addresses.join(', ') || 'none assigned',
  },
  { title: 'Backends', render: row => row.backends.join(', ') },
];

/**
 * The cluster's routes with their status per parent, problems first, read a page at a time
 * from the backend (a large cluster has thousands; the large demo 3,007): search, paging and the "need attention"
 * switch are answered by `GET /clusters/:cluster/routes`. The Ingresses come with the overview.
 */
export const RoutesSection = (props: {
  cluster: string;
  routeCounts: RouteCounts;
  ingresses: IngressSummary[];
  absent: boolean;
  /** Changes when the overview was read again; the shown page is then read again too. */
  refreshKey: string;
}) => {
  const { cluster, routeCounts, ingresses, absent, refreshKey } = props;
  const pages = useRoutePages(cluster, refreshKey, toRow);
  const { counts } = pages;
  const problems = routeCounts.total - routeCounts.ok;
  let countsText = 'Routes';
  if (counts) {
    countsText =
      counts.matched === counts.total
        ? `${counts.total} routes`
        : `${counts.matched} of ${counts.total} routes match`;
  }
  let emptyMessage = 'No routes match the search.';
  if (pages.error) emptyMessage = 'The routes could not be read.';
  else if (!counts) emptyMessage = 'Reading the routes…';
  else if (counts.total === 0) emptyMessage = 'No routes in this cluster.';
  else if (pages.attentionOnly) emptyMessage = 'No route needs attention.';
  return (
    <SectionCard
      id="routes"
      title="Routes"
      subtitle={`${routeCounts.total} routes, ${problems} need attention (listed first). Search by state, reason, name, hostname, parent or backend.`}
    >
      {absent ? (
        <Typography>
          Gateway API is not installed in this cluster, so there are no
          HTTPRoutes or GRPCRoutes to show.
        </Typography>
      ) : (
        <>
          <FormControlLabel
            control={
              <Switch
                color="primary"
                checked={pages.attentionOnly}
                onChange={(_event, checked) => pages.setAttentionOnly(checked)}
              />
            }
            label="Only routes that need attention"
          />
          {pages.error && (
            <Box my={1}>
              <NetworkErrorPanel error={pages.error} onRetry={pages.retry} />
            </Box>
          )}
          <Table<RouteRow>
            title={countsText}
            tableRef={pages.tableRef}
            columns={columns}
            data={pages.data}
            options={{
              paging: true,
              pageSize: 20,
              pageSizeOptions: [20, 50, 100],
              search: true,
              debounceInterval: 400,
              sorting: false,
              padding: 'dense',
              emptyRowsWhenPaging: false,
            }}
            localization={{ body: { emptyDataSourceMessage: emptyMessage } }}
          />
        </>
      )}
      {ingresses.length > 0 && (
        <Table<IngressSummary>
          title={`Ingresses (${ingresses.length})`}
          columns={ingressColumns}
          data={ingresses}
          options={{
            paging: ingresses.length > 20,
            pageSize: 20,
            search: true,
            padding: 'dense',
          }}
        />
      )}
    </SectionCard>
  );
};
