/**
 * `cilium-dbg bpf lb list`: the agent's BPF service map. Each frontend has a master row
 * (slot 0, `0.0.0.0:0 (<revnat id>) (0) [<flags>]`) followed by one row per backend slot.
 * Current agents print `ip:port/PROTO (slot)` in the first column; older ones print
 * `ip:port` and leave the first column blank on backend rows. IPv6 addresses come bracketed.
 * A large cluster's map runs to tens of thousands of rows, so each row is read with one regex.
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

const ADDRESS = /^\[?([0-9A-Fa-f.:]+?)\]?:(\d+)(?:\/([A-Za-z]+))?$/;
// Frontend (or blank), optional `(slot)`, the backend address, the rest (ids, flags).
const ROW = /^(\S*)\s+(?:\(\d+\)\s+)?(\S+)(.*)$/;
// The master row's backend is the 0.0.0.0:0 (or [::]:0) placeholder.
const PLACEHOLDER = /^(0\.0\.0\.0|\[::\]):0/;

/** Splits `ip:port[/PROTO]` (IPv6 as `[ip]:port`); undefined when it is not an address. */
export function parseLbAddress(text: string): { ip: string; port: number; protocol?: string } | undefined {
  const match = ADDRESS.exec(text);
  if (!match) return undefined;
  return { ip: match[1], port: Number(match[2]), protocol: match[3]?.toUpperCase() };
}

/** Parses the text table into frontends, in the order printed. */
export function parseBpfLbList(text: string): BpfLbFrontend[] {
  const frontends = new Map<string, BpfLbFrontend>();
  let current: BpfLbFrontend | undefined;
  let currentText = '';
  for (const line of text.split('\n')) {
    const row = ROW.exec(line);
    if (!row) continue;
    const [, frontendText, backend, rest] = row;
    if (frontendText !== '' && frontendText !== currentText) {
      const address = parseLbAddress(frontendText);
      // The header and anything else that is not a frontend row.
      if (!address) {
        current = undefined;
        continue;
      }
      currentText = frontendText;
      const key = `${address.ip}|${address.port}|${address.protocol ?? ''}`;
      current = frontends.get(key);
      if (!current) {
        current = { ...address, flags: [], backends: [] };
        frontends.set(key, current);
      }
    }
    if (!current) continue;
    if (PLACEHOLDER.test(backend)) {
      // Flags close the master row; a bracketed IPv6 backend address is not one.
      const flags = /\[([^\]]*)\]\s*$/.exec(rest)?.[1];
      if (flags !== undefined) current.flags = flags.split(',').map(flag => flag.trim()).filter(Boolean);
    } else if (ADDRESS.test(backend)) {
      current.backends.push(backend);
    }
  }
  return [...frontends.values()];
}
