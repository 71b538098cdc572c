/**
 * `cilium-dbg statedb l2-announce`: the addresses an agent answers ARP/NDP for. The table
 * prints `IP` and `NetworkInterface` columns (newer agents may add more); `-o json` prints
 * `[{IP, NetworkInterface, Origins}]`. Both are read.
 */
export interface L2Announcement {
  ip: string;
  networkInterface?: string;
}

/** Parses the table or the JSON array. */
export function parseL2AnnounceTable(text: string): L2Announcement[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const entries: any[] = JSON.parse(trimmed);
    return entries
      .filter(entry => typeof entry?.IP === 'string')
      .map(entry => ({ ip: entry.IP, networkInterface: typeof entry.NetworkInterface === 'string' ? entry.NetworkInterface : undefined }));
  }
  const lines = trimmed.split('\n').filter(line => line.trim() !== '');
  const headerIndex = lines.findIndex(line => line.trim().split(/\s+/).includes('IP'));
  if (headerIndex < 0) {
    if (lines.length === 0) return [];
    throw new Error(`statedb l2-announce printed no IP column: ${trimmed.slice(0, 200)}`);
  }
  const header = lines[headerIndex].trim().split(/\s+/);
  const ipColumn = header.indexOf('IP');
  const interfaceColumn = header.indexOf('NetworkInterface');
  return lines.slice(headerIndex + 1).flatMap(line => {
    const cells = line.trim().split(/\s+/);
    const ip = cells[ipColumn];
    if (!ip || !/^[0-9A-Fa-f.:]+$/.test(ip)) return [];
    return [{ ip, networkInterface: interfaceColumn >= 0 ? cells[interfaceColumn] : undefined }];
  });
}
