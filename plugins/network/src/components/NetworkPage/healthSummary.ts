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

const HOP_STATES: HopState[] = ['failing', 'warning', 'unknown', 'ok'];

/** How many objects of a section are in each state (the overview's `routeCounts` shape). */
type StateCounts = Record<HopState, number> & { total: number };

function notInstalled(section: string, label: string): HealthTile {
  return {
    section,
    label,
    good: 0,
    total: 0,
    state: 'unknown',
    detail: 'not installed',
  };
}

/** A tile from how many objects are in each state; the worst state with any object decides. */
function countedTile(
  section: string,
  label: string,
  counts: StateCounts,
): HealthTile {
  const problems = counts.total - counts.ok;
  return {
    section,
    label,
    good: counts.ok,
    total: counts.total,
    state: worstState(HOP_STATES.filter(state => counts[state] > 0)),
    detail: problems > 0 ? `${problems} need attention` : undefined,
  };
}

function tile(
  section: string,
  label: string,
  states: StateWithReason[],
  absent: boolean,
): HealthTile {
  if (absent) return notInstalled(section, label);
  const counts: StateCounts = {
    total: states.length,
    ok: 0,
    warning: 0,
    failing: 0,
    unknown: 0,
  };
  for (const { state } of states) counts[state]++;
  return countedTile(section, label, counts);
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
    routesAbsent
      ? notInstalled('routes', 'Routes accepted')
      : // The routes are paged by their own endpoint; the overview counts them by state.
        countedTile('routes', 'Routes accepted', overview.routeCounts),
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
