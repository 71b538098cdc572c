/**
 * `cilium-dbg bpf lb list`: the agent's BPF service map. Each frontend has a master row
 * (slot 0, `0.0.0.0:0 (<revnat id>) (0) [<flags>]`) followed by one row per backend slot.
 * Current agents print `ip:port/PROTO (slot)` in the first column; older ones print
 * `ip:port` and leave the first column blank on backend rows. IPv6 addresses come bracketed.
 */
export interface BpfLbFrontend {
  ip: string;
  port: number;
  /** Upper case (`TCP`, `UDP`); undefined when the agent does not print it. */
  protocol?: string;
  /** From the master row, e.g. `LoadBalancer`, `Local`, `two-scopes`. */
  flags: string[];
  /** Backend addresses as printed, e.g. `10.42.2.14:443/TCP`. */
  backends: string[];
}

/** Splits `ip:port[/PROTO]` (IPv6 as `[ip]:port`); undefined when it is not an address. */
export function parseLbAddress(text: string): { ip: string; port: number; protocol?: string } | undefined {
  const match = /^\[?([0-9A-Fa-f.:]+?)\]?:(\d+)(?:\/([A-Za-z]+))?$/.exec(text);
  if (!match) return undefined;
  return { ip: match[1], port: Number(match[2]), protocol: match[3]?.toUpperCase() };
}

/** Parses the text table into frontends, in the order printed. */
export function parseBpfLbList(text: string): BpfLbFrontend[] {
  const frontends = new Map<string, BpfLbFrontend>();
  let current: BpfLbFrontend | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '' || /^SERVICE ADDRESS/.test(line)) continue;
    const startsWithFrontend = !/^\s/.test(line);
    const cells = line.trim().split(/\s+/);
    let rest: string[];
    if (startsWithFrontend) {
      const address = parseLbAddress(cells[0]);
      if (!address) continue;
      // The frontend's slot follows as `(N)` in current formats.
      rest = /^\(\d+\)$/.test(cells[1] ?? '') ? cells.slice(2) : cells.slice(1);
      const key = `${address.ip}|${address.port}|${address.protocol ?? ''}`;
      current = frontends.get(key);
      if (!current) {
        current = { ...address, flags: [], backends: [] };
        frontends.set(key, current);
      }
    } else {
      rest = cells;
    }
    if (!current || rest.length === 0) continue;
    // Flags close the master row; a bracketed IPv6 backend address is not one.
    const flagsText = /\[([^\]]*)\]\s*$/.exec(rest.join(' '))?.[1];
    if (flagsText !== undefined) {
      current.flags = flagsText.split(',').map(flag => flag.trim()).filter(Boolean);
    }
    const backend = rest[0];
    // The master row's backend is the 0.0.0.0:0 (or [::]:0) placeholder.
    if (backend && !/^(0\.0\.0\.0|\[::\]):0/.test(backend) && parseLbAddress(backend)) current.backends.push(backend);
  }
  return [...frontends.values()];
}
