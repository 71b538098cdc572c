import { ObjectRef } from './conditions';

/** The groups the diagnostic checklist is organised in (one per troubleshooting area of the seeds). */
export type CheckCategory =
  | 'pools'
  | 'cilium'
  | 'gateway'
  | 'certificates'
  | 'dns'
  | 'endpoints'
  | 'policies'
  | 'talos';

export const CHECK_CATEGORIES: readonly CheckCategory[] = [
  'pools',
  'cilium',
  'gateway',
  'certificates',
  'dns',
  'endpoints',
  'policies',
  'talos',
];

/** What a check can be narrowed to. Every check runs for a cluster; some also for a namespace or an entity. */
export type CheckScope = 'cluster' | 'namespace' | 'entity';

/**
 * The verdict of a check or of one finding. `skipped` is for checks that cannot apply
 * (Cilium not installed, no talosconfig configured): it says why instead of passing silently.
 */
export type CheckOutcome = 'pass' | 'warn' | 'fail' | 'error' | 'skipped';

/** Worst first: the order a run's outcome and a check's outcome are decided by. */
export const CHECK_OUTCOME_SEVERITY: Record<CheckOutcome, number> = {
  error: 4,
  fail: 3,
  warn: 2,
  pass: 1,
  skipped: 0,
};

/** A check as the registry lists it. */
export interface CheckDescriptor {
  /** Stable id, `<category>.<name>`, e.g. `gateway.routes-accepted`. */
  id: string;
  title: string;
  category: CheckCategory;
  scopes: CheckScope[];
  /** One or two sentences: what is looked at and why it matters. */
  description: string;
  /** The command an operator would otherwise type, e.g. `kubectl get svc -A --field-selector spec.type=LoadBalancer`. */
  manualCommand?: string;
}

/** What a check saw: the objects, command output and DNS answers it decided on. */
export interface CheckEvidence {
  /** Objects that decided the outcome. */
  objects?: ObjectRef[];
  /** A command run on the operator's behalf (exec in a pod, a Talos API call) and its output. */
  command?: { text: string; output: string; exitCode?: number };
  /** DNS answers, one per (server, hostname). */
  dns?: Array<{ server: string; hostname: string; addresses: string[]; error?: string }>;
  /** Field values that decided, e.g. `{ 'status.conditions[Ready]': 'False (Expired)' }`. */
  fields?: Record<string, string>;
}

/** One thing a check found about one subject (a route, a pool, a node). */
export interface CheckFinding {
  outcome: CheckOutcome;
  /** What it is about, e.g. `HTTPRoute media/sonarr` or `node talos-worker-1`. */
  subject: string;
  /** One line, with the upstream reason string where there is one. */
  message: string;
  object?: ObjectRef;
  evidence?: CheckEvidence;
}

/** The result of one check in one run. */
export interface CheckResult {
  checkId: string;
  title: string;
  category: CheckCategory;
  /** The worst outcome of its findings; `pass` when it found nothing wrong. */
  outcome: CheckOutcome;
  /** One line for the list, e.g. `2 of 14 routes not Accepted`. */
  summary: string;
  findings: CheckFinding[];
  /** Evidence about the check as a whole (the command it ran, what it compared). */
  evidence?: CheckEvidence;
  /** What to do when the outcome is warn or fail. */
  remediation?: string;
  durationMs: number;
  /** When the outcome is `error`: why the check could not decide (timeout, exec refused). */
  error?: string;
}

/** Which checks a run runs. */
export type DiagnosticSelection =
  | { kind: 'all' }
  | { kind: 'category'; category: CheckCategory }
  | { kind: 'checks'; checkIds: string[] }
  | { kind: 'namespace'; namespace: string }
  | { kind: 'entity'; entityRef: string };

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

/** Why a run started. */
export type RunTrigger = 'manual' | 'schedule' | 'bootstrap' | 'action';

/** Counts of check outcomes in a run. */
export type OutcomeTotals = Record<CheckOutcome, number>;

/** A diagnostics run as history lists it. */
export interface DiagnosticRun {
  id: string;
  cluster: string;
  selection: DiagnosticSelection;
  status: RunStatus;
  trigger: RunTrigger;
  /** User entity ref of who started it, or `scheduler`. */
  actor: string;
  /** ISO 8601. */
  startedAt: string;
  finishedAt?: string;
  progress: { done: number; total: number };
  totals: OutcomeTotals;
  /** Why the run failed or was interrupted (not a check's failure: those are results). */
  error?: string;
}

/** A run with the results of the checks finished so far. */
export interface DiagnosticRunDetail extends DiagnosticRun {
  results: CheckResult[];
}

/**
 * What the run's event stream (`GET /diagnostics/runs/:id/events`, server-sent events) carries.
 * Each event has a `seq` so a client that reconnects continues where it stopped.
 */
export type DiagnosticRunEvent =
  | { seq: number; type: 'check-started'; checkId: string }
  | { seq: number; type: 'check-log'; checkId: string; message: string }
  | { seq: number; type: 'check-finished'; result: CheckResult; progress: { done: number; total: number } }
  | { seq: number; type: 'run-finished'; run: DiagnosticRun };

/** One check's outcome in two runs, for the history diff. */
export interface RunDiffEntry {
  checkId: string;
  title: string;
  before?: CheckOutcome;
  after?: CheckOutcome;
}
