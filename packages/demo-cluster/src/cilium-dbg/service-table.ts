/**
 * The agent's load-balancing table, derived from Services and their Endpoints the way Cilium's
 * kube-proxy replacement programs it: a ClusterIP frontend per port, NodePort frontends on the
 * node's address and 0.0.0.0, a LoadBalancer frontend per ingress IP, ExternalIPs; backends are
 * the ready endpoint addresses (only this node's when the traffic policy is Local).
 * `service list`, `bpf lb list` and the JSON outputs all read this one table.
 */
import type { KubeObject } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { parseIpv4 } from '../controllers/ipv4-ranges.ts';
import { readAll, type AgentView } from './agent-view.ts';
import { forEachIsolated, listOf, recordOf, stringsOf } from '../controllers/object-fields.ts';

/** A frontend type, as `flags.type` spells it. */
export type FrontendType = 'ClusterIP' | 'NodePort' | 'ExternalIPs' | 'LoadBalancer';

/** One backend of a frontend. */
export interface ServiceBackend {
  ip: string;
  port: number;
  protocol: string;
  nodeName?: string;
}

/** One row of the service table. */
export interface ServiceEntry {
  id: number;
  ip: string;
  port: number;
  protocol: string;
  type: FrontendType;
  namespace: string;
  name: string;
  portName?: string;
  extTrafficPolicy: 'Cluster' | 'Local';
  intTrafficPolicy: 'Cluster' | 'Local';
  backends: ServiceBackend[];
}

interface ServicePort {
  name?: string;
  port: number;
  protocol?: string;
  nodePort?: number;
}

