/**
 * What the bootstrap needs from Talos: the shape of `TalosClient`'s `bootstrap` and
 * `etcdMemberList` (services/TalosClient), kept small so tests can fake it.
 * `bootstrap` resolves `already-bootstrapped` on AlreadyExists and throws an error with
 * `retryable: true` on FailedPrecondition ("bootstrap is not available yet").
 */
export interface EtcdBootstrapClient {
  bootstrap(node: string): Promise<{ result: 'bootstrapped' | 'already-bootstrapped'; message?: string }>;
  etcdMemberList(node?: string): Promise<{ members: Array<{ hostname: string; isLearner?: boolean }> }>;
}

/** The Talos side of a cluster's bootstrap: the client and the control-plane node etcd is bootstrapped on. */
export interface EtcdBootstrapTarget {
  client: EtcdBootstrapClient;
  /** Address (or name) of the one control-plane node to call Bootstrap on. */
  node: string;
}

/** Finds a cluster's Talos access; undefined when none is configured (the etcd step is skipped). */
export type EtcdBootstrapTargets = (cluster: string) => EtcdBootstrapTarget | undefined;

/** Whether a Talos error says "try again later" (FailedPrecondition). */
export function isRetryableTalosError(error: unknown): boolean {
  return (error as { retryable?: unknown } | undefined)?.retryable === true;
}
