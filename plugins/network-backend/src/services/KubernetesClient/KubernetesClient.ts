import https from 'node:https';
import { URL } from 'node:url';

/** How to reach one cluster's API server; credentials stay in the backend. */
export interface KubernetesConnection {
  /** Cluster name (config or kubeconfig). */
  name: string;
  /** API server base URL, e.g. https://127.0.0.1:6443. */
  url: string;
  /** Bearer token (service account). */
  token?: string;
  /** PEM or base64-encoded PEM of the CA that signed the API server certificate. */
  caData?: string;
  /** Accept any server certificate (test clusters only). */
  skipTLSVerify?: boolean;
}

/** An answer from the API server that was not a success, with the Status reason when one came back. */
export class KubernetesApiError extends Error {
  /** HTTP status code, or 0 when no answer arrived (connection refused, timeout). */
  readonly statusCode: number;
  /** Kubernetes Status reason, e.g. `NotFound`, `Expired`. */
  readonly reason?: string;

  /** `details.causes` of the Status, e.g. one `FieldManagerConflict` per conflicting field of an apply. */
  readonly causes?: StatusCause[];

  constructor(message: string, statusCode: number, reason?: string, causes?: StatusCause[]) {
    super(message);
    this.name = 'KubernetesApiError';
    this.statusCode = statusCode;
    this.reason = reason;
    this.causes = causes;
  }
}

/** One cause of a failed request, as a Kubernetes Status lists it (metav1.StatusCause). */
export interface StatusCause {
  /** The cause type (its JSON key is `reason`), e.g. `FieldManagerConflict`, `FieldValueInvalid`. */
  reason?: string;
  /** e.g. `conflict with "helm" using cilium.io/v2alpha1`. */
  message?: string;
  /** e.g. `.spec.blocks`. */
  field?: string;
}

/** Names one object: enough to find its REST path through discovery. */
export interface ObjectLocator {
  apiVersion: string;
  kind: string;
  /** Absent for cluster-scoped kinds (ignored for them if given). */
  namespace?: string;
  name: string;
}

/** An object to apply: a manifest with at least apiVersion, kind and metadata.name. */
export interface ApplyManifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; [field: string]: unknown };
  [field: string]: unknown;
}

/** Options of a server-side apply. */
export interface ApplyOptions {
  /** Who owns the applied fields, e.g. `pathway-network`. */
  fieldManager: string;
  /** `dryRun=All`: the server validates, merges and answers with the result but stores nothing. */
  dryRun?: boolean;
  /** Take over fields other managers own instead of failing with a conflict. */
  force?: boolean;
}

/** A kind's resource as discovery describes it. */
interface DiscoveredResource {
  /** Plural, e.g. `ciliumloadbalancerippools`. */
  name: string;
  kind: string;
  namespaced: boolean;
}

/** A watch event as the API server streams it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/** Callbacks of one watch stream. */
export interface WatchHandlers {
  /** Called once when the server accepted the watch (a 200 answer), before any event. */
  onOpen?(): void;
  onEvent(event: WatchEvent): void;
  /** Called once when the stream ends: without an error for a normal end (server timeout). */
  onClose(error?: Error): void;
}

/** A running watch; `stop()` ends it without calling `onClose` with an error. */
export interface WatchHandle {
  stop(): void;
}

/** The result of a paginated list. */
export interface ListResult {
  items: any[];
  /** The list's resourceVersion, the point a watch continues from. */
  resourceVersion: string;
}

/** Options of {@link KubernetesClient}. */
export interface KubernetesClientOptions {
  /** Timeout of a single non-watch request. */
  requestTimeoutMs?: number;
  /** Page size of list requests. */
  pageSize?: number;
  /** Seconds the server should keep a watch open before ending it normally. */
  watchTimeoutSeconds?: number;
}

