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
} from '@internal/plugin-network-common';
import { StateLabel } from '../../StateLabel';
import { StateTable } from '../../StateTable';
import { gatewayState } from '../objectStates';
import { ConditionsTable } from './ConditionsTable';
import { GatewayRoutes } from './GatewayRoutes';
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

/** Routes attached to the gateway's listeners, from their status (a route on two listeners counts twice). */
function routeAttachments(gateway: GatewaySummary): number {
  return gateway.listeners.reduce(
    (sum, listener) => sum + listener.attachedRoutes,
    0,
  );
}

/**
 * Gateways with state, addresses, listeners, conditions and the routes attached to them,
 * one expandable panel each; which panels are open is kept by the caller so a live refresh
 * leaves them open. A panel reads its routes from the backend when it opens.
 */
export const GatewaysSection = (props: {
  cluster: string;
  gateways: GatewaySummary[];
  absent: boolean;
  expanded: Set<string>;
  onToggle: (key: string) => void;
  /** Changes when the overview was read again; open panels then read their routes again. */
  refreshKey: string;
}) => {
  const { cluster, gateways, absent, expanded, onToggle, refreshKey } = props;
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
      const attachments = routeAttachments(gateway);
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
              <Typography
                component="span"
                variant="body2"
                title="The sum of the listeners' attachedRoutes status"
              >
                {attachments} attached {attachments === 1 ? 'route' : 'routes'}
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
                <GatewayRoutes
                  cluster={cluster}
                  gateway={key}
                  refreshKey={refreshKey}
                />
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
