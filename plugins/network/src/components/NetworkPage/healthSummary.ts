import type {
  ClusterOverview,
  HopState,
} from '@internal/plugin-network-common';
import { worstState } from '../StateLabel';
import {
  agentState,
  certificateState,
  dnsState,
  gatewayState,
  poolState,
  routeState,
  StateWithReason,
} from './objectStates';

/** One tile of the health summary: `good` of `total` objects are fine. */
export interface HealthTile {
  /** The id of the section the tile links to. */
  section: string;
  label: string;
  good: number;
  total: number;
  state: HopState;
  /** Text beside the count, e.g. "1 expiring". */
  detail?: string;
}

function tile(
  section: string,
  label: string,
  states: StateWithReason[],
  absent: boolean,
): HealthTile {
  if (absent) {
    return {
      section,
      label,
      good: 0,
      total: 0,
      state: 'unknown',
      detail: 'not installed',
    };
  }
  const good = states.filter(s => s.state === 'ok').length;
  const problems = states.length - good;
  return {
    section,
    label,
    good,
    total: states.length,
    state: worstState(states.map(s => s.state)),
    detail: problems > 0 ? `${problems} need attention` : undefined,
  };
}

/** The counts at the top of the Network page, one per section, worst state decides the colour. */
export function healthSummary(overview: ClusterOverview): HealthTile[] {
  const missing = overview.missing.join(' ');
  const gatewayApiAbsent = /gateway\.networking\.k8s\.io\/Gateway\b/.test(
    missing,
  );
  const routesAbsent = gatewayApiAbsent && overview.ingresses.length === 0;
  const poolsAbsent = /CiliumLoadBalancerIPPool/.test(missing);
  const certificatesAbsent = /cert-manager\.io\/Certificate/.test(missing);

  const certificates = overview.certificates.map(certificateState);
  const expiring = certificates.filter(c => c.reason === 'Expiring').length;
  const certificateTile = tile(
    'certificates',
    'Certificates ready',
    certificates,
    certificatesAbsent,
  );
  if (expiring > 0) certificateTile.detail = `${expiring} expiring`;

  const pools = overview.pools.filter(pool => !pool.disabled);
  return [
    tile(
      'gateways',
      'Gateways programmed',
      overview.gateways.map(gatewayState),
      gatewayApiAbsent,
    ),
    tile(
      'routes',
      'Routes accepted',
      overview.routes.map(routeState),
      routesAbsent,
    ),
    {
      ...tile(
        'pools',
        'Pools with free IPs',
        pools.map(poolState),
        poolsAbsent,
      ),
      good: pools.filter(pool => pool.free > 0).length,
    },
    tile(
      'cilium',
      'Cilium agents ready',
      overview.cilium.agents.map(agentState),
      !overview.cilium.installed,
    ),
    certificateTile,
    tile(
      'dns',
      'DNS consistent',
      overview.dns.filter(r => r.state !== 'unchecked').map(dnsState),
      false,
    ),
  ];
}