function decodeCa(caData: string | undefined): string | undefined {
  if (!caData) return undefined;
  if (caData.includes('-----BEGIN')) return caData;
  return Buffer.from(caData, 'base64').toString('utf8');
}

/** What the cache needs from a Kubernetes client; tests provide their own. */
export interface KubernetesReader {
  getJson(path: string): Promise<any>;
  list(path: string, mapItem?: (item: any) => any): Promise<ListResult>;
  watch(path: string, resourceVersion: string, handlers: WatchHandlers): WatchHandle;
  close(): void;
}

/**
 * A small read-only Kubernetes API client over Node's https: JSON GETs, paginated lists and
 * newline-delimited watch streams. Kept to what the cache needs so tests can run it against
 * the demo cluster or a plain https server.
 */
export class KubernetesClient implements KubernetesReader {
  readonly connection: KubernetesConnection;
  private readonly agent: https.Agent;
  private readonly requestTimeoutMs: number;
  private readonly pageSize: number;
  private readonly watchTimeoutSeconds: number;
  /** Discovery per group/version, read on first use (`resourcePath`). */
  private readonly discovered = new Map<string, Promise<DiscoveredResource[]>>();

  constructor(connection: KubernetesConnection, options: KubernetesClientOptions = {}) {
    this.connection = connection;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.pageSize = options.pageSize ?? 500;
    this.watchTimeoutSeconds = options.watchTimeoutSeconds ?? 300;
    this.agent = new https.Agent({
      keepAlive: true,
      // Each informer holds one watch open; lists and discovery need a few more.
      maxSockets: 64,
      ca: decodeCa(connection.caData),
      rejectUnauthorized: !connection.skipTLSVerify,
    });
  }

