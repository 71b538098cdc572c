import { ClusterDefinition } from '../ClusterRegistry/ClusterRegistry';
import { createTalosClient } from '../TalosClient/createTalosClient';
import { TalosClient } from '../TalosClient/TalosClient';
import { EtcdBootstrapTargets } from './EtcdBootstrapClient';

/**
 * The bootstrap's Talos side from the clusters' config: our TalosClient (it already answers
 * AlreadyExists as `already-bootstrapped` and throws a `retryable` error on FailedPrecondition)
 * and the first node of the talosconfig context (`talosctl bootstrap` also takes one control-plane
 * node). Clusters without Talos access get undefined, so their etcd step is skipped. One client
 * per cluster is kept; `close()` closes them.
 */
export function talosEtcdBootstrapTargets(
  clusters: { definition(name: string): ClusterDefinition | undefined },
  create: (definition: ClusterDefinition) => TalosClient | undefined = definition => createTalosClient(definition),
): EtcdBootstrapTargets & { close(): void } {
  const clients = new Map<string, TalosClient | undefined>();
  const targets: EtcdBootstrapTargets = cluster => {
    const definition = clusters.definition(cluster);
    if (!definition) return undefined;
    if (!clients.has(cluster)) clients.set(cluster, create(definition));
    const client = clients.get(cluster);
    if (!client) return undefined;
    let node = '';
    try {
      node = client.defaultNodes()[0] ?? '';
    } catch {
      // A talosconfig that cannot be read: the calls fail with the error naming the field.
    }
    return { client, node };
  };
  // Closes the gRPC channels of the clients made so far.
  const close = () => {
    for (const client of clients.values()) client?.close();
  };
  return Object.assign(targets, { close });
}
