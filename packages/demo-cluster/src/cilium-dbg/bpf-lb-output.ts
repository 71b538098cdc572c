/**
 * `cilium-dbg bpf lb list`: the BPF service map, one master row per frontend (slot 0, the
 * service's flags) followed by a row per backend slot; REVNAT_ID is the service ID.
 */
import type { ServiceEntry } from './service-table.ts';
import { renderTable } from './text-table.ts';

function flagsOf(entry: ServiceEntry): string {
  const flags: string[] = [entry.type];
  if (entry.type === 'ClusterIP') flags.push('non-routable');
  const policy = entry.type === 'ClusterIP' ? entry.intTrafficPolicy : entry.extTrafficPolicy;
  if (policy === 'Local') flags.push(entry.type === 'ClusterIP' ? 'InternalLocal' : 'Local');
  if (entry.type !== 'ClusterIP' && policy === 'Local') flags.push('two-scopes');
  return `[${flags.join(', ')}]`;
}

/** The table `cilium-dbg bpf lb list` prints. */
export function renderBpfLbList(entries: readonly ServiceEntry[]): string {
  const rows: string[][] = [['SERVICE ADDRESS', 'BACKEND ADDRESS (REVNAT_ID) (SLOT)']];
  for (const entry of entries) {
    const frontend = `${entry.ip}:${entry.port}/${entry.protocol}`;
    rows.push([`${frontend} (0)`, `0.0.0.0:0 (${entry.id}) (0) ${flagsOf(entry)}`]);
    entry.backends.forEach((backend, index) => {
      rows.push([`${frontend} (${index + 1})`, `${backend.ip}:${backend.port}/${backend.protocol} (${entry.id}) (${index + 1})`]);
    });
  }
  return renderTable(rows);
}
