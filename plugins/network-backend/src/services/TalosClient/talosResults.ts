import { TalosClientError } from './TalosClientError';

/**
 * One node's answer to a call sent to several nodes: its value, or its own error while the
 * other nodes still answer. `node` is the target as asked (address or hostname); `hostname`
 * is what the node reported in `metadata.hostname`.
 */
export type TalosNodeResult<T> =
  | { node: string; hostname: string; ok: true; value: T }
  | { node: string; hostname?: string; ok: false; error: TalosClientError };

/** machine.Version of one node. */
export interface TalosVersion {
  tag: string;
  sha: string;
  goVersion: string;
  os: string;
  arch: string;
  platform: string;
  platformMode: string;
  rbac: boolean;
}

/** One system service of a node (machine.ServiceInfo). */
export interface TalosService {
  id: string;
  /** Running, Finished, Failed, Waiting, Preparing... */
  state: string;
  /** False when the service has a health check that fails. */
  healthy: boolean;
  /** True when the service has no health check. */
  healthUnknown: boolean;
  lastMessage: string;
  /** ISO time of the last health change, when reported. */
  lastChange?: string;
}

/** One member of the etcd cluster (machine.EtcdMember). */
export interface TalosEtcdMember {
  /** The uint64 member id as a decimal string. */
  id: string;
  hostname: string;
  peerUrls: string[];
  clientUrls: string[];
  isLearner: boolean;
}

/** EtcdMemberList as seen from one control-plane node. */
export interface TalosEtcdMembers {
  node: string;
  hostname: string;
  members: TalosEtcdMember[];
}

/** What Bootstrap did: started etcd, or found it already bootstrapped (AlreadyExists). */
export interface TalosBootstrapResult {
  result: 'bootstrapped' | 'already-bootstrapped';
  node: string;
  hostname?: string;
  /** The node's text for `already-bootstrapped`, e.g. `etcd data directory is not empty`. */
  message?: string;
}

/** The staged cluster health check's request. */
export interface TalosHealthCheckRequest {
  /** Control-plane node addresses; with both lists empty the node discovers the cluster itself. */
  controlPlaneNodes: string[];
  workerNodes: string[];
  /** How long the node waits for all stages to pass (talosctl health's --wait-timeout). */
  waitTimeoutMs: number;
  /** The node that runs the check; default the first default node (or the endpoint node). */
  node?: string;
}

/** A health check that passed every stage. */
export interface TalosHealthCheckResult {
  /** The node that ran it, as it reported itself. */
  hostname: string;
  /** Every progress line, in order. */
  lines: string[];
}
