import { isIP } from 'node:net';
import tls from 'node:tls';
import { TalosEndpoint } from './talosEndpoint';

/** The probe's text when the server hangs up right after the handshake. */
export const CLIENT_CERTIFICATE_REFUSED =
  'the endpoint closed the connection right after the TLS handshake: it refused the client certificate';

/** What a bare mutual-TLS handshake with an endpoint showed. */
export type TlsProbeResult = { ok: true } | { ok: false; error: string };

/**
 * Opens a mutual-TLS connection to an endpoint and reports why it fails, if it does.
 * grpc-js reports every failed connection as "Failed to connect"; this tells a refused port
 * from a server certificate of another CA or a node that refuses our client certificate
 * (TLS 1.3 sends that alert after the handshake, so the connection is watched a little longer).
 */
export function probeTlsHandshake(
  endpoint: TalosEndpoint,
  credentials: { caPem: string; certPem: string; keyPem: string },
  timeoutMs: number,
): Promise<TlsProbeResult> {
  return new Promise(resolve => {
    const socket = tls.connect({
      host: endpoint.host,
      port: endpoint.port,
      ca: credentials.caPem,
      cert: credentials.certPem,
      key: credentials.keyPem,
      ALPNProtocols: ['h2'],
      // SNI must not be an IP address (RFC 6066).
      ...(isIP(endpoint.host) ? {} : { servername: endpoint.host }),
    });
    let settled = false;
    const finish = (result: TlsProbeResult) => {
      if (settled) return;
      settled = true;
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(timeoutMs, () =>
      finish({ ok: false, error: `no TLS handshake within ${timeoutMs} ms` }),
    );
    socket.on('error', error =>
      finish({
        ok: false,
        error: `${(error as NodeJS.ErrnoException).code ?? ''} ${
          error.message
        }`.trim(),
      }),
    );
    // Servers that refuse the client certificate may just close the connection instead of
    // sending an alert we get to read.
    socket.on('close', () =>
      finish({ ok: false, error: CLIENT_CERTIFICATE_REFUSED }),
    );
    socket.on('secureConnect', () => {
      // Speak first (the HTTP/2 preface), so a refusal arrives while we still listen.
      socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
      setTimeout(() => finish({ ok: true }), 300);
    });
  });
}
