import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Typography,
} from '@material-ui/core';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import type {
  GatewaySummary,
  ListenerSummary,
  RouteSummary,
} from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { StateTable } from '../../StateTable';
import { gatewayState, routeState } from '../objectStates';
import { ConditionsTable } from './ConditionsTable';
import { SectionCard } from './SectionCard';

function listenerState(listener: ListenerSummary) {
  const bad = listener.conditions.find(
    c =>
      (c.type === 'Conflicted' && c.status === 'True') ||
      (c.type !== 'Conflicted' && c.status === 'False'),
  );
  if (bad) return { state: 'failing' as const, reason: bad.reason ?? bad.type };
  const programmed = listener.conditions.find(c => c.type === 'Programmed');
  return programmed?.status === 'True'
    ? { state: 'ok' as const, reason: 'Programmed' }
    : { state: 'unknown' as const, reason: 'NotReported' };
}

function routesOf(gateway: GatewaySummary, routes: RouteSummary[]) {
  return routes.filter(route =>
    route.parents.some(
      parent =>
        parent.parentRef.name === gateway.name &&
        (parent.parentRef.namespace ?? route.namespace) === gateway.namespace,
    ),
  );
}

const ListenersTable = ({ listeners }: { listeners: ListenerSummary[] }) => (
  <StateTable
    label="Listeners"
    rows={listeners}
    rowKey={listener => listener.name}
    columns={[
      { title: 'Listener', render: listener => listener.name },
      {
        title: 'State',
        render: listener => {
          const state = listenerState(listener);
          return <StateLabel state={state.state}>{state.reason}</StateLabel>;
        },
      },
      { title: 'Hostname', render: listener => listener.hostname ?? '(any)' },
      {
        title: 'Port / protocol',
        render: listener => `${listener.port} / ${listener.protocol}`,
      },
      {
        title: 'TLS',
        render: listener =>
          listener.tlsMode
            ? `${listener.tlsMode} ${listener.certificateRefs.join(', ')}`
            : '—',
      },
      { title: 'Routes from', render: listener => listener.allowedRoutesFrom },
      {
        title: 'Attached routes',
        align: 'right',
        render: listener => listener.attachedRoutes,
      },
    ]}
  />
);

/** Routes shown in a gateway's panel before pointing at the routes table. */
const ROUTES_SHOWN_PER_GATEWAY = 10;

/**
 * Gateways with state, addresses, listeners, conditions and the routes attached to them,
 * one expandable panel each; which panels are open is kept by the caller so a live refresh
 * leaves them open.
 */
export const GatewaysSection = (props: {
  gateways: GatewaySummary[];
  routes: RouteSummary[];
  absent: boolean;
  expanded: Set<string>;
  onToggle: (key: string) => void;
}) => {
  const { gateways, routes, absent, expanded, onToggle } = props;
  let body;
  if (absent) {
    body = (
      <Typography>
        Gateway API is not installed in this cluster (no
        gateway.networking.k8s.io/Gateway kind). Install the Gateway API CRDs
        and a controller (Cilium or Envoy Gateway) to see gateways here.
      </Typography>
    );
  } else if (gateways.length === 0) {
    body = <Typography>No Gateway objects in this cluster.</Typography>;
  } else {
    body = gateways.map(gateway => {
      const key = `${gateway.namespace}/${gateway.name}`;
      const state = gatewayState(gateway);
      const attached = routesOf(gateway, routes);
      const broken = attached.filter(route => routeState(route).state !== 'ok');
      const shown = [
        ...broken,
        ...attached.filter(r => !broken.includes(r)),
      ].slice(0, ROUTES_SHOWN_PER_GATEWAY);
      return (
        <Accordion
          key={key}
          expanded={expanded.has(key)}
          onChange={() => onToggle(key)}
          TransitionProps={{ unmountOnExit: true }}
        >
          <AccordionSummary
            expandIcon={<ExpandMoreIcon />}
            aria-controls={`gateway-${key}`}
          >
            <Box
              display="flex"
              flexWrap="wrap"
              alignItems="center"
              style={{ gap: 16 }}
            >
              <Typography component="span" style={{ fontWeight: 600 }}>
                {key}
              </Typography>
              <StateLabel state={state.state}>{state.reason}</StateLabel>
              <Typography component="span" variant="body2">
                class {gateway.gatewayClassName}
              </Typography>
              <Typography component="span" variant="body2">
                {gateway.addresses.length > 0
                  ? `address ${gateway.addresses.join(', ')}`
                  : 'no address assigned'}
              </Typography>
              <Typography component="span" variant="body2">
                {attached.length} routes
                {broken.length > 0 ? `, ${broken.length} with problems` : ''}
              </Typography>
            </Box>
          </AccordionSummary>
          <AccordionDetails id={`gateway-${key}`}>
            <Box width="100%">
              <Typography variant="subtitle2">Listeners</Typography>
              <ListenersTable listeners={gateway.listeners} />
              <Box mt={2}>
                <Typography variant="subtitle2">Conditions</Typography>
                <ConditionsTable conditions={gateway.conditions} />
              </Box>
              <Box mt={2}>
                <Typography variant="subtitle2">
                  Attached routes ({attached.length}
                  {attached.length > shown.length
                    ? `, problems first, ${shown.length} shown; see Routes for all`
                    : ''}
                  )
                </Typography>
                <ul>
                  {shown.map(route => {
                    const routeStatus = routeState(route);
                    return (
                      <li
                        key={`${route.kind}/${route.namespace}/${route.name}`}
                      >
                        {route.kind} {route.namespace}/{route.name}{' '}
                        <StateLabel state={routeStatus.state}>
                          {routeStatus.reason}
                        </StateLabel>
                      </li>
                    );
                  })}
                </ul>
                {gateway.service && (
                  <Typography variant="body2">
                    LoadBalancer Service: {gateway.service.namespace}/
                    {gateway.service.name}
                  </Typography>
                )}
              </Box>
            </Box>
          </AccordionDetails>
        </Accordion>
      );
    });
  }
  return (
    <SectionCard
      id="gateways"
      title="Gateways"
      subtitle="Gateway API gateways: listeners, addresses, conditions and attached routes"
    >
      {body}
    </SectionCard>
  );
};
