import {
  CheckDescriptor,
  CheckEvidence,
  CheckFinding,
  ObjectRef,
} from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { ClusterDefinition } from '../ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../DnsProbe/DnsProbe';
import { TalosClient } from '../TalosClient/TalosClient';

/** Output of a command run in a pod through the Kubernetes API (exec). */
export interface ExecResult {
  stdout: string;
  stderr: string;
  /** 0 on success; the command's exit code otherwise. */
  exitCode: number;
}

/** Runs a command in a container of a pod, as `kubectl exec` does. */
export type PodExec = (
  target: { namespace: string; pod: string; container?: string },
  command: string[],
  options?: { timeoutMs?: number; signal?: AbortSignal },
) => Promise<ExecResult>;

/**
 * What a run is narrowed to. For an entity, the objects that belong to it, so checks can keep
 * only the findings about those (`inScope`).
 */
export type CheckRunScope =
  | { kind: 'cluster' }
  | { kind: 'namespace'; namespace: string }
  | {
      kind: 'entity';
      entityRef: string;
      /** Namespaces the entity's objects live in. */
      namespaces: string[];
      /** Every object of the entity's request path: pods, services, routes, gateways, certificates, policies, pools. */
      objects: ObjectRef[];
      /** Hostnames of its routes and ingresses. */
      hostnames: string[];
    };

/** Everything a check may look at. Checks read; they never change the cluster. */
export interface CheckContext {
  cluster: ClusterDefinition;
  /** The watch cache of the cluster (synced before the run starts). */
  cache: ClusterCache;
  scope: CheckRunScope;
  /** True when an object is within the run's scope (always true for a cluster scope). */
  inScope(ref: ObjectRef): boolean;
  dns: DnsProbe;
  exec: PodExec;
  /** The Talos API of the cluster's nodes; undefined when no talosconfig is configured. */
  talos?: TalosClient;
  settings: {
    /** Certificates expiring sooner than this warn. */
    certificateExpiryWarningDays: number;
  };
  /** Aborted when the check's timeout passes or the run is cancelled. */
  signal: AbortSignal;
  /** A progress line streamed into the run as it happens (e.g. Talos HealthCheck stages). */
  log(message: string): void;
}

/** What a check reports; the runner adds the outcome, timing, title and category. */
export interface CheckReport {
  /** Problems and, where useful, the healthy subjects too (outcome `pass`). */
  findings: CheckFinding[];
  /** One line for the list, e.g. `2 of 14 routes not Accepted`. */
  summary: string;
  evidence?: CheckEvidence;
  /** Set when the check cannot apply (kind absent, nothing configured); the outcome becomes `skipped`. */
  skippedBecause?: string;
}

/** A check of the diagnostic checklist. */
export interface DiagnosticCheck extends CheckDescriptor {
  /** What to do when it warns or fails; shown beside the findings. */
  remediation: string;
  run(context: CheckContext): Promise<CheckReport>;
}
