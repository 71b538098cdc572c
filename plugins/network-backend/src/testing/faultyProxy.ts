import net from 'node:net';

/** A loopback TCP proxy whose faults a test turns on and off. */
export interface FaultyProxy {
  /** The port it listens on (127.0.0.1). */
  port: number;
  /** Destroys every open connection in both directions (a network cut or an LB reset). */
  cutAll(): void;
  /** Holds every chunk from the server this long before passing it on (0: no delay). */
  setResponseDelayMs(ms: number): void;
  /** While false, new connections are closed at once (the target looks down). */
  setAccepting(accepting: boolean): void;
  /** Connections open right now. */
  openConnections(): number;
  /** The most connections that were open at once since the last `resetPeak()`. */
  peakConnections(): number;
  resetPeak(): void;
  /** Connections accepted and forwarded since start. */
  acceptedConnections(): number;
  close(): Promise<void>;
}

/**
 * Starts a TCP proxy on 127.0.0.1 in front of `target` (a loopback address). It works below
 * TLS, so clients keep verifying the real server's certificate; the proxy only sees bytes.
 */
export async function startFaultyProxy(target: { host: string; port: number }): Promise<FaultyProxy> {
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  let responseDelayMs = 0;
  let accepting = true;
  let peak = 0;
  let accepted = 0;

  const server = net.createServer(client => {
    if (!accepting) {
      client.destroy();
      return;
    }
    accepted += 1;
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    peak = Math.max(peak, pairs.size);
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close);
    upstream.on('error', close);
    client.on('close', close);
    upstream.on('close', close);
    client.on('data', chunk => upstream.write(chunk));
    upstream.on('data', chunk => {
      // The delay is read per chunk, so a change applies to streams already open.
      if (responseDelayMs === 0) client.write(chunk);
      else {
        // Order is kept: every chunk waits the same time, and timers of equal delay fire in order.
        setTimeout(() => {
          if (!client.destroyed) client.write(chunk);
        }, responseDelayMs);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as net.AddressInfo).port,
    cutAll: () => {
      for (const pair of [...pairs]) {
        pair.client.destroy();
        pair.upstream.destroy();
        pairs.delete(pair);
      }
    },
    setResponseDelayMs: ms => {
      responseDelayMs = ms;
    },
    setAccepting: value => {
      accepting = value;
    },
    openConnections: () => pairs.size,
    peakConnections: () => peak,
    resetPeak: () => {
      peak = pairs.size;
    },
    acceptedConnections: () => accepted,
    close: async () => {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.upstream.destroy();
      }
      pairs.clear();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
