import { isIP } from 'node:net';

/** The port apid listens on (upstream constants.ApidPort); talosctl adds it when an endpoint has none. */
export const APID_PORT = 50000;

/** An apid endpoint: the host to connect to and the `host:port` gRPC target. */
export interface TalosEndpoint {
  host: string;
  port: number;
  /** `host:port`, IPv6 hosts in brackets; the gRPC target and the name errors use. */
  target: string;
}

/**
 * Reads a talosconfig endpoint: `host`, `host:port`, `[v6]`, `[v6]:port` or a bare IPv6
 * address; without a port, apid's 50000. Returns undefined when it cannot be read.
 */
export function parseTalosEndpoint(text: string): TalosEndpoint | undefined {
  const value = text.trim().replace(/^https?:\/\//, '');
  if (value.length === 0) return undefined;
  let host: string;
  let port = APID_PORT;
  const bracketed = value.match(/^\[([^\]]+)\](?::(\d+))?$/);
  if (bracketed) {
    host = bracketed[1];
    if (bracketed[2]) port = Number(bracketed[2]);
  } else if (isIP(value) === 6) {
    host = value;
  } else {
    const hostPort = value.match(/^([^:\s/]+)(?::(\d+))?$/);
    if (!hostPort) return undefined;
    host = hostPort[1];
    if (hostPort[2]) port = Number(hostPort[2]);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return undefined;
  const target = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  return { host, port, target };
}
