import { BaselineManifest, BootstrapPlanStep } from '@internal/plugin-network-common';

/** What one step of a run needs to know. */
export interface StepContext {
  cluster: string;
  /** Who confirmed the run (the verification diagnostics run is started as them). */
  actor: string;
  /** The step as planned and confirmed. */
  planStep: BootstrapPlanStep;
  /** The baseline's manifests in apply order. */
  manifests: BaselineManifest[];
  /** Streams one line of progress to the run's event stream. */
  log(message: string): Promise<void>;
}

/** How a step ended, and its outcome in one line. */
export interface StepOutcome {
  status: 'succeeded' | 'skipped' | 'failed';
  message: string;
  /** Set by the verification step. */
  diagnosticsRunId?: string;
}
