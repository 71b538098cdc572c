import https from 'node:https';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';

/** One cluster of the Kubernetes plugin's config (`kubernetes.clusterLocatorMethods`, type config). */
export interface ClusterConnection {
  name: string;
  url: string;
  token?: string;
  caData?: string;
  skipTLSVerify?: boolean;
}

/** The answer of the API server to a request. */
export interface ClusterApiResponse {
  status: number;
  body: any;
}

/** A failed apply or dry-run: the API server's Status message and the object it was about. */
export class ClusterApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'ClusterApiError';
  }
}

/** The REST path of an object kind (plural resource names the wizard renders). */
const RESOURCES: Record<string, string> = {
  Deployment: 'deployments',
  Service: 'services',
  HTTPRoute: 'httproutes',
  Ingress: 'ingresses',
  Certificate: 'certificates',
  DNSEndpoint: 'dnsendpoints',
  NetworkPolicy: 'networkpolicies',
  CiliumNetworkPolicy: 'ciliumnetworkpolicies',
  Namespace: 'namespaces',
};

/** The API path of a manifest (`/apis/<group>/<version>/namespaces/<ns>/<plural>/<name>`). */
export function objectPath(manifest: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  const resource = RESOURCES[manifest.kind];
  if (!resource) throw new Error(`No API path known for kind ${manifest.kind}`);
  const prefix = manifest.apiVersion.includes('/')
    ? `/apis/${manifest.apiVersion}`
    : `/api/${manifest.apiVersion}`;
  const namespace = manifest.metadata.namespace
    ? `/namespaces/${encodeURIComponent(manifest.metadata.namespace)}`
    : '';
  return `${prefix}${namespace}/${resource}/${encodeURIComponent(
    manifest.metadata.name,
  )}`;
}

/**
 * Direct access to a cluster's API server with the credentials of the Kubernetes plugin's
 * config (service account token, CA data), for what the network backend's read model does
 * not serve: single objects, server-side dry-run and apply. Credentials stay in the backend.
 */
export class ClusterApi {
  static fromConfig(config: Config): ClusterApi {
    const connections: ClusterConnection[] = [];
    for (const method of config.getOptionalConfigArray(
      'kubernetes.clusterLocatorMethods',
    ) ?? []) {
      if (method.getString('type') !== 'config') continue;
      for (const cluster of method.getOptionalConfigArray('clusters') ?? []) {
        connections.push({
          name: cluster.getString('name'),
          url: cluster.getString('url'),
          token: cluster.getOptionalString('serviceAccountToken'),
          caData: cluster.getOptionalString('caData'),
          skipTLSVerify: cluster.getOptionalBoolean('skipTLSVerify'),
        });
      }
    }
    return new ClusterApi(connections);
  }

  constructor(private readonly connections: ClusterConnection[]) {}

  /** Names of the configured clusters, in config order. */
  clusterNames(): string[] {
    return this.connections.map(connection => connection.name);
  }

  /** The object at `path`, or undefined when the server answers 404. */
  async get(cluster: string, path: string): Promise<any | undefined> {
    const response = await this.request(cluster, 'GET', path);
    if (response.status === 404) return undefined;
    if (response.status >= 400) throw toError(response);
    return response.body;
  }

  /**
   * Server-side apply of one manifest (`fieldManager`, `force` so the wizard's manager
   * takes over fields it owns). With `dryRun` the server validates and admits the object
   * without storing it: `kubectl apply --server-side --dry-run=server`.
   */
  async apply(
    cluster: string,
    manifest: {
      apiVersion: string;
      kind: string;
      metadata: { name: string; namespace?: string };
    },
    options: { fieldManager: string; dryRun: boolean },
  ): Promise<any> {
    const query = new URLSearchParams({
      fieldManager: options.fieldManager,
      force: 'true',
    });
    if (options.dryRun) query.set('dryRun', 'All');
    const response = await this.request(
      cluster,
      'PATCH',
      `${objectPath(manifest)}?${query}`,
      JSON.stringify(manifest),
      'application/apply-patch+yaml',
    );
    if (response.status >= 400) throw toError(response);
    return response.body;
  }

  private connection(cluster: string): ClusterConnection {
    const connection = this.connections.find(
      candidate => candidate.name === cluster,
    );
    if (!connection)
      throw new NotFoundError(`Cluster '${cluster}' is not configured`);
    return connection;
  }

  private request(
    cluster: string,
    method: string,
    path: string,
    body?: string,
    contentType?: string,
  ): Promise<ClusterApiResponse> {
    const connection = this.connection(cluster);
    const url = new URL(path, connection.url);
    return new Promise((resolve, reject) => {
      const request = https.request(
        url,
        {
          method,
          headers: {
            Accept: 'application/json',
            ...(connection.token
              ? { Authorization: `Bearer ${connection.token}` }
              : {}),
            ...(body !== undefined
              ? { 'Content-Type': contentType ?? 'application/json' }
              : {}),
          },
          ca: connection.caData
            ? Buffer.from(connection.caData, 'base64').toString('utf8')
            : undefined,
          rejectUnauthorized: !connection.skipTLSVerify,
          timeout: 10_000,
        },
        response => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', chunk => {
            text += chunk;
          });
          response.on('end', () => {
            let parsed: any = text;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              // Keep the text: error pages from proxies are not JSON.
            }
            resolve({ status: response.statusCode ?? 0, body: parsed });
          });
        },
      );
      request.on('timeout', () =>
        request.destroy(new Error(`Request to cluster '${cluster}' timed out`)),
      );
      request.on('error', reject);
      request.end(body);
    });
  }
}

function toError(response: ClusterApiResponse): ClusterApiError {
  const message =
    typeof response.body === 'object' && response.body?.message
      ? String(response.body.message)
      : `HTTP ${response.status}`;
  return new ClusterApiError(message, response.status, response.body?.reason);
}
