/**
 * The kubeconfig the demo cluster writes: one cluster, user and context, all named `demo`,
 * with the CA inline and a bearer token.
 */
import { stringify } from 'yaml';

/** What goes into the kubeconfig. */
export interface KubeconfigOptions {
  server: string;
  caPem: string;
  token: string;
  /** Name of the cluster, user and context; default `demo`. */
  name?: string;
}

/** Renders a kubeconfig YAML document. */
export function renderKubeconfig(options: KubeconfigOptions): string {
  const name = options.name ?? 'demo';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server: options.server, 'certificate-authority-data': Buffer.from(options.caPem).toString('base64') } }],
    users: [{ name, user: { token: options.token } }],
    contexts: [{ name, context: { cluster: name, user: name, namespace: 'default' } }],
    'current-context': name,
    preferences: {},
  });
}
