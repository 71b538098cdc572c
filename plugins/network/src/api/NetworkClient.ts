import type { CompoundEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  BootstrapPlan,
  BootstrapRun,
  BootstrapRunEvent,
  CheckDescriptor,
  ClusterOverview,
  ClusterSummary,
  DiagnosticRun,
  DiagnosticRunDetail,
  DiagnosticRunEvent,
  DiagnosticSelection,
  RequestPath,
  RoutePage,
  RouteQuery,
} from '@internal/plugin-network-common';
import type { NetworkApi, RunEventHandlers } from './NetworkApi';
import { routeQueryString } from './routeQueryString';
import { SequencedEvent, subscribeToRunEvents } from './subscribeToRunEvents';

/** Reads the network backend over HTTP, signed in as the current user through `fetchApi`. */
export class NetworkClient implements NetworkApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  async getClusters(): Promise<ClusterSummary[]> {
    const body = await this.get<{ items: ClusterSummary[] }>('/clusters');
    return body.items;
  }

  async getOverview(cluster: string): Promise<ClusterOverview> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/overview`);
  }

  async getRoutes(cluster: string, query: RouteQuery = {}): Promise<RoutePage> {
    return this.get(
      `/clusters/${encodeURIComponent(cluster)}/routes${routeQueryString(
        query,
      )}`,
    );
  }

  async getRequestPath(
    entity: CompoundEntityRef,
    options?: { cluster?: string },
  ): Promise<RequestPath> {
    const path = [entity.kind, entity.namespace, entity.name]
      .map(part => encodeURIComponent(part))
      .join('/');
    const query = options?.cluster
      ? `?cluster=${encodeURIComponent(options.cluster)}`
      : '';
    return this.get(`/entities/${path}/request-path${query}`);
  }

  async getDiagnosticChecks(): Promise<CheckDescriptor[]> {
    const body = await this.get<{ items: CheckDescriptor[] }>(
      '/diagnostics/checks',
    );
    return body.items;
  }

  async startDiagnosticRun(
    cluster: string,
    selection: DiagnosticSelection,
  ): Promise<DiagnosticRun> {
    return this.post(
      `/clusters/${encodeURIComponent(cluster)}/diagnostics/runs`,
      { selection },
    );
  }

  async listDiagnosticRuns(
    cluster: string,
    options?: { limit?: number },
  ): Promise<DiagnosticRun[]> {
    const body = await this.get<{ items: DiagnosticRun[] }>(
      `/clusters/${encodeURIComponent(cluster)}/diagnostics/runs?limit=${
        options?.limit ?? 50
      }`,
    );
    return body.items;
  }

  async getDiagnosticRun(runId: string): Promise<DiagnosticRunDetail> {
    return this.get(`/diagnostics/runs/${encodeURIComponent(runId)}`);
  }

  watchDiagnosticRun(
    runId: string,
    handlers: RunEventHandlers<DiagnosticRunEvent>,
  ): () => void {
    return this.watch(
      `/diagnostics/runs/${encodeURIComponent(runId)}/events`,
      handlers,
    );
  }

  async getBootstrapPlan(cluster: string): Promise<BootstrapPlan> {
    return this.get(`/clusters/${encodeURIComponent(cluster)}/bootstrap/plan`);
  }

  async startBootstrapRun(
    cluster: string,
    planHash: string,
  ): Promise<BootstrapRun> {
    return this.post(
      `/clusters/${encodeURIComponent(cluster)}/bootstrap/runs`,
      { planHash },
    );
  }

  async listBootstrapRuns(cluster: string): Promise<BootstrapRun[]> {
    const body = await this.get<{ items: BootstrapRun[] }>(
      `/clusters/${encodeURIComponent(cluster)}/bootstrap/runs`,
    );
    return body.items;
  }

  async getBootstrapRun(runId: string): Promise<BootstrapRun> {
    return this.get(`/bootstrap/runs/${encodeURIComponent(runId)}`);
  }

  watchBootstrapRun(
    runId: string,
    handlers: RunEventHandlers<BootstrapRunEvent>,
  ): () => void {
    return this.watch(
      `/bootstrap/runs/${encodeURIComponent(runId)}/events`,
      handlers,
    );
  }

  /** Subscribes once the base URL is known; unsubscribing before that cancels the start. */
  private watch<T extends SequencedEvent>(
    path: string,
    handlers: RunEventHandlers<T>,
  ): () => void {
    let unsubscribe: (() => void) | undefined;
    let cancelled = false;
    this.discoveryApi.getBaseUrl('network').then(
      baseUrl => {
        if (cancelled) return;
        unsubscribe = subscribeToRunEvents<T>({
          fetchApi: this.fetchApi,
          url: `${baseUrl}${path}`,
          ...handlers,
        });
      },
      error => handlers.onError?.(error, false),
    );
    return () => {
      cancelled = true;
      unsubscribe?.();
    };
  }

  private async post<T>(path: string, body: unknown): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('network');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  private async get<T>(path: string): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('network');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`);
    // ResponseError keeps the status and the backend's error body, so screens can tell
    // a missing permission (403) from an unknown cluster (404) or an outage (5xx).
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
