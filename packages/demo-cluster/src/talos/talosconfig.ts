/**
 * Renders a talosconfig file (the client configuration `talosctl` and the portal read), in
 * the format of upstream pkg/machinery/client/config: a current `context` and a map of
 * `contexts`, each with endpoints, optional nodes, and the CA, client certificate and key
 * as standard base64 of their PEM text. Also parses one back (the portal and tests read it).
 */
import { parse, stringify } from 'yaml';

/** What goes into one talosconfig context. */
export interface TalosconfigOptions {
  /** Context name, also the current context. */
  context: string;
  /** apid addresses to connect to, `host` or `host:port` (talosctl adds :50000 when absent). */
  endpoints: string[];
  /** Default target nodes (the `node` metadata); may be empty. */
  nodes?: string[];
  /** Talos OS CA certificate (PEM). */
  caPem: string;
  /** Client certificate (PEM) whose Organization carries the role, e.g. `os:admin`. */
  clientCertPem: string;
  clientKeyPem: string;
}

/** The parsed shape of a talosconfig, as far as the demo cluster and the portal use it. */
export interface TalosconfigDocument {
  context: string;
  contexts: Record<
    string,
    { endpoints: string[]; nodes?: string[]; ca: string; crt: string; key: string }
  >;
}

function base64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64');
}

/** Returns the talosconfig YAML for a single context. */
export function renderTalosconfig(options: TalosconfigOptions): string {
  // Key order as talosctl writes it: endpoints, nodes, ca, crt, key.
  const entry: TalosconfigDocument['contexts'][string] = {
    endpoints: [...options.endpoints],
    ...(options.nodes && options.nodes.length > 0 ? { nodes: [...options.nodes] } : {}),
    ca: base64(options.caPem),
    crt: base64(options.clientCertPem),
    key: base64(options.clientKeyPem),
  };
  const document: TalosconfigDocument = { context: options.context, contexts: { [options.context]: entry } };
  return stringify(document, { lineWidth: 0 });
}

/** The credentials and addresses of one talosconfig context, PEMs decoded. */
export interface TalosconfigCredentials {
  endpoints: string[];
  nodes: string[];
  caPem: string;
  clientCertPem: string;
  clientKeyPem: string;
}

/** Reads a talosconfig and returns the named (default: current) context's credentials. */
export function parseTalosconfig(yamlText: string, contextName?: string): TalosconfigCredentials {
  const document = parse(yamlText) as Partial<TalosconfigDocument> | null;
  const name = contextName ?? document?.context;
  const entry = name ? document?.contexts?.[name] : undefined;
  if (!name || !entry) throw new Error(`talosconfig has no context ${JSON.stringify(name ?? '')}`);
  const decode = (field: 'ca' | 'crt' | 'key'): string => {
    const value = entry[field];
    if (typeof value !== 'string' || value.length === 0) throw new Error(`talosconfig context ${name} has no ${field}`);
    return Buffer.from(value, 'base64').toString('utf8');
  };
  return {
    endpoints: entry.endpoints ?? [],
    nodes: entry.nodes ?? [],
    caPem: decode('ca'),
    clientCertPem: decode('crt'),
    clientKeyPem: decode('key'),
  };
}
