/**
 * The demo cluster's DNS server (the k8s_gateway role): UDP and TCP on one loopback port,
 * answering from the live object store at query time, so a route or service created through
 * the API resolves on the very next query. Malformed packets are dropped, never fatal.
 */
import { createSocket } from 'node:dgram';
import type { Socket as UdpSocket } from 'node:dgram';
import { createServer } from 'node:net';
import type { Server as TcpServer, Socket as TcpSocket } from 'node:net';
import { isIP } from 'node:net';
import dnsPacket from 'dns-packet';
import type { DecodedPacket, Packet } from 'dns-packet';
import type { ObjectStore } from '../store/types.ts';
import { answerQuery, encodeForUdp, serverFailure } from './dns-answer.ts';
import type { DnsAnswerSettings } from './dns-answer.ts';
import { canonicalName } from './hostname-lookup.ts';

/** Where the DNS server listens and what it serves. */
export interface DnsServerOptions {
  /** A loopback address (127.0.0.0/8 or ::1). */
  host: string;
  /** 0 picks a port free for both UDP and TCP. */
  port: number;
  /**
   * Zones served, e.g. ['home.example']; names outside them get REFUSED, as from a CoreDNS
   * server block that does not cover them. Default: every name.
   */
  zones?: string[];
  /** TTL of the answers; default 60. */
  ttl?: number;
}

/** A running DNS server. */
export interface DnsServerHandle {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Seconds a TCP connection may stay idle before the server closes it (RFC 7766 suggests a few). */
const TCP_IDLE_TIMEOUT_MS = 10_000;

function isLoopback(host: string): boolean {
  return host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}

function decodeQuery(message: Buffer): DecodedPacket | undefined {
  try {
    const packet = dnsPacket.decode(message);
    return packet.type === 'query' ? packet : undefined;
  } catch {
    return undefined;
  }
}

function respond(query: DecodedPacket, store: ObjectStore, settings: DnsAnswerSettings): Packet {
  try {
    return answerQuery(query, store, settings);
  } catch {
    return serverFailure(query);
  }
}

function listenTcp(server: TcpServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

function bindUdp(socket: UdpSocket, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(error);
    socket.once('error', onError);
    socket.bind({ address: host, port, exclusive: true }, () => {
      socket.off('error', onError);
      resolve();
    });
  });
}

function closeTcp(server: TcpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Starts the DNS server; resolves once UDP and TCP both listen on the same port. */
export async function startDnsServer(store: ObjectStore, options: DnsServerOptions): Promise<DnsServerHandle> {
  if (!isLoopback(options.host)) throw new Error(`the demo DNS server listens on loopback only, not ${options.host}`);
  const settings: DnsAnswerSettings = {
    zones: (options.zones ?? []).map(canonicalName).filter((zone) => zone.length > 0),
    ttl: options.ttl ?? 60,
    serial: Math.floor(Date.now() / 1000),
  };
  const family = isIP(options.host) === 6 ? 'udp6' : 'udp4';
  const connections = new Set<TcpSocket>();

  const handleTcpConnection = (connection: TcpSocket): void => {
    connections.add(connection);
    connection.setTimeout(TCP_IDLE_TIMEOUT_MS, () => connection.destroy());
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => connection.destroy());
    let buffered = Buffer.alloc(0);
    connection.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      // RFC 1035 4.2.2: each message is preceded by its two-byte length.
      while (buffered.length >= 2) {
        const length = buffered.readUInt16BE(0);
        if (buffered.length < 2 + length) break;
        const message = buffered.subarray(2, 2 + length);
        buffered = buffered.subarray(2 + length);
        const query = decodeQuery(message);
        if (!query) continue;
        const encoded = dnsPacket.encode(respond(query, store, settings));
        const frame = Buffer.alloc(2 + encoded.length);
        frame.writeUInt16BE(encoded.length, 0);
        encoded.copy(frame, 2);
        connection.write(frame);
      }
    });
  };

  // Port 0: take a free TCP port, then claim the same number for UDP; retry if UDP lost a race.
  for (let attempt = 0; ; attempt++) {
    const tcp = createServer(handleTcpConnection);
    const udp = createSocket({ type: family });
    try {
      const port = await listenTcp(tcp, options.host, options.port);
      await bindUdp(udp, options.host, port);
      udp.on('error', () => undefined);
      udp.on('message', (message, remote) => {
        const query = decodeQuery(message);
        if (!query) return;
        udp.send(encodeForUdp(respond(query, store, settings), query), remote.port, remote.address);
      });
      return {
        host: options.host,
        port,
        stop: async () => {
          for (const connection of connections) connection.destroy();
          await Promise.all([closeTcp(tcp), new Promise<void>((resolve) => udp.close(() => resolve()))]);
        },
      };
    } catch (error) {
      try {
        udp.close();
      } catch {
        // never bound: nothing to close
      }
      if (tcp.listening) await closeTcp(tcp);
      if (options.port !== 0 || attempt >= 5) throw error;
    }
  }
}
