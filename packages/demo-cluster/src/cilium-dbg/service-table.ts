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

/** Computes the service table as the agent on `agent.nodeName` sees it. */
export function buildServiceTable(agent: AgentView): ServiceEntry[] {
  const endpointsById = new Map<string, KubeObject>();
  for (const endpoints of readAll(agent.store, KEYS.endpoints)) {
    endpointsById.set(`${endpoints.metadata.namespace}/${endpoints.metadata.name}`, endpoints);
  }
  const rows: Omit<ServiceEntry, 'id'>[] = [];
  const services = [...readAll(agent.store, KEYS.service)].sort(
    (a, b) => (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || a.metadata.name.localeCompare(b.metadata.name),
  );
  forEachIsolated(services, 'cilium-dbg service table', (service) => {
    const spec = recordOf<{
      type?: string;
      clusterIP?: string;
      ports?: ServicePort[];
      externalIPs?: string[];
      externalTrafficPolicy?: string;
      internalTrafficPolicy?: string;
    }>(service.spec);
    // Headless Services have no frontend; one created without a cluster IP still has its others.
    if (spec.type === 'ExternalName' || spec.clusterIP === 'None') return;
    const ports = listOf<ServicePort>(spec.ports).filter((port) => typeof port.port === 'number');
    const endpoints = endpointsById.get(`${service.metadata.namespace}/${service.metadata.name}`);
    const extTrafficPolicy = spec.externalTrafficPolicy === 'Local' ? 'Local' : 'Cluster';
    const intTrafficPolicy = spec.internalTrafficPolicy === 'Local' ? 'Local' : 'Cluster';
    const ingress = listOf<{ ip?: unknown }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service.status).loadBalancer).ingress)
      .map((entry) => entry.ip)
      .filter((ip): ip is string => typeof ip === 'string' && ip.length > 0);
    for (const port of ports) {
      const all = backendsFor(endpoints, port, ports.length === 1);
      const local = all.filter((backend) => backend.nodeName === agent.nodeName);
      const base = {
        port: port.port,
        protocol: port.protocol ?? 'TCP',
        namespace: service.metadata.namespace ?? 'default',
        name: service.metadata.name,
        ...(port.name ? { portName: port.name } : {}),
        extTrafficPolicy,
        intTrafficPolicy,
      } as const;
      if (spec.clusterIP) rows.push({ ...base, ip: spec.clusterIP, type: 'ClusterIP', backends: intTrafficPolicy === 'Local' ? local : all });
      const external = extTrafficPolicy === 'Local' ? local : all;
      if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && port.nodePort) {
        for (const ip of [agent.nodeAddress, '0.0.0.0']) {
          if (ip) rows.push({ ...base, ip, port: port.nodePort, type: 'NodePort', backends: external });
        }
      }
      for (const ip of stringsOf(spec.externalIPs)) rows.push({ ...base, ip, type: 'ExternalIPs', backends: external });
      const programmed = !agent.unprogrammedServices.has(`${service.metadata.namespace}/${service.metadata.name}`);
      if (spec.type === 'LoadBalancer' && programmed) for (const ip of ingress) rows.push({ ...base, ip, type: 'LoadBalancer', backends: external });
    }
  });
  rows.sort(
    (a, b) =>
      a.namespace.localeCompare(b.namespace) ||
      a.name.localeCompare(b.name) ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      a.port - b.port ||
      a.ip.localeCompare(b.ip),
  );
  return rows.map((row, index) => ({ ...row, id: index + 1 }));
}