interface EndpointSubset {
  addresses?: { ip: string; nodeName?: string }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

const TYPE_ORDER: Record<FrontendType, number> = { ClusterIP: 0, NodePort: 1, ExternalIPs: 2, LoadBalancer: 3 };

/** The ready backends of one Service port, from its Endpoints. */
function backendsFor(endpoints: KubeObject | undefined, port: ServicePort, singlePort: boolean): ServiceBackend[] {
  const backends: ServiceBackend[] = [];
  for (const subset of listOf<EndpointSubset>(endpoints?.subsets)) {
    const subsetPorts = listOf<{ name?: string; port: number; protocol?: string }>(subset.ports);
    // A lone unnamed endpoint port serves every Service port (Cilium's gateway placeholder is one).
    const loneUnnamed = subsetPorts.length === 1 && !subsetPorts[0]!.name;
    const match = subsetPorts.find(
      (candidate) =>
        (candidate.protocol ?? 'TCP') === (port.protocol ?? 'TCP') &&
        ((candidate.name ?? '') === (port.name ?? '') || singlePort || loneUnnamed),
    );
    if (!match) continue;
    for (const address of listOf<{ ip: string; nodeName?: string }>(subset.addresses)) {
      backends.push({ ip: address.ip, port: match.port, protocol: match.protocol ?? 'TCP', ...(address.nodeName ? { nodeName: address.nodeName } : {}) });
    }
  }
  return backends.sort((a, b) => (parseIpv4(a.ip) ?? 0) - (parseIpv4(b.ip) ?? 0) || a.port - b.port);
}

/**
 * A row before it is placed on a node: NodePort rows wait for the node's address, and rows
 * under a Local traffic policy keep every backend until the node's own are picked.
 */
interface SharedRow extends Omit<ServiceEntry, 'id' | 'backends'> {
  allBackends: ServiceBackend[];
  /** Which traffic policy narrows the backends to the node's own. */
  localPolicy: boolean;
  /** NodePort rows: one per node address and one on 0.0.0.0, filled in per agent. */
  perNodeAddress: boolean;
  serviceKey: string;
}

const byText = (a: string, b: string) => a.localeCompare(b);

function compareRows(a: Omit<ServiceEntry, 'id' | 'backends'>, b: Omit<ServiceEntry, 'id' | 'backends'>): number {
  return byText(a.namespace, b.namespace) || byText(a.name, b.name) || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.port - b.port || byText(a.ip, b.ip);
}

/** The rows every agent shares, sorted; computed once per store revision, not once per agent. */
const sharedRowsByStore = new WeakMap<object, { revision: number; rows: SharedRow[] }>();

function sharedRows(agent: AgentView): SharedRow[] {
  const revision = agent.store.currentResourceVersion();
  const cached = sharedRowsByStore.get(agent.store);
  if (cached && cached.revision === revision) return cached.rows;
  const endpointsById = new Map<string, KubeObject>();
  for (const endpoints of readAll(agent.store, KEYS.endpoints)) {
    endpointsById.set(`${endpoints.metadata.namespace}/${endpoints.metadata.name}`, endpoints);
  }
  const rows: SharedRow[] = [];
  forEachIsolated(readAll(agent.store, KEYS.service), 'cilium-dbg service table', (service) => {
    const spec = recordOf<{
      type?: string;
      clusterIP?: string;
      ports?: ServicePort[];
      externalIPs?: string[];
      externalTrafficPolicy?: string;
      internalTrafficPolicy?: string;
    }>(service.spec);
    if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return;
    const serviceKey = `${service.metadata.namespace}/${service.metadata.name}`;
    const ports = listOf<ServicePort>(spec.ports).filter((port) => typeof port.port === 'number');
    const endpoints = endpointsById.get(serviceKey);
    const extTrafficPolicy = spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster';
    const intTrafficPolicy = spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster';
    const ingress = listOf<{ ip?: unknown }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service.status).loadBalancer).ingress)
      .map((entry) => entry.ip)
      .filter((ip): ip is string => typeof ip === 'string' && ip.length > 0);
    for (const port of ports) {
      const allBackends = backendsFor(endpoints, port, ports.length === 1);
      const base = {
        port: port.port,
        protocol: port.protocol ?? 'TCP',
        namespace: service.metadata.namespace ?? 'default',
        name: service.metadata.name,
        ...(port.name ? { portName: port.name } : {}),
        extTrafficPolicy,
        intTrafficPolicy,
        allBackends,
        serviceKey,
        perNodeAddress: false,
      } as const;
      const external = { localPolicy: extTrafficPolicy === 'Local' };
      if (spec.clusterIP) rows.push({ ...base, ip: spec.clusterIP, type: 'ClusterIP', localPolicy: intTrafficPolicy === 'Local' });
      if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && port.nodePort) {
        rows.push({ ...base, ...external, ip: '', port: port.nodePort, type: 'NodePort', perNodeAddress: true });
      }
      for (const ip of stringsOf(spec.externalIPs)) rows.push({ ...base, ...external, ip, type: 'ExternalIPs' });
      if (spec.type === 'LoadBalancer') for (const ip of ingress) rows.push({ ...base, ...external, ip, type: 'LoadBalancer' });
    }
  });
  rows.sort(compareRows);
  sharedRowsByStore.set(agent.store, { revision, rows });
  return rows;
}

/** Computes the service table as the agent on `agent.nodeName` sees it. */
export function buildServiceTable(agent: AgentView): ServiceEntry[] {
  const entries: ServiceEntry[] = [];
  const add = (row: SharedRow, ip: string) => {
    const { allBackends, localPolicy, perNodeAddress, serviceKey, ...fields } = row;
    const backends = localPolicy ? allBackends.filter((backend) => backend.nodeName === agent.nodeName) : allBackends;
    entries.push({ ...fields, ip, backends, id: entries.length + 1 });
  };
  for (const row of sharedRows(agent)) {
    if (row.type === 'LoadBalancer' && agent.unprogrammedServices.has(row.serviceKey)) continue;
    if (!row.perNodeAddress) {
      add(row, row.ip);
      continue;
    }
    // The node's address and 0.0.0.0, in the order the table sorts addresses.
    for (const ip of [agent.nodeAddress, '0.0.0.0'].filter(Boolean).sort(byText)) add(row, ip);
  }
  return entries;
}
