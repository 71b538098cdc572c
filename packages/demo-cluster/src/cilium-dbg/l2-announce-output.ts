/**
 * `cilium-dbg statedb l2-announce`: the addresses this agent answers ARP for, which are the
 * LoadBalancer IPs of the Services whose L2 announcement lease this node holds.
 */
import { L2_LEASE_PREFIX } from '../controllers/l2-announcements.ts';
import type { KubeObject } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { readAll, type AgentView } from './agent-view.ts';
import { renderTable } from './text-table.ts';
import { listOf, recordOf } from '../controllers/object-fields.ts';

/** One announced address. */
export interface L2Announcement {
  ip: string;
  networkInterface: string;
  origin: string;
}

/** The announcements of the agent in `agent`. */
export function l2Announcements(agent: AgentView): L2Announcement[] {
  const announcements: L2Announcement[] = [];
  const servicesByLeaseSuffix = new Map<string, KubeObject>();
  for (const service of readAll(agent.store, KEYS.service)) {
    servicesByLeaseSuffix.set(`${service.metadata.namespace}-${service.metadata.name}`, service);
  }
  for (const lease of readAll(agent.store, KEYS.lease, 'kube-system')) {
    if (!lease.metadata.name.startsWith(L2_LEASE_PREFIX)) continue;
    if ((lease.spec as { holderIdentity?: string } | undefined)?.holderIdentity !== agent.nodeName) continue;
    const rest = lease.metadata.name.slice(L2_LEASE_PREFIX.length);
    // Lease names join namespace and service with '-', both of which may contain '-': match services.
    const service = servicesByLeaseSuffix.get(rest);
    if (!service) continue;
    const ingress = listOf<{ ip?: unknown }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service.status).loadBalancer).ingress);
    for (const entry of ingress) {
      if (typeof entry.ip === 'string' && entry.ip) announcements.push({ ip: entry.ip, networkInterface: 'eth0', origin: `${service.metadata.namespace}/${service.metadata.name}` });
    }
  }
  return announcements.sort((a, b) => a.ip.localeCompare(b.ip, 'en', { numeric: true }));
}

/** The table `cilium-dbg statedb l2-announce` prints. */
export function renderL2Announce(agent: AgentView): string {
  const rows = [['IP', 'NetworkInterface'], ...l2Announcements(agent).map((entry) => [entry.ip, entry.networkInterface])];
  return renderTable(rows);
}
