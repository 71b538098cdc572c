import { createApiRef } from '@backstage/frontend-plugin-api';
import type { CompoundEntityRef } from '@backstage/catalog-model';
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

/** How to follow a run's event stream; see {@link NetworkApi.watchDiagnosticRun}. */
export interface RunEventHandlers<T> {
  /** Only events after this seq (those up to it were already read from the run detail). */
  after?: number;
  onEvent: (event: T) => void;
  /** A connection failed; `retrying` false means the subscription ended (e.g. 404). */
  onError?: (error: Error, retrying: boolean) => void;
}

/** What the network screens read from the network backend (`/api/network`). */
export interface NetworkApi {
  /** The configured clusters and how well the backend knows each one. */
  getClusters(): Promise<ClusterSummary[]>;
  /** Everything the Network page shows for one cluster. */
  getOverview(cluster: string): Promise<ClusterOverview>;
  /** One page of the cluster's routes, worst state first; the filters in `query` combine. */
  getRoutes(cluster: string, query?: RouteQuery): Promise<RoutePage>;
  /** The request path of a catalog entity's workload; `cluster` picks one when several match. */
  getRequestPath(
    entity: CompoundEntityRef,
    options?: { cluster?: string },
  ): Promise<RequestPath>;

  /** Every diagnostic check the backend knows. */
  getDiagnosticChecks(): Promise<CheckDescriptor[]>;
  /** Starts a run; it continues on the backend (follow it with {@link NetworkApi.watchDiagnosticRun}). */
  startDiagnosticRun(
    cluster: string,
    selection: DiagnosticSelection,
  ): Promise<DiagnosticRun>;
  /** The cluster's runs, newest first. */
  listDiagnosticRuns(
    cluster: string,
    options?: { limit?: number },
  ): Promise<DiagnosticRun[]>;
  /** A run with the results finished so far. */
  getDiagnosticRun(runId: string): Promise<DiagnosticRunDetail>;
  /** Follows a run's events until `run-finished`; returns the unsubscribe function. */
  watchDiagnosticRun(
    runId: string,
    handlers: RunEventHandlers<DiagnosticRunEvent>,
  ): () => void;

  /** The bootstrap plan, computed with a dry run (needs network.bootstrap.run). */
  getBootstrapPlan(cluster: string): Promise<BootstrapPlan>;
  /** Runs the plan the user confirmed by its hash; 409 when stale or another run is going. */
  startBootstrapRun(cluster: string, planHash: string): Promise<BootstrapRun>;
  /** The cluster's bootstrap runs (the audit history), newest first. */
  listBootstrapRuns(cluster: string): Promise<BootstrapRun[]>;
  /** One bootstrap run with its steps. */
  getBootstrapRun(runId: string): Promise<BootstrapRun>;
  /** Follows a bootstrap run's events until `run-finished`; returns the unsubscribe function. */
  watchBootstrapRun(
    runId: string,
    handlers: RunEventHandlers<BootstrapRunEvent>,
  ): () => void;
}

/** The reference both frontend systems use to provide and consume {@link NetworkApi}. */
export const networkApiRef = createApiRef<NetworkApi>().with({
  id: 'plugin.network.api',
  pluginId: 'network',
});
