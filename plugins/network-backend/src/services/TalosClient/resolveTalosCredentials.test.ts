import { stringify as stringifyYaml } from 'yaml';
import { resolveTalosCredentials } from './resolveTalosCredentials';
import { TalosClientError } from './TalosClientError';
import { base64Pem, generateTestPki, TestPki } from './testing/testPki';

let pki: TestPki;
beforeAll(() => {
  pki = generateTestPki();
});

function talosconfig(
  context: Record<string, unknown>,
  current = 'lab',
): string {
  return stringifyYaml({ context: current, contexts: { lab: context } });
}

function validContext(): Record<string, unknown> {
  return {
    endpoints: [
      '192.168.1.10',
      '192.168.1.11:50001',
      '[fd00::1]:50000',
      'fd00::2',
    ],
    nodes: ['192.168.1.10', '192.168.1.20'],
    ca: base64Pem(pki.otherCa.certPem),
    crt: base64Pem(pki.otherClient.certPem),
    key: base64Pem(pki.otherClient.keyPem),
  };
}

/** Resolves with a talosconfig read from memory (the path exists only in messages). */
function resolveWith(
  file: string | undefined,
  access: Record<string, unknown> = {},
) {
  return resolveTalosCredentials(
    {
      ...(file !== undefined ? { talosconfigPath: '/etc/talos/config' } : {}),
      ...access,
    },
    'lab',
    () => {
      if (file === undefined) throw new Error('no file');
      return file;
    },
  );
}

function errorOf(action: () => unknown): TalosClientError {
  try {
    action();
  } catch (error) {
    if (error instanceof TalosClientError) return error;
    throw error;
  }
  throw new Error('expected a TalosClientError');
}

describe('resolveTalosCredentials', () => {
  it('reads the current context: endpoints (port 50000 when absent), nodes and decoded PEMs', () => {
    const credentials = resolveWith(talosconfig(validContext()));
    expect(credentials.context).toBe('lab');
    expect(credentials.endpoints.map(endpoint => endpoint.target)).toEqual([
      '192.168.1.10:50000',
      '192.168.1.11:50001',
      '[fd00::1]:50000',
      '[fd00::2]:50000',
    ]);
    expect(credentials.nodes).toEqual(['192.168.1.10', '192.168.1.20']);
    expect(credentials.caPem).toBe(pki.otherCa.certPem);
    expect(credentials.keyPem).toBe(pki.otherClient.keyPem);
    expect(credentials.origin.crt).toBe(
      'talosconfig /etc/talos/config (context lab) field "crt"',
    );
  });

  it('lets config values replace the file context fields, PEM text accepted as is', () => {
    const credentials = resolveWith(talosconfig(validContext()), {
      endpoints: ['127.0.0.1:50000'],
      nodes: [],
      crt: pki.otherClient.certPem,
    });
    expect(credentials.endpoints.map(endpoint => endpoint.target)).toEqual([
      '127.0.0.1:50000',
    ]);
    expect(credentials.nodes).toEqual([]);
    expect(credentials.certPem).toBe(pki.otherClient.certPem);
    expect(credentials.origin).toMatchObject({
      endpoints: 'network.clusters.lab.talos.endpoints',
      crt: 'network.clusters.lab.talos.crt',
      key: 'talosconfig /etc/talos/config (context lab) field "key"',
    });
  });

  it('works from config values alone', () => {
    const { endpoints, ca, crt, key } = validContext();
    const credentials = resolveWith(undefined, { endpoints, ca, crt, key });
    expect(credentials.context).toBe('config');
    expect(credentials.origin.ca).toBe('network.clusters.lab.talos.ca');
  });

  it.each([
    [
      'ca',
      'not base64 at all!',
      'talosconfig /etc/talos/config (context lab) field "ca" is not valid base64 (expected base64 of a PEM certificate)',
    ],
    [
      'crt',
      'QUJD',
      'talosconfig /etc/talos/config (context lab) field "crt" does not hold a PEM certificate',
    ],
    [
      'key',
      base64Pem(
        '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n',
      ),
      'talosconfig /etc/talos/config (context lab) field "key" holds a PEM private key that does not parse',
    ],
    [
      'crt',
      base64Pem(
        '-----BEGIN CERTIFICATE-----\nnot-a-cert\n-----END CERTIFICATE-----\n',
      ),
      'talosconfig /etc/talos/config (context lab) field "crt" holds a PEM certificate that does not parse',
    ],
  ])(
    'refuses a garbage %s with the field named (%s)',
    (field, value, message) => {
      const error = errorOf(() =>
        resolveWith(talosconfig({ ...validContext(), [field]: value })),
      );
      expect(error.kind).toBe('bad-config');
      expect(error.context.field).toBe(
        `talosconfig /etc/talos/config (context lab) field "${field}"`,
      );
      expect(error.message.startsWith(message)).toBe(true);
    },
  );

  it.each(['ca', 'crt', 'key'])(
    'reports a missing %s as certificate-missing',
    field => {
      const context = validContext();
      delete context[field];
      const error = errorOf(() => resolveWith(talosconfig(context)));
      expect(error.kind).toBe('certificate-missing');
      expect(error.message).toMatch(
        new RegExp(
          `^talosconfig /etc/talos/config \\(context lab\\) field "${field}" is missing`,
        ),
      );
    },
  );

  it('refuses a talosconfig without endpoints, with a bad endpoint, or without the context', () => {
    expect(
      errorOf(() =>
        resolveWith(talosconfig({ ...validContext(), endpoints: [] })),
      ).message,
    ).toBe(
      'talosconfig /etc/talos/config (context lab) field "endpoints" lists no endpoints (the apid addresses to connect to)',
    );
    expect(
      errorOf(() =>
        resolveWith(
          talosconfig({ ...validContext(), endpoints: ['10.0.0.1:99999'] }),
        ),
      ).message,
    ).toBe(
      'talosconfig /etc/talos/config (context lab) field "endpoints" has an endpoint that is not host or host:port: "10.0.0.1:99999"',
    );
    expect(
      errorOf(() => resolveWith(talosconfig(validContext(), 'prod'))).message,
    ).toBe(
      'talosconfig /etc/talos/config has no context "prod" (contexts: lab); set network.clusters.lab.talos.context or the file\'s "context"',
    );
    expect(
      errorOf(() => resolveWith(undefined, { talosconfigPath: '/nope' })),
    ).toMatchObject({
      kind: 'bad-config',
      message:
        'cannot read the talosconfig /nope (network.clusters.lab.talos.talosconfigPath): no file',
    });
  });
});
