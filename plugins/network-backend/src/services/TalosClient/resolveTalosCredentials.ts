import fs from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { TalosAccess } from '../ClusterRegistry/ClusterRegistry';
import { decodePemField } from './decodePemField';
import { TalosClientError } from './TalosClientError';
import { parseTalosEndpoint, TalosEndpoint } from './talosEndpoint';

/** The talosconfig fields the client uses. */
export type TalosconfigField = 'endpoints' | 'nodes' | 'ca' | 'crt' | 'key';

/** Everything needed to open mutual-TLS channels to apid, decoded and checked. */
export interface TalosCredentials {
  /** The talosconfig context name (or `config` when only values are configured). */
  context: string;
  endpoints: TalosEndpoint[];
  /** Default target nodes; may be empty (calls then run on the endpoint node). */
  nodes: string[];
  caPem: string;
  certPem: string;
  keyPem: string;
  /** Where each field came from, for messages: `talosconfig <path> (context <name>) field "crt"`. */
  origin: Record<TalosconfigField, string>;
}

interface TalosconfigContext {
  endpoints?: unknown;
  nodes?: unknown;
  ca?: unknown;
  crt?: unknown;
  key?: unknown;
}

/**
 * Reads the credentials of a cluster's Talos access: the talosconfig file's context (when a
 * path is set), with each field the config gives replacing the file's. Throws
 * TalosClientError naming the field: `bad-config` for unreadable or malformed values,
 * `certificate-missing` when the CA, client certificate or key is absent.
 */
export function resolveTalosCredentials(
  access: TalosAccess,
  clusterName: string,
  readFile: (path: string) => string = path => fs.readFileSync(path, 'utf8'),
): TalosCredentials {
  const configKey = (field: string) =>
    `network.clusters.${clusterName}.talos.${field}`;
  let fileContext: TalosconfigContext = {};
  let contextName = access.context ?? 'config';
  let fileOrigin = (field: string) => configKey(field);

  if (access.talosconfigPath) {
    const path = access.talosconfigPath;
    let document: any;
    try {
      document = parseYaml(readFile(path));
    } catch (error) {
      throw new TalosClientError(
        'bad-config',
        `cannot read the talosconfig ${path} (${configKey(
          'talosconfigPath',
        )}): ${(error as Error).message}`,
        {
          field: configKey('talosconfigPath'),
        },
      );
    }
    const name = access.context ?? document?.context;
    const found =
      typeof name === 'string' ? document?.contexts?.[name] : undefined;
    if (!found || typeof found !== 'object') {
      const known = Object.keys(document?.contexts ?? {}).join(', ') || 'none';
      throw new TalosClientError(
        'bad-config',
        `talosconfig ${path} has no context ${JSON.stringify(
          name ?? '',
        )} (contexts: ${known}); set ${configKey(
          'context',
        )} or the file's "context"`,
        {
          field: access.context
            ? configKey('context')
            : `talosconfig ${path} field "context"`,
        },
      );
    }
    fileContext = found;
    contextName = name;
    fileOrigin = field =>
      `talosconfig ${path} (context ${name}) field "${field}"`;
  }

  const pick = <T>(
    field: TalosconfigField,
    fromConfig: T | undefined,
  ): { value: unknown; origin: string } =>
    fromConfig !== undefined
      ? { value: fromConfig, origin: configKey(field) }
      : { value: fileContext[field], origin: fileOrigin(field) };

  const endpointsField = pick('endpoints', access.endpoints);
  const nodesField = pick('nodes', access.nodes);
  const caField = pick('ca', access.ca);
  const crtField = pick('crt', access.crt);
  const keyField = pick('key', access.key);

  const endpointTexts = stringList(endpointsField.value, endpointsField.origin);
  if (endpointTexts.length === 0) {
    throw new TalosClientError(
      'bad-config',
      `${endpointsField.origin} lists no endpoints (the apid addresses to connect to)`,
      {
        field: endpointsField.origin,
      },
    );
  }
  const endpoints = endpointTexts.map(text => {
    const endpoint = parseTalosEndpoint(text);
    if (!endpoint) {
      throw new TalosClientError(
        'bad-config',
        `${
          endpointsField.origin
        } has an endpoint that is not host or host:port: ${JSON.stringify(
          text,
        )}`,
        {
          field: endpointsField.origin,
        },
      );
    }
    return endpoint;
  });

  const pem = (
    field: { value: unknown; origin: string },
    kind: 'certificate' | 'private-key',
    what: string,
  ): string => {
    if (
      field.value === undefined ||
      field.value === null ||
      field.value === ''
    ) {
      throw new TalosClientError(
        'certificate-missing',
        `${field.origin} is missing: the talosconfig needs ${what}`,
        { field: field.origin },
      );
    }
    if (typeof field.value !== 'string') {
      throw new TalosClientError(
        'bad-config',
        `${field.origin} must be a string (base64 of PEM)`,
        { field: field.origin },
      );
    }
    return decodePemField(field.value, kind, field.origin);
  };

  return {
    context: contextName,
    endpoints,
    nodes: stringList(nodesField.value, nodesField.origin),
    caPem: pem(caField, 'certificate', 'the Talos OS CA certificate'),
    certPem: pem(
      crtField,
      'certificate',
      'a client certificate signed by the Talos OS CA',
    ),
    keyPem: pem(keyField, 'private-key', 'the client certificate key'),
    origin: {
      endpoints: endpointsField.origin,
      nodes: nodesField.origin,
      ca: caField.origin,
      crt: crtField.origin,
      key: keyField.origin,
    },
  };
}

function stringList(value: unknown, origin: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some(entry => typeof entry !== 'string')) {
    throw new TalosClientError(
      'bad-config',
      `${origin} must be a list of strings`,
      { field: origin },
    );
  }
  return value.map(entry => entry.trim()).filter(entry => entry.length > 0);
}
