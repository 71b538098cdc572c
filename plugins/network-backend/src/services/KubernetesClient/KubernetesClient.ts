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

  constructor(message: string, statusCode: number, reason?: string) {
    super(message);
    this.name = 'KubernetesApiError';
    this.statusCode = statusCode;
    this.reason = reason;
  }
}

/** A watch event as the API server streams it. */
export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  object: any;
}

/** Callbacks of one watch stream. */
export interface WatchHandlers {
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

function statusError(status: number, body: string, path: string): KubernetesApiError {
  let reason: string | undefined;
  let message = `GET ${path}: HTTP ${status}`;
  try {
    const parsed = JSON.parse(body);
    reason = parsed.reason;
    if (parsed.message) message = `${message}: ${parsed.message}`;
  } catch {
    // Not a Status object; the status code says enough.
  }
  return new KubernetesApiError(message, status, reason);
}
