/**
 * The service account controller of kube-controller-manager, reduced to its visible effect:
 * every namespace has a `default` ServiceAccount.
 */
import type { StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';

/** Creates the service account controller. */
export function createServiceAccountsController(context: ControllerContext): Controller {
  const { store, cache } = context;
  return {
    name: 'service-accounts',
    watches: [KEYS.namespace, KEYS.serviceAccount],
    keysFor(event: StoreEvent): string[] {
      if (event.resource.plural === 'namespaces') return event.type === 'DELETED' ? [] : [event.object.metadata.name];
      // A deleted default account is recreated.
      return event.type === 'DELETED' && event.object.metadata.name === 'default' ? [event.object.metadata.namespace ?? ''] : [];
    },
    allKeys: () => cache.list(KEYS.namespace).map((namespace) => namespace.metadata.name),
    reconcile(namespace: string): void {
      const object = cache.get(KEYS.namespace, undefined, namespace);
      if (!object || object.metadata.deletionTimestamp) return;
      if (cache.get(KEYS.serviceAccount, namespace, 'default')) return;
      store.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
    },
  };
}
