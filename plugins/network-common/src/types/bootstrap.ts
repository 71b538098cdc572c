import { ObjectRef } from './conditions';
import { RunStatus } from './diagnostics';

/** The steps of a cluster bootstrap, in the order they run. */
export type BootstrapStepKind =
  | 'talos-etcd-bootstrap'
  | 'wait-kubernetes-api'
  | 'apply-baseline'
  | 'verify-diagnostics';

/** What applying an object would do, from a server-side apply with `dryRun=All`. */
export type ObjectChange = 'create' | 'update' | 'unchanged';

/** One field the apply would change; `before` absent means added, `after` absent means removed. */
export interface FieldChange {
  /** Dotted path, e.g. `spec.blocks[0].start`. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** One object of the network baseline and what applying it would do. */
export interface PlannedObject {
  ref: ObjectRef;
  change: ObjectChange;
  fieldChanges: FieldChange[];
}

/** One step of the plan as shown before anything runs. */
export interface BootstrapPlanStep {
  id: string;
  kind: BootstrapStepKind;
  title: string;
  /** What the step does and what it leaves alone. */
  description: string;
  /** `skip` when the plan already knows the step has nothing to do (e.g. etcd already bootstrapped). */
  intent: 'run' | 'skip';
  /** Why, e.g. `etcd already bootstrapped on talos-cp-1`. */
  note?: string;
  /** For `apply-baseline`: every object with its change. */
  objects?: PlannedObject[];
}

/**
 * The plan: computed from config and a dry run, shown to the user, and confirmed by its hash.
 * Running refuses a hash that no longer matches the cluster (the plan went stale).
 */
export interface BootstrapPlan {
  cluster: string;
  /** sha256 over the steps and their objects; what the user confirms. */
  hash: string;
  createdAt: string;
  steps: BootstrapPlanStep[];
  totals: Record<ObjectChange, number>;
}

export type BootstrapStepStatus = 'pending' | 'running' | 'succeeded' | 'skipped' | 'failed';

/** One step of a run. */
export interface BootstrapRunStep {
  id: string;
  kind: BootstrapStepKind;
  title: string;
  status: BootstrapStepStatus;
  /** Outcome in one line, e.g. `created 3, updated 1, unchanged 9`. */
  message?: string;
  startedAt?: string;
  finishedAt?: string;
}

/** A bootstrap run as the audit history lists it. */
export interface BootstrapRun {
  id: string;
  cluster: string;
  planHash: string;
  status: RunStatus;
  /** User entity ref of who confirmed it. */
  actor: string;
  startedAt: string;
  finishedAt?: string;
  steps: BootstrapRunStep[];
  /** The verification diagnostics run, once started. */
  diagnosticsRunId?: string;
  error?: string;
}

/** What a bootstrap run's event stream (`GET /bootstrap/runs/:id/events`, server-sent events) carries. */
export type BootstrapRunEvent =
  | { seq: number; type: 'step-started'; stepId: string }
  | { seq: number; type: 'step-log'; stepId: string; message: string }
  | { seq: number; type: 'step-finished'; step: BootstrapRunStep }
  | { seq: number; type: 'run-finished'; run: BootstrapRun };
