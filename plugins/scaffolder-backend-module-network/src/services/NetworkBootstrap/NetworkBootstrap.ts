import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import { BootstrapPlan, BootstrapRun } from '@internal/plugin-network-common';

/**
 * The network backend's bootstrap API, called on behalf of a user: the backend checks
 * `network.bootstrap.run` against that user, not against the scaffolder.
 */
export interface NetworkBootstrap {
  /** The plan, computed by the backend with a server-side dry run. */
  plan(
    cluster: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<BootstrapPlan>;
  /** Starts a run of the plan confirmed by its hash; the backend answers 409 when it went stale. */
  startRun(
    cluster: string,
    planHash: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<BootstrapRun>;
  /** One run with its steps. */
  run(runId: string, onBehalfOf: BackstageCredentials): Promise<BootstrapRun>;
}

/** {@link NetworkBootstrap} over the network backend's REST API (`/api/network`). */
export class NetworkBootstrapClient implements NetworkBootstrap {
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  plan(
    cluster: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<BootstrapPlan> {
    return this.request(
      'GET',
      `/clusters/${encodeURIComponent(cluster)}/bootstrap/plan`,
      onBehalfOf,
    );
  }

  startRun(
    cluster: string,
    planHash: string,
    onBehalfOf: BackstageCredentials,
  ): Promise<BootstrapRun> {
    return this.request(
      'POST',
      `/clusters/${encodeURIComponent(cluster)}/bootstrap/runs`,
      onBehalfOf,
      { planHash },
    );
  }

  run(runId: string, onBehalfOf: BackstageCredentials): Promise<BootstrapRun> {
    return this.request(
      'GET',
      `/bootstrap/runs/${encodeURIComponent(runId)}`,
      onBehalfOf,
    );
  }

  private async request<T>(
    method: 'GET' | 'POST',
    path: string,
    onBehalfOf: BackstageCredentials,
    body?: unknown,
  ): Promise<T> {
    const { discovery, auth } = this.options;
    const baseUrl = await discovery.getBaseUrl('network');
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf,
      targetPluginId: 'network',
    });
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
