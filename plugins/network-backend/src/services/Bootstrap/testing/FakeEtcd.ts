import { EtcdBootstrapClient } from '../EtcdBootstrapClient';

/** A retryable Talos error, as TalosClient throws for FailedPrecondition. */
class NotReadyYet extends Error {
  readonly retryable = true;
}

/**
 * Talos etcd as the bootstrap sees it: no members until bootstrapped, AlreadyExists after,
 * and optionally FailedPrecondition for the first few Bootstrap calls.
 */
export class FakeEtcd implements EtcdBootstrapClient {
  bootstrapped = false;
  bootstrapCalls = 0;

  constructor(private notReadyCalls = 0) {}

  async bootstrap(node: string) {
    this.bootstrapCalls += 1;
    if (this.notReadyCalls > 0) {
      this.notReadyCalls -= 1;
      throw new NotReadyYet(`${node}: bootstrap is not available yet`);
    }
    if (this.bootstrapped) return { result: 'already-bootstrapped' as const, message: 'etcd data directory is not empty' };
    this.bootstrapped = true;
    return { result: 'bootstrapped' as const };
  }

  async etcdMemberList() {
    if (!this.bootstrapped) throw new Error('connection refused: 127.0.0.1:2379');
    return { members: [{ hostname: 'talos-cp-1' }, { hostname: 'talos-cp-2' }, { hostname: 'talos-cp-3' }] };
  }
}
