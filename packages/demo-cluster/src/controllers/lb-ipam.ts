/**
 * Cilium LB-IPAM (the operator's lbipam): gives LoadBalancer Services addresses from the
 * CiliumLoadBalancerIPPools whose serviceSelector matches them, honours requested addresses
 * (`lbipam.cilium.io/ips`, legacy `io.cilium/lb-ipam-ips`, `spec.loadBalancerIP`) and sharing
 * keys, keeps existing allocations, and reports pool usage and range conflicts in pool status.
 * Every pass recomputes the whole allocation from the current objects, so it converges.
 */
import type { KubeObject, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { formatIpv4, parseCidr, parseIpv4, parseStartStop, rangesOverlap, type Ipv4Range } from './ipv4-ranges.ts';
import { matchesLabelSelector, type LabelSelector } from './label-selector-match.ts';
import { jsonEqual, mergeConditions, nowTimestamp, type Condition } from './status-conditions.ts';
import { forEachIsolated, listOf, recordOf } from './object-fields.ts';

/** Service condition type LB-IPAM sets. */
export const IPAM_REQUEST_SATISFIED = 'cilium.io/IPAMRequestSatisfied';
/** Annotations LB-IPAM reads (current spelling first). */
export const LB_IPAM_IPS_ANNOTATIONS = ['lbipam.cilium.io/ips', 'io.cilium/lb-ipam-ips'] as const;
const SHARING_KEY_ANNOTATIONS = ['lbipam.cilium.io/sharing-key', 'io.cilium/lb-ipam-sharing-key'] as const;
const SHARING_CROSS_NAMESPACE_ANNOTATIONS = ['lbipam.cilium.io/sharing-cross-namespace', 'io.cilium/lb-ipam-sharing-cross-namespace'] as const;

interface PoolSpec {
  blocks?: { cidr?: string; start?: string; stop?: string }[];
  cidrs?: { cidr?: string; start?: string; stop?: string }[];
  serviceSelector?: LabelSelector;
  allowFirstLastIPs?: string;
  disabled?: boolean;
}

/** A pool as LB-IPAM sees it. */
interface PoolState {
  object: KubeObject;
  name: string;
  ranges: Ipv4Range[];
  selector: LabelSelector | undefined;
  disabled: boolean;
  conflict?: string;
  total: number;
  used: Set<number>;
}

interface ServicePortSpec {
  port: number;
  protocol?: string;
}

interface Holder {
  service: KubeObject;
  sharingKey?: string;
  crossNamespace: string[];
}

const annotation = (object: KubeObject, names: readonly string[]): string | undefined => {
  for (const name of names) {
    const value = object.metadata.annotations?.[name];
    if (value !== undefined && value !== '') return value;
  }
  return undefined;
};

/** The addresses a Service asks for, from the annotations or spec.loadBalancerIP. */
export function requestedIps(service: KubeObject): string[] {
  const fromAnnotation = annotation(service, LB_IPAM_IPS_ANNOTATIONS);
  const fromSpec = recordOf<{ loadBalancerIP: unknown }>(service.spec).loadBalancerIP;
  const text = fromAnnotation ?? (typeof fromSpec === 'string' ? fromSpec : '');
  return text.split(',').map((ip) => ip.trim()).filter((ip) => ip.length > 0);
}

/** The ranges of a pool's spec (blocks, and the deprecated cidrs). */
export function poolRanges(spec: PoolSpec): Ipv4Range[] {
  const ranges: Ipv4Range[] = [];
  for (const block of [...listOf<{ cidr?: unknown; start?: unknown; stop?: unknown }>(spec.blocks), ...listOf<{ cidr?: unknown; start?: unknown; stop?: unknown }>(spec.cidrs)]) {
    const range =
      typeof block.cidr === 'string'
        ? parseCidr(block.cidr)
        : typeof block.start === 'string'
          ? parseStartStop(block.start, typeof block.stop === 'string' ? block.stop : undefined)
          : undefined;
    if (range) ranges.push(range);
  }
  return ranges;
}

/** Whether an address is reserved: first/last of a CIDR larger than /31 unless allowFirstLastIPs is Yes. */
function isReserved(range: Ipv4Range, value: number, allowFirstLast: boolean): boolean {
  if (allowFirstLast || !range.fromCidr || range.last - range.first + 1 <= 2) return false;
  return value === range.first || value === range.last;
}

const isLoadBalancer = (service: KubeObject): boolean => {
  const spec = service.spec as { type?: string; loadBalancerClass?: string } | undefined;
  if (spec?.type !== 'LoadBalancer') return false;
  const lbClass = spec.loadBalancerClass;
  return !lbClass || lbClass === 'io.cilium/l2-announcer' || lbClass === 'io.cilium/bgp-control-plane';
};

const creationOrder = (a: KubeObject, b: KubeObject): number =>
  (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') ||
  a.metadata.name.localeCompare(b.metadata.name);

/** Creates the LB-IPAM controller. */
export function createLbIpamController(context: ControllerContext): Controller {
  const { store, cache } = context;

  /** resourceVersions of our own status writes, by `Kind:namespace/name`. */
  const ownWrites = new Map<string, string>();
  const remember = (written: KubeObject): void => {
    ownWrites.set(`${written.kind}:${written.metadata.namespace ?? ''}/${written.metadata.name}`, written.metadata.resourceVersion ?? '');
  };

  /** Pool names matching each Service, valid while `matchesPoolsVersion` holds. */
  const matchesByService = new Map<string, { labelsKey: string; pools: string[] }>();
  let matchesPoolsVersion = '';

  function buildPools(): PoolState[] {
    const pools = cache.list(KEYS.ipPool).sort(creationOrder);
    const states: PoolState[] = [];
    for (const object of pools) {
      const spec = recordOf<PoolSpec>(object.spec) as PoolSpec;
      const ranges = poolRanges(spec);
      const allowFirstLast = spec.allowFirstLastIPs === 'Yes';
      let total = 0;
      for (const range of ranges) {
        total += range.last - range.first + 1;
        if (!allowFirstLast && range.fromCidr && range.last - range.first + 1 > 2) total -= 2;
      }
      const state: PoolState = {
        object,
        name: object.metadata.name,
        ranges,
        selector: spec.serviceSelector,
        disabled: spec.disabled === true,
        total,
        used: new Set(),
      };
      // The newer pool of an overlapping pair is the conflicting one.
      outer: for (const earlier of states) {
        if (earlier.conflict) continue;
        for (const range of ranges) {
          for (const other of earlier.ranges) {
            if (rangesOverlap(range, other)) {
              state.conflict = `Pool conflicts since range '${range.label}' overlaps range '${other.label}' from IP Pool '${earlier.name}'`;
              break outer;
            }
          }
        }
      }
      states.push(state);
    }
    return states;
  }

  function serviceLabels(service: KubeObject): Record<string, string> {
    // Cilium lets pool selectors match on the Service's namespace and name through these keys.
    return {
      ...(service.metadata.labels ?? {}),
      'io.kubernetes.service.namespace': service.metadata.namespace ?? '',
      'io.kubernetes.service.name': service.metadata.name,
    };
  }

  function poolOf(pools: PoolState[], value: number): PoolState | undefined {
    return pools.find((pool) => pool.ranges.some((range) => value >= range.first && value <= range.last));
  }

  function rangeOf(pool: PoolState, value: number): Ipv4Range | undefined {
    return pool.ranges.find((range) => value >= range.first && value <= range.last);
  }

  function sharingOf(service: KubeObject): Holder {
    const cross = annotation(service, SHARING_CROSS_NAMESPACE_ANNOTATIONS);
    return {
      service,
      sharingKey: annotation(service, SHARING_KEY_ANNOTATIONS),
      crossNamespace: cross ? cross.split(',').map((entry) => entry.trim()) : [],
    };
  }

  function canShare(holders: Holder[], candidate: Holder): boolean {
    if (!candidate.sharingKey) return false;
    const candidatePorts = listOf<ServicePortSpec>(recordOf<{ ports: unknown }>(candidate.service.spec).ports);
    return holders.every((holder) => {
      if (holder.sharingKey !== candidate.sharingKey) return false;
      const a = holder.service.metadata.namespace ?? '';
      const b = candidate.service.metadata.namespace ?? '';
      if (a !== b) {
        const allows = (list: string[], namespace: string): boolean => list.includes('*') || list.includes(namespace);
        if (!allows(holder.crossNamespace, b) || !allows(candidate.crossNamespace, a)) return false;
      }
      const holderPorts = listOf<ServicePortSpec>(recordOf<{ ports: unknown }>(holder.service.spec).ports);
      return !candidatePorts.some((port) =>
        holderPorts.some((other) => other.port === port.port && (other.protocol ?? 'TCP') === (port.protocol ?? 'TCP')),
      );
    });
  }

  function reconcileAll(): void {
    const pools = buildPools();
    const usable = pools.filter((pool) => !pool.disabled && !pool.conflict);
    const holders = new Map<number, Holder[]>();
    const services = cache.list(KEYS.service).sort(creationOrder);
    const outcome = new Map<KubeObject, { ips: number[]; condition: Condition }>();

    const satisfied = (): Condition => ({ type: IPAM_REQUEST_SATISFIED, status: 'True', reason: 'satisfied', message: '' });
    const failed = (reason: string, message: string): Condition => ({ type: IPAM_REQUEST_SATISFIED, status: 'False', reason, message });

    const lbServices = services.filter(isLoadBalancer);
    usable.sort((a, b) => a.name.localeCompare(b.name));
    // Selector matching dominates a pass at scale; a Service's matches only change when its
    // labels or the usable pools do, so they are remembered across passes.
    const poolsVersion = usable.map((pool) => `${pool.name}@${pool.object.metadata.generation ?? 0}`).join(',');
    if (poolsVersion !== matchesPoolsVersion) {
      matchesByService.clear();
      matchesPoolsVersion = poolsVersion;
    }
    const usableByName = new Map(usable.map((pool) => [pool.name, pool]));
    const poolsByService = new Map<KubeObject, PoolState[]>();
    const matchingPools = (service: KubeObject): PoolState[] => {
      let pools = poolsByService.get(service);
      if (pools) return pools;
      const id = `${service.metadata.namespace}/${service.metadata.name}`;
      const labelsKey = JSON.stringify(service.metadata.labels ?? {});
      const remembered = matchesByService.get(id);
      if (remembered && remembered.labelsKey === labelsKey) {
        pools = remembered.pools.map((name) => usableByName.get(name)!).filter(Boolean);
      } else {
        const labels = serviceLabels(service);
        pools = usable.filter((pool) => matchesLabelSelector(pool.selector, labels, true));
        matchesByService.set(id, { labelsKey, pools: pools.map((pool) => pool.name) });
      }
      poolsByService.set(service, pools);
      return pools;
    };

    const take = (value: number, pool: PoolState, holder: Holder): void => {
      pool.used.add(value);
      holders.set(value, [...(holders.get(value) ?? []), holder]);
    };

    // 1. Existing allocations that are still valid keep their addresses.
    const pending: KubeObject[] = [];
    for (const service of lbServices) {
      const current = listOf<{ ip?: unknown }>(recordOf<{ ingress: unknown }>(recordOf<{ loadBalancer: unknown }>(service.status).loadBalancer).ingress)
        .map((entry) => (typeof entry.ip === 'string' ? parseIpv4(entry.ip) : undefined))
        .filter((value): value is number => value !== undefined);
      const requested = requestedIps(service).map(parseIpv4);
      const candidates = matchingPools(service);
      const holder = sharingOf(service);
      const kept = current.filter((value) => {
        const pool = candidates.find((candidate) => candidate.ranges.some((range) => value >= range.first && value <= range.last));
        if (!pool) return false;
        if (requested.length > 0 && !requested.includes(value)) return false;
        const others = holders.get(value);
        return !others || canShare(others, holder);
      });
      if (current.length > 0 && kept.length === current.length && (requested.length === 0 || requested.every((value) => value !== undefined && kept.includes(value)))) {
        for (const value of kept) take(value, poolOf(candidates, value)!, holder);
        outcome.set(service, { ips: kept, condition: satisfied() });
      } else {
        pending.push(service);
      }
    }

    // 2. New requests, oldest Service first.
    for (const service of pending) {
      const holder = sharingOf(service);
      const candidates = matchingPools(service);
      const requestedText = requestedIps(service);
      if (candidates.length === 0) {
        outcome.set(service, { ips: [], condition: failed('no_pool', 'There are no enabled CiliumLoadBalancerIPPools that match this service') });
        continue;
      }
      if (requestedText.length > 0) {
        const ips: number[] = [];
        let problem: Condition | undefined;
        for (const text of requestedText) {
          const value = parseIpv4(text);
          const pool = value === undefined ? undefined : poolOf(candidates, value);
          if (value === undefined || !pool) {
            problem = failed('no_pool', `No pool exists with a CIDR containing '${text}'`);
            break;
          }
          const range = rangeOf(pool, value)!;
          if (isReserved(range, value, (pool.object.spec as PoolSpec).allowFirstLastIPs === 'Yes')) {
            problem = failed('no_pool', `The IP '${text}' is reserved as the first or last IP of the CIDR '${range.label}'`);
            break;
          }
          const others = holders.get(value);
          if (others && !canShare(others, holder)) {
            const reason = others.some((other) => other.sharingKey) || holder.sharingKey ? 'different sharing key' : 'IP is already in use';
            problem = failed('already_allocated_incompatible_service', `The IP '${text}' is already allocated to an incompatible service. Reason: ${reason}`);
            break;
          }
          ips.push(value);
        }
        if (problem) {
          outcome.set(service, { ips: [], condition: problem });
        } else {
          for (const value of ips) take(value, poolOf(candidates, value)!, holder);
          outcome.set(service, { ips, condition: satisfied() });
        }
        continue;
      }
      // Sharing: reuse an address of a compatible Service with the same key.
      let chosen: { value: number; pool: PoolState } | undefined;
      if (holder.sharingKey) {
        for (const [value, others] of holders) {
          const pool = poolOf(candidates, value);
          if (pool && canShare(others, holder)) {
            chosen = { value, pool };
            break;
          }
        }
      }
      if (!chosen) {
        search: for (const pool of candidates) {
          const allowFirstLast = (pool.object.spec as PoolSpec).allowFirstLastIPs === 'Yes';
          for (const range of pool.ranges) {
            for (let value = range.first; value <= range.last; value++) {
              if (pool.used.has(value) || holders.has(value) || isReserved(range, value, allowFirstLast)) continue;
              chosen = { value, pool };
              break search;
            }
          }
        }
      }
      if (!chosen) {
        outcome.set(service, {
          ips: [],
          condition: failed('out_of_ips', 'All enabled CiliumLoadBalancerIPPools that match this service ran out of allocatable IPs'),
        });
        continue;
      }
      take(chosen.value, chosen.pool, holder);
      outcome.set(service, { ips: [chosen.value], condition: satisfied() });
    }

    const now = nowTimestamp(context.options.now());
    forEachIsolated(services, 'LB-IPAM service status', (service) => {
      const status = recordOf<{ loadBalancer: { ingress?: unknown[] }; conditions: Condition[] }>(service.status);
      const others = listOf<Condition>(status.conditions).filter((condition) => condition.type !== IPAM_REQUEST_SATISFIED);
      const result = outcome.get(service);
      let next: Record<string, unknown>;
      if (!result) {
        // Not (or no longer) a LoadBalancer Service of ours: drop what LB-IPAM had set.
        if (!listOf<Condition>(status.conditions).some((condition) => condition.type === IPAM_REQUEST_SATISFIED)) return;
        next = { ...status, loadBalancer: {}, conditions: others };
        if (others.length === 0) delete next.conditions;
      } else {
        const merged = mergeConditions(status.conditions, [{ ...result.condition, observedGeneration: service.metadata.generation ?? 1 }], now);
        next = {
          ...status,
          loadBalancer: result.ips.length > 0 ? { ingress: result.ips.map((value) => ({ ip: formatIpv4(value), ipMode: 'VIP' })) } : {},
          conditions: [...others, ...merged],
        };
      }
      if (!jsonEqual(service.status, next)) remember(store.updateStatus({ ...service, status: next }));
    });

    forEachIsolated(pools, 'LB-IPAM pool status', (pool) => {
      const used = pool.conflict ? 0 : pool.used.size;
      const available = pool.conflict || pool.disabled ? 0 : pool.total - used;
      const wanted: Condition[] = [
        { type: 'cilium.io/IPsTotal', status: 'Unknown', reason: 'noreason', message: String(pool.total) },
        { type: 'cilium.io/IPsAvailable', status: 'Unknown', reason: 'noreason', message: String(available) },
        { type: 'cilium.io/IPsUsed', status: 'Unknown', reason: 'noreason', message: String(used) },
        pool.conflict
          ? { type: 'cilium.io/PoolConflict', status: 'True', reason: 'cidr_overlap', message: pool.conflict }
          : { type: 'cilium.io/PoolConflict', status: 'False', reason: 'resolved', message: '' },
      ];
      const status = recordOf<{ conditions: Condition[] }>(pool.object.status);
      const next = {
        ...status,
        conditions: mergeConditions(status.conditions, wanted.map((condition) => ({ ...condition, observedGeneration: pool.object.metadata.generation ?? 1 })), now),
      };
      if (!jsonEqual(pool.object.status, next)) remember(store.updateStatus({ ...pool.object, status: next }));
    });
  }

  return {
    name: 'lb-ipam',
    watches: [KEYS.service, KEYS.ipPool],
    keysFor(event: StoreEvent): string[] {
      // Our own status writes need no new pass: it already saw everything they depend on.
      const id = `${event.object.kind}:${event.object.metadata.namespace ?? ''}/${event.object.metadata.name}`;
      if (event.type === 'MODIFIED' && ownWrites.get(id) === event.object.metadata.resourceVersion) return [];
      if (event.type === 'DELETED') ownWrites.delete(id);
      if (event.resource.plural === 'services') {
        // Status-only changes of Services that are not LoadBalancers cannot change an allocation.
        const spec = event.object.spec as { type?: string } | undefined;
        const hasOurCondition = listOf<Condition>(recordOf<{ conditions: unknown }>(event.object.status).conditions).some(
          (condition) => condition.type === IPAM_REQUEST_SATISFIED,
        );
        if (spec?.type !== 'LoadBalancer' && !hasOurCondition && event.type !== 'DELETED') return [];
      }
      return ['all'];
    },
    allKeys: () => ['all'],
    reconcile: () => reconcileAll(),
  };
}