  /** GETs a path and parses the JSON answer; non-2xx answers throw {@link KubernetesApiError}. */
  getJson(path: string): Promise<any> {
    return new Promise((resolve, reject) => {
      const req = https.request(this.requestOptions(path), res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(statusError(status, text, path));
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new KubernetesApiError(`GET ${path}: answer is not JSON`, status));
          }
        });
        res.on('error', reject);
      });
      req.setTimeout(this.requestTimeoutMs, () => {
        req.destroy(new KubernetesApiError(`GET ${path}: timed out after ${this.requestTimeoutMs} ms`, 0));
      });
      req.on('error', error =>
        reject(error instanceof KubernetesApiError ? error : new KubernetesApiError(`GET ${path}: ${error.message}`, 0)),
      );
      req.end();
    });
  }

  /**
   * Lists a collection page by page (limit/continue) and returns every item and the list's
   * resourceVersion. `mapItem` runs per page, so large lists never sit in memory untrimmed.
   */
  async list(path: string, mapItem?: (item: any) => any): Promise<ListResult> {
    const items: any[] = [];
    let continueToken: string | undefined;
    let resourceVersion = '';
    do {
      const query = new URLSearchParams({ limit: String(this.pageSize) });
      if (continueToken) query.set('continue', continueToken);
      const page = await this.getJson(withQuery(path, query));
      for (const item of page.items ?? []) items.push(mapItem ? mapItem(item) : item);
      // The first page's version is the snapshot the continue tokens belong to.
      resourceVersion ||= page.metadata?.resourceVersion ?? '';
      continueToken = page.metadata?.continue || undefined;
    } while (continueToken);
    return { items, resourceVersion };
  }

  /**
   * Watches a collection from a resourceVersion with bookmarks. Events arrive one JSON object
   * per line; an `ERROR` event is passed on as is (the caller decides, e.g. re-list on 410).
   */
  watch(path: string, resourceVersion: string, handlers: WatchHandlers): WatchHandle {
    const query = new URLSearchParams({
      watch: '1',
      allowWatchBookmarks: 'true',
      timeoutSeconds: String(this.watchTimeoutSeconds),
    });
    if (resourceVersion) query.set('resourceVersion', resourceVersion);
    const fullPath = withQuery(path, query);
    let closed = false;
    const close = (error?: Error) => {
      if (closed) return;
      closed = true;
      handlers.onClose(error);
    };
    const req = https.request(this.requestOptions(fullPath), res => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => close(statusError(status, Buffer.concat(chunks).toString('utf8'), path)));
        return;
      }
      // Idle watches are normal; only the connection phase has a timeout.
      req.setTimeout(0);
      handlers.onOpen?.();
      res.setEncoding('utf8');
      let buffered = '';
      res.on('data', (chunk: string) => {
        buffered += chunk;
        let newline = buffered.indexOf('\n');
        while (newline >= 0) {
          const line = buffered.slice(0, newline).trim();
          buffered = buffered.slice(newline + 1);
          if (line) {
            let event: WatchEvent;
            try {
              event = JSON.parse(line);
            } catch {
              req.destroy();
              close(new KubernetesApiError(`watch ${path}: malformed event line`, status));
              return;
            }
            if (!closed) handlers.onEvent(event);
          }
          newline = buffered.indexOf('\n');
        }
      });
      res.on('end', () => close());
      res.on('error', error => close(error));
      res.on('aborted', () => close(new KubernetesApiError(`watch ${path}: connection aborted`, 0)));
    });
    req.setTimeout(this.requestTimeoutMs, () => {
      req.destroy(new KubernetesApiError(`watch ${path}: no answer after ${this.requestTimeoutMs} ms`, 0));
    });
    req.on('error', error =>
      close(error instanceof KubernetesApiError ? error : new KubernetesApiError(`watch ${path}: ${error.message}`, 0)),
    );
    req.end();
    return {
      stop: () => {
        closed = true;
        req.destroy();
      },
    };
  }

  /** Closes idle keep-alive sockets. */
  close(): void {
    this.agent.destroy();
  }

  /**
   * The REST path of an object (or, without a name, of its collection), from discovery:
   * `/apis/<group>/<version>/[namespaces/<ns>/]<plural>[/<name>]`. The plural and the scope come
   * from the server, so CRDs need no table here. A kind the server does not serve throws a 404
   * {@link KubernetesApiError} saying so (e.g. the CRD is not installed).
   */
  async resourcePath(ref: Omit<ObjectLocator, 'name'> & { name?: string }): Promise<string> {
    const resource = await this.discoverKind(ref.apiVersion, ref.kind);
    const base = ref.apiVersion.includes('/') ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    if (resource.namespaced && !ref.namespace) {
      throw new KubernetesApiError(`${ref.kind} '${ref.name ?? ''}' is namespaced but has no namespace`, 400, 'BadRequest');
    }
    const scope = resource.namespaced ? `/namespaces/${encodeURIComponent(ref.namespace!)}` : '';
    const name = ref.name ? `/${encodeURIComponent(ref.name)}` : '';
    return `${base}${scope}/${resource.name}${name}`;
  }

  /** GETs one object; undefined when it does not exist (404). */
  async get(ref: ObjectLocator): Promise<any | undefined> {
    const path = await this.resourcePath(ref);
    try {
      return await this.getJson(path);
    } catch (error) {
      if (error instanceof KubernetesApiError && error.statusCode === 404) return undefined;
      throw error;
    }
  }

  /**
   * Server-side apply (`PATCH` as `application/apply-patch+yaml`; JSON is YAML) under a field
   * manager, optionally as a dry run. Returns the object as the server stored it (or would
   * have). A conflict with another manager's fields is a 409 {@link KubernetesApiError} whose
   * `causes` name the manager and the fields.
   */
  async apply(manifest: ApplyManifest, options: ApplyOptions): Promise<any> {
    const path = await this.resourcePath({
      apiVersion: manifest.apiVersion,
      kind: manifest.kind,
      namespace: manifest.metadata.namespace,
      name: manifest.metadata.name,
    });
    const query = new URLSearchParams({ fieldManager: options.fieldManager });
    if (options.dryRun) query.set('dryRun', 'All');
    if (options.force) query.set('force', 'true');
    return this.sendJson('PATCH', withQuery(path, query), manifest, 'application/apply-patch+yaml');
  }

  /** Sends a request with a JSON body and parses the JSON answer; non-2xx answers throw. */
  private sendJson(method: string, path: string, body: unknown, contentType: string): Promise<any> {
    const payload = Buffer.from(JSON.stringify(body), 'utf8');
    return new Promise((resolve, reject) => {
      const options = this.requestOptions(path);
      options.method = method;
      options.headers = { ...options.headers, 'Content-Type': contentType, 'Content-Length': String(payload.length) };
      const req = https.request(options, res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            reject(statusError(status, text, path, method));
            return;
          }
          try {
            resolve(JSON.parse(text));
          } catch {
            reject(new KubernetesApiError(`${method} ${path}: answer is not JSON`, status));
          }
        });
        res.on('error', reject);
      });
      req.setTimeout(this.requestTimeoutMs, () => {
        req.destroy(new KubernetesApiError(`${method} ${path}: timed out after ${this.requestTimeoutMs} ms`, 0));
      });
      req.on('error', error =>
        reject(error instanceof KubernetesApiError ? error : new KubernetesApiError(`${method} ${path}: ${error.message}`, 0)),
      );
      req.end(payload);
    });
  }

  /** The resource serving a kind; re-reads discovery once on a miss (a CRD may have arrived since). */
  private async discoverKind(apiVersion: string, kind: string): Promise<DiscoveredResource> {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt > 0 || !this.discovered.has(apiVersion)) {
        const path = apiVersion.includes('/') ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
        const loading = this.getJson(path).then(
          list =>
            (list.resources ?? [])
              // Subresources (`pods/exec`) share the kind of their parent.
              .filter((resource: any) => typeof resource.name === 'string' && !resource.name.includes('/'))
              .map((resource: any) => ({ name: resource.name, namespaced: Boolean(resource.namespaced), kind: resource.kind })),
          error => {
            if (error instanceof KubernetesApiError && error.statusCode === 404) return [];
            throw error;
          },
        );
        this.discovered.set(apiVersion, loading);
        loading.catch(() => this.discovered.delete(apiVersion));
      }
      const resources = await this.discovered.get(apiVersion)!;
      const found = resources.find(resource => resource.kind === kind);
      if (found) return found;
    }
    throw new KubernetesApiError(`${apiVersion} ${kind} is not served by the cluster (is its CRD installed?)`, 404, 'NotFound');
  }

  private requestOptions(path: string): https.RequestOptions {
    const base = new URL(this.connection.url);
    const basePath = base.pathname.replace(/\/$/, '');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.connection.token) headers.Authorization = `Bearer ${this.connection.token}`;
    return {
      protocol: base.protocol,
      hostname: base.hostname.replace(/^\[|\]$/g, ''),
      port: base.port || 443,
      path: `${basePath}${path}`,
      method: 'GET',
      headers,
      agent: this.agent,
    };
  }
}

function withQuery(path: string, query: URLSearchParams): string {
  return `${path}${path.includes('?') ? '&' : '?'}${query.toString()}`;
}

function statusError(status: number, body: string, path: string, method = 'GET'): KubernetesApiError {
  let reason: string | undefined;
  let causes: StatusCause[] | undefined;
  let message = `${method} ${path}: HTTP ${status}`;
  try {
    const parsed = JSON.parse(body);
    reason = parsed.reason;
    causes = Array.isArray(parsed.details?.causes) ? parsed.details.causes : undefined;
    if (parsed.message) message = `${message}: ${parsed.message}`;
  } catch {
    // Not a Status object; the status code says enough.
  }
  return new KubernetesApiError(message, status, reason, causes);
}
