import { Resolver } from 'node:dns/promises';
import { DnsServerAddress } from '../ClusterRegistry/ClusterRegistry';

/** The answer of one server for one name. */
export interface DnsAnswer {
  server: string;
  hostname: string;
  /** A and AAAA addresses; empty when the name does not exist. */
  addresses: string[];
  /** `ok`, `nxdomain` (name does not exist / no data), `timeout` or `error`. */
  outcome: 'ok' | 'nxdomain' | 'timeout' | 'error';
  /** The resolver's error code (ENOTFOUND, ETIMEOUT, ECONNREFUSED, …) when not ok. */
  code?: string;
}

/** Options of {@link DnsProbe}. */
export interface DnsProbeOptions {
  /** Per-query timeout. */
  timeoutMs?: number;
  /** How long answers are reused, so page loads do not flood the DNS server. */
  cacheTtlMs?: number;
  now?: () => number;
}

/**
 * Asks a specific DNS server (k8s_gateway or an external resolver) for a name's addresses,
 * with a short timeout and a few seconds of answer caching.
 */
export class DnsProbe {
  private readonly timeoutMs: number;
  private readonly cacheTtlMs: number;
  private readonly now: () => number;
  private readonly cache = new Map<string, { expiresAt: number; answer: Promise<DnsAnswer> }>();

  constructor(options: DnsProbeOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 1000;
    this.cacheTtlMs = options.cacheTtlMs ?? 5000;
    this.now = options.now ?? Date.now;
  }

  /** Resolves `hostname` at `server` (A, then AAAA when A has no data). */
  resolve(server: DnsServerAddress, hostname: string): Promise<DnsAnswer> {
    const key = `${server.host}:${server.port}/${hostname.toLowerCase()}`;
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.answer;
    const answer = this.query(server, hostname);
    this.cache.set(key, { expiresAt: this.now() + this.cacheTtlMs, answer });
    if (this.cache.size > 10_000) this.evictExpired();
    return answer;
  }

  private async query(server: DnsServerAddress, hostname: string): Promise<DnsAnswer> {
    const label = formatServer(server);
    const resolver = new Resolver({ timeout: this.timeoutMs, tries: 1 });
    resolver.setServers([label]);
    try {
      const v4 = await resolver.resolve4(hostname).catch(error => {
        if (error.code === 'ENODATA') return [] as string[];
        throw error;
      });
      const addresses = v4.length > 0 ? v4 : await resolver.resolve6(hostname).catch(() => [] as string[]);
      return { server: label, hostname, addresses, outcome: addresses.length > 0 ? 'ok' : 'nxdomain', code: addresses.length > 0 ? undefined : 'ENODATA' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'ERROR';
      return { server: label, hostname, addresses: [], outcome: outcomeOfError(code), code };
    }
  }

  private evictExpired(): void {
    const now = this.now();
    for (const [key, entry] of this.cache) if (entry.expiresAt <= now) this.cache.delete(key);
  }
}

/** The answer outcome of a resolver error code. */
function outcomeOfError(code: string): DnsAnswer['outcome'] {
  if (code === 'ENOTFOUND') return 'nxdomain';
  if (code === 'ETIMEOUT') return 'timeout';
  return 'error';
}

/** `host:port`, with brackets for IPv6 hosts as `Resolver.setServers` expects. */
export function formatServer(server: DnsServerAddress): string {
  const host = server.host.includes(':') ? `[${server.host}]` : server.host;
  return `${host}:${server.port}`;
}
