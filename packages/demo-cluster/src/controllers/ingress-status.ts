/**
 * What ingress-nginx publishes: each Ingress of a class served by an ingress-nginx controller
 * gets that controller's LoadBalancer addresses in status.loadBalancer.ingress. The class's
 * controller Service is found through the IngressClass's `app.kubernetes.io/instance` label
 * (the Helm release), as the chart labels both.
 */
import type { KubeObject, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { jsonEqual } from './status-conditions.ts';
import { forEachIsolated, listOf, recordOf } from './object-fields.ts';

const INSTANCE_LABEL = 'app.kubernetes.io/instance';

/** Creates the ingress status controller. */
export function createIngressStatusController(context: ControllerContext): Controller {
  const { store, cache } = context;

  function classOf(ingress: KubeObject): KubeObject | undefined {
    const fromSpec = recordOf<{ ingressClassName: unknown }>(ingress.spec).ingressClassName;
    const name = typeof fromSpec === 'string' ? fromSpec : ingress.metadata.annotations?.['kubernetes.io/ingress.class'];
    const classes = cache.list(KEYS.ingressClass);
    if (name) return classes.find((candidate) => candidate.metadata.name === name);
    return classes.find((candidate) => candidate.metadata.annotations?.['ingressclass.kubernetes.io/is-default-class'] === 'true');
  }

  function controllerAddresses(ingressClass: KubeObject): { ip: string }[] | undefined {
    const instance = ingressClass.metadata.labels?.[INSTANCE_LABEL];
    if (!instance || ingressClass.metadata.labels?.['app.kubernetes.io/name'] !== 'ingress-nginx') return undefined;
    const service = cache
      .list(KEYS.service)
      .find(
        (candidate) =>
          candidate.metadata.labels?.['app.kubernetes.io/name'] === 'ingress-nginx' &&
          candidate.metadata.labels?.[INSTANCE_LABEL] === instance &&
          (candidate.spec as { type?: string } | undefined)?.type === 'LoadBalancer',
      );
    if (!service) return [];
    const ingress = listOf<{ ip?: unknown }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service.status).loadBalancer).ingress);
    return ingress.filter((entry) => typeof entry.ip === 'string').map((entry) => ({ ip: entry.ip as string }));
  }

  function reconcileAll(): void {
    forEachIsolated(cache.list(KEYS.ingress), 'ingress status', (ingress) => {
      const ingressClass = classOf(ingress);
      if (!ingressClass) return;
      const addresses = controllerAddresses(ingressClass);
      // Not an ingress-nginx class: another controller owns this status.
      if (addresses === undefined) return;
      const status = { ...((ingress.status ?? {}) as Record<string, unknown>), loadBalancer: addresses.length > 0 ? { ingress: addresses } : {} };
      if (!jsonEqual(ingress.status, status)) store.updateStatus({ ...ingress, status });
    });
  }

  const relevant = (event: StoreEvent): boolean =>
    event.resource.plural !== 'services' || event.object.metadata.labels?.['app.kubernetes.io/name'] === 'ingress-nginx';

  return {
    name: 'ingress-status',
    watches: [KEYS.ingress, KEYS.ingressClass, KEYS.service],
    keysFor: (event) => (relevant(event) ? ['all'] : []),
    allKeys: () => ['all'],
    reconcile: () => reconcileAll(),
  };
}
