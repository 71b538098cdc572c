/**
 * `cilium-dbg service list` (table) and `service list -o json` (models.Service objects with
 * spec and status.realized).
 */
import type { ServiceEntry } from './service-table.ts';
import { renderTable } from './text-table.ts';

const address = (ip: string, port: number, protocol: string): string => `${ip}:${port}/${protocol}`;

/** The table `cilium-dbg service list` prints. */
export function renderServiceList(entries: readonly ServiceEntry[]): string {
  const rows: string[][] = [['ID', 'Frontend', 'Service Type', 'Backend']];
  for (const entry of entries) {
    const frontend = address(entry.ip, entry.port, entry.protocol);
    if (entry.backends.length === 0) {
      rows.push([String(entry.id), frontend, entry.type, '']);
      continue;
    }
    entry.backends.forEach((backend, index) => {
      const backendText = `${index + 1} => ${address(backend.ip, backend.port, backend.protocol)} (active)`;
      rows.push(index === 0 ? [String(entry.id), frontend, entry.type, backendText] : ['', '', '', backendText]);
    });
  }
  return renderTable(rows);
}

/** The models.Service objects `cilium-dbg service list -o json` prints. */
export function serviceListJson(entries: readonly ServiceEntry[]): unknown[] {
  return entries.map((entry) => {
    const spec = {
      id: entry.id,
      'frontend-address': { ip: entry.ip, port: entry.port, protocol: entry.protocol, scope: 'external' },
      'backend-addresses': entry.backends.map((backend) => ({
        ip: backend.ip,
        port: backend.port,
        protocol: backend.protocol,
        ...(backend.nodeName ? { nodeName: backend.nodeName } : {}),
        state: 'active',
        preferred: true,
        weight: 100,
      })),
      flags: {
        type: entry.type,
        trafficPolicy: entry.type === 'ClusterIP' ? entry.intTrafficPolicy : entry.extTrafficPolicy,
        extTrafficPolicy: entry.extTrafficPolicy,
        intTrafficPolicy: entry.intTrafficPolicy,
        natPolicy: 'None',
        name: entry.name,
        namespace: entry.namespace,
        ...(entry.portName ? { 'port-name': entry.portName } : {}),
      },
    };
    return { spec, status: { realized: structuredClone(spec) } };
  });
}
