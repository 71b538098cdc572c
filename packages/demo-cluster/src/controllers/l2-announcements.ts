/**
 * Cilium L2 announcements: for each LoadBalancer Service with an address that a
 * CiliumL2AnnouncementPolicy selects, one agent holds the coordination.k8s.io Lease
 * `cilium-l2announce-<namespace>-<service>` in kube-system and answers ARP for it. Only nodes
 * the policy selects and whose agent is ready take part; the holder stays put while it can,
 * otherwise a stable hash picks among the candidates. Leases are renewed on a slow timer.
 */
import type { KubeObject, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { matchesLabelSelector, type LabelSelector } from './label-selector-match.ts';
import { fnv1a } from './stable-name-hash.ts';
import { isPodReady } from './workload-pods.ts';
import { deleteIfPresent, forEachIsolated, listOf, recordOf } from './object-fields.ts';

/** Prefix of the lease names. */
export const L2_LEASE_PREFIX = 'cilium-l2announce-';
const LEASE_NAMESPACE = 'kube-system';
const LEASE_DURATION_SECONDS = 15;

/** The lease name for a Service. */
export function l2LeaseName(namespace: string, name: string): string {
  return `${L2_LEASE_PREFIX}${namespace}-${name}`;
}

interface PolicySpec {
  serviceSelector?: LabelSelector;
  nodeSelector?: LabelSelector;
  loadBalancerIPs?: boolean;
  externalIPs?: boolean;
}

/** Microsecond timestamps, as Lease spec.acquireTime/renewTime use (RFC3339 with 6 decimals). */
function microTime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Creates the L2 announcements controller. */
export function createL2AnnouncementsController(context: ControllerContext): Controller {
  const { store, cache } = context;
  let renewTimerArmed = false;

  function readyAgentNodes(): Set<string> {
    const nodes = new Set<string>();
    for (const pod of cache.list(KEYS.pod, 'kube-system')) {
      if (pod.metadata.labels?.['k8s-app'] !== 'cilium') continue;
      const nodeName = (pod.spec as { nodeName?: string } | undefined)?.nodeName;
      if (nodeName && isPodReady(pod)) nodes.add(nodeName);
    }
    return nodes;
  }

  function wantedHolders(): Map<string, string> {
    const policies = cache.list(KEYS.l2Policy);
    const wanted = new Map<string, string>();
    if (policies.length === 0) return wanted;
    const ready = readyAgentNodes();
    const nodes = cache.list(KEYS.node).filter((node) => ready.has(node.metadata.name));
    // Which nodes a policy selects does not depend on the Service: work it out once per pass.
    const announcing = policies
      .map((policy) => recordOf<PolicySpec>(policy.spec))
      .filter((spec) => spec.loadBalancerIPs)
      .map((spec) => ({
        serviceSelector: spec.serviceSelector,
        nodes: nodes.filter((node) => matchesLabelSelector(spec.nodeSelector, node.metadata.labels, true)).map((node) => node.metadata.name),
      }));
    forEachIsolated(cache.list(KEYS.service), 'L2 announcement', (service) => {
      if (recordOf<{ type: string }>(service.spec).type !== 'LoadBalancer') return;
      const ingress = listOf(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service.status).loadBalancer).ingress);
      if (ingress.length === 0) return;
      const labels = {
        ...(service.metadata.labels ?? {}),
        'io.kubernetes.service.namespace': service.metadata.namespace ?? '',
        'io.kubernetes.service.name': service.metadata.name,
      };
      const candidates = new Set<string>();
      for (const policy of announcing) {
        if (!matchesLabelSelector(policy.serviceSelector, labels, true)) continue;
        for (const node of policy.nodes) candidates.add(node);
      }
      if (candidates.size === 0) return;
      const leaseName = l2LeaseName(service.metadata.namespace ?? '', service.metadata.name);
      const current = (cache.get(KEYS.lease, LEASE_NAMESPACE, leaseName)?.spec as { holderIdentity?: string } | undefined)?.holderIdentity;
      if (current && candidates.has(current)) {
        wanted.set(leaseName, current);
        return;
      }
      // Rendezvous hashing: a stable choice that moves few leases when nodes come and go.
      let best = '';
      let bestScore = -1;
      for (const node of candidates) {
        const score = fnv1a(`${leaseName}@${node}`);
        if (score > bestScore || (score === bestScore && node < best)) {
          best = node;
          bestScore = score;
        }
      }
      wanted.set(leaseName, best);
    });
    return wanted;
  }

  function reconcileAll(): void {
    const wanted = wantedHolders();
    const now = context.options.now();
    for (const [leaseName, holder] of wanted) {
      const existing = cache.get(KEYS.lease, LEASE_NAMESPACE, leaseName);
      if (!existing) {
        store.create({
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: leaseName, namespace: LEASE_NAMESPACE },
          spec: {
            holderIdentity: holder,
            leaseDurationSeconds: LEASE_DURATION_SECONDS,
            acquireTime: microTime(now),
            renewTime: microTime(now),
            leaseTransitions: 0,
          },
        });
        continue;
      }
      const spec = (existing.spec ?? {}) as { holderIdentity?: string; leaseTransitions?: number };
      if (spec.holderIdentity !== holder) {
        store.update({
          ...existing,
          spec: {
            ...spec,
            holderIdentity: holder,
            leaseDurationSeconds: LEASE_DURATION_SECONDS,
            acquireTime: microTime(now),
            renewTime: microTime(now),
            leaseTransitions: (spec.leaseTransitions ?? 0) + 1,
          },
        });
      }
    }
    for (const lease of cache.list(KEYS.lease, LEASE_NAMESPACE)) {
      if (lease.metadata.name.startsWith(L2_LEASE_PREFIX) && !wanted.has(lease.metadata.name)) {
        deleteIfPresent(store, KEYS.lease, LEASE_NAMESPACE, lease.metadata.name);
      }
    }
    armRenewal();
  }

  /** Renewal runs in RENEWAL_SLICES steps per interval, each renewing its share of the leases. */
  const RENEWAL_SLICES = 5;
  let renewalTick = 0;

  function armRenewal(): void {
    const interval = context.options.leaseRenewIntervalMs;
    if (renewTimerArmed || interval <= 0) return;
    renewTimerArmed = true;
    context.later(interval / RENEWAL_SLICES, () => {
      renewTimerArmed = false;
      renewSlice(renewalTick++ % RENEWAL_SLICES);
      armRenewal();
    });
  }

  // Every lease is renewed once per interval, spread over the interval so that a large cluster
  // sees a steady trickle of renewals rather than one burst of thousands of writes.
  function renewSlice(slice: number): void {
    const renewTime = microTime(context.options.now());
    for (const lease of cache.list(KEYS.lease, LEASE_NAMESPACE)) {
      if (!lease.metadata.name.startsWith(L2_LEASE_PREFIX) || fnv1a(lease.metadata.name) % RENEWAL_SLICES !== slice) continue;
      try {
        store.update({ ...lease, spec: { ...(lease.spec as Record<string, unknown>), renewTime } });
      } catch {
        // Deleted or changed meanwhile; the next reconcile sorts it out.
      }
    }
  }

  const relevant = (event: StoreEvent): boolean => {
    switch (event.resource.plural) {
      case 'services':
        return (event.object.spec as { type?: string } | undefined)?.type === 'LoadBalancer' || event.type === 'DELETED';
      case 'pods':
        return event.object.metadata.namespace === 'kube-system' && event.object.metadata.labels?.['k8s-app'] === 'cilium';
      case 'leases':
        // Only someone else's edit or delete of one of our leases matters; renewals do not.
        return event.object.metadata.name.startsWith(L2_LEASE_PREFIX) && event.type === 'DELETED';
      default:
        return true;
    }
  };

  return {
    name: 'l2-announcements',
    watches: [KEYS.service, KEYS.l2Policy, KEYS.node, KEYS.pod, KEYS.lease],
    keysFor: (event) => (relevant(event) ? ['all'] : []),
    allKeys: () => ['all'],
    reconcile: () => reconcileAll(),
  };
}

/** The lease holder of a Service, read from the store (for the cilium-dbg outputs and tests). */
export function l2LeaseHolder(lease: KubeObject | undefined): string | undefined {
  return (lease?.spec as { holderIdentity?: string } | undefined)?.holderIdentity;
}
