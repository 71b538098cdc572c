import { createPrivateKey, X509Certificate } from 'node:crypto';
import { TalosClientError } from './TalosClientError';

/** Which PEM a talosconfig field holds. */
export type PemFieldKind = 'certificate' | 'private-key';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/**
 * Decodes a talosconfig `ca` / `crt` / `key` value (standard base64 of PEM; PEM text is taken
 * as is) and proves it parses, so garbage is refused with the field named before any
 * connection is tried. `origin` names the field in messages.
 */
export function decodePemField(
  value: string,
  kind: PemFieldKind,
  origin: string,
): string {
  const trimmed = value.trim();
  let pem: string;
  if (trimmed.startsWith('-----BEGIN')) {
    pem = value;
  } else {
    const compact = trimmed.replace(/\s+/g, '');
    // Buffer.from(_, 'base64') skips characters it does not know, so check the alphabet first.
    if (
      compact.length === 0 ||
      compact.length % 4 !== 0 ||
      !BASE64.test(compact)
    ) {
      throw new TalosClientError(
        'bad-config',
        `${origin} is not valid base64 (expected base64 of a PEM ${describe(
          kind,
        )})`,
        {
          field: origin,
        },
      );
    }
    pem = Buffer.from(compact, 'base64').toString('utf8');
  }
  const marker =
    kind === 'certificate'
      ? /-----BEGIN CERTIFICATE-----/
      : /-----BEGIN [A-Z ]*PRIVATE KEY-----/;
  if (!marker.test(pem)) {
    throw new TalosClientError(
      'bad-config',
      `${origin} does not hold a PEM ${describe(kind)}`,
      { field: origin },
    );
  }
  try {
    // Parsing is the check; the parsed objects are not needed.
    if (kind === 'certificate') void new X509Certificate(pem).subject;
    else createPrivateKey(pem);
  } catch (error) {
    throw new TalosClientError(
      'bad-config',
      `${origin} holds a PEM ${describe(kind)} that does not parse: ${
        (error as Error).message
      }`,
      {
        field: origin,
      },
    );
  }
  return pem;
}

function describe(kind: PemFieldKind): string {
  return kind === 'certificate' ? 'certificate' : 'private key';
}
