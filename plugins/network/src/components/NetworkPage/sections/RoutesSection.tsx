import { useMemo } from 'react';
import { Table, TableColumn } from '@backstage/core-components';
import { Typography } from '@material-ui/core';
import type {
  HopState,
  IngressSummary,
  RouteSummary,
} from '@internal/plugin-network-common';
import { StateLabel, STATE_TEXT, stateSeverity } from '../../StateLabel';
import { routeState } from '../objectStates';
import { SectionCard } from './SectionCard';

/** One row of the routes table, with the derived state as searchable text. */
interface RouteRow {
  id: string;
  kind: string;
  route: string;
  state: HopState;
  stateText: string;
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
    stateText: STATE_TEXT[status.state],
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
    field: 'stateText',
    width: '24%',
    cellStyle: { minWidth: 260, wordBreak: 'break-word' },
    customSort: (a, b) => stateSeverity(a.state) - stateSeverity(b.state),
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
  { title: 'Reason', field: 'reason', hidden: true, searchable: true },
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
 * Every route with its status per parent, problems first. Thousands of routes stay fast
 * because the table pages, and search covers state, reason, name, hostnames and backends.
 */
export const RoutesSection = (props: {
  routes: RouteSummary[];
  ingresses: IngressSummary[];
  absent: boolean;
}) => {
  const { routes, ingresses, absent } = props;
  const rows = useMemo(
    () =>
      routes
        .map(toRow)
        .sort(
          (a, b) =>
            stateSeverity(a.state) - stateSeverity(b.state) ||
            a.id.localeCompare(b.id),
        ),
    [routes],
  );
  const problems = rows.filter(row => row.state !== 'ok').length;
  return (
    <SectionCard
      id="routes"
      title="Routes"
      subtitle={`${routes.length} routes, ${problems} with problems (listed first). Search by state, reason, name, hostname or backend.`}
    >
      {absent ? (
        <Typography>
          Gateway API is not installed in this cluster, so there are no
          HTTPRoutes or GRPCRoutes to show.
        </Typography>
      ) : (
        <Table<RouteRow>
          columns={columns}
          data={rows}
          filters={[
            { column: 'State', type: 'multiple-select' },
            { column: 'Kind', type: 'select' },
          ]}
          options={{
            paging: true,
            pageSize: 20,
            pageSizeOptions: [20, 50, 100],
            search: true,
            sorting: true,
            padding: 'dense',
            emptyRowsWhenPaging: false,
          }}
          emptyContent={
            <Typography style={{ padding: 16 }}>
              No routes in this cluster.
            </Typography>
          }
        />
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
