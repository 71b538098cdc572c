import { Hop, ObjectRef, matchesLabelSelector, parseIp, parsePoolRanges, ipRangeContains } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { fixHintFor } from './fixHints';
import { conditionOf, refOf } from './objectRefs';

/** The name of the Lease Cilium holds while a node announces a service's address over L2. */
export function l2LeaseName(namespace: string, service: string): string {
  return `cilium-l2announce-${namespace}-${service}`;
}

/** The pool whose ranges contain an address, if any. */
export function poolContaining(cache: ClusterCache, ip: string): any | undefined {
  const parsed = parseIp(ip);
  if (!parsed) return undefined;
  return cache
    .list('CiliumLoadBalancerIPPool')
    .find(pool => parsePoolRanges(pool.spec).ranges.some(range => ipRangeContains(range, parsed)));
}

/** Pools whose serviceSelector selects the service (an absent selector selects every service). */
export function poolsSelecting(cache: ClusterCache, service: any): any[] {
  return cache
    .list('CiliumLoadBalancerIPPool')
    .filter(pool => !pool.spec?.disabled && matchesLabelSelector(pool.spec?.serviceSelector, service.metadata.labels, 'matches-everything'));
}

/** Whether a lease is past renewTime + leaseDurationSeconds. */
export function leaseExpired(lease: any, now: number): boolean {
  const renewed = Date.parse(lease.spec?.renewTime ?? lease.spec?.acquireTime ?? '');
  const duration = Number(lease.spec?.leaseDurationSeconds ?? 0);
  if (!Number.isFinite(renewed) || !duration) return false;
  return renewed + duration * 1000 < now;
}

/**
 * The LoadBalancer IP hop: the address of the Service in front (a gateway's or the app's own),
 * the pool it came from and the node announcing it; pending services fail with LB-IPAM's reason.
 */
export function loadBalancerHop(cache: ClusterCache, service: any, now: number): Hop {
  const namespace = service.metadata.namespace;
  const name = service.metadata.name;
  const objects: ObjectRef[] = [refOf('Service', service, 'v1')];
  const fields: Hop['evidence']['fields'] = {};
  const ips: string[] = (service.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip ?? entry.hostname).filter(Boolean);
  const base = { id: `loadbalancer-ip:${namespace}/${name}`, kind: 'loadbalancer-ip' as const, title: `LoadBalancer ${namespace}/${name}` };
  const ipam = conditionOf(service.status?.conditions, 'cilium.io/IPAMRequestSatisfied');
  if (ipam) fields['status.conditions[cilium.io/IPAMRequestSatisfied]'] = `${ipam.status} ${ipam.reason ?? ''}`.trim();
  if (service.spec?.type !== 'LoadBalancer') {
    fields['spec.type'] = service.spec?.type ?? 'ClusterIP';
  }

  if (ips.length === 0) {
    const candidates = cache.has('CiliumLoadBalancerIPPool') ? poolsSelecting(cache, service) : [];
    for (const pool of candidates) objects.push(refOf('CiliumLoadBalancerIPPool', pool));
    fields.candidatePools = candidates.map(pool => pool.metadata.name).join(', ') || null;
    let reason = ipam?.status === 'False' ? ipam.reason : undefined;
    if (!reason && cache.has('CiliumLoadBalancerIPPool') && candidates.length === 0) reason = 'no_pool';
    reason ??= 'NoLoadBalancerAddress';
    return {
      ...base,
      state: 'failing',
      reason,
      message: ipam?.message ?? `Service ${namespace}/${name} has no LoadBalancer address`,
      evidence: { objects, fields },
      fixHint: fixHintFor(reason) ?? fixHintFor('NoLoadBalancerAddress'),
    };
  }

  fields['status.loadBalancer.ingress'] = ips.join(', ');
  const pool = poolContaining(cache, ips[0]);
  if (pool) {
    objects.push(refOf('CiliumLoadBalancerIPPool', pool));
    fields.pool = pool.metadata.name;
  }
  let state: Hop['state'] = 'ok';
  let reason: string | undefined;
  let message = `${ips.join(', ')}${pool ? ` from pool ${pool.metadata.name}` : ''}`;
  if (cache.has('CiliumL2AnnouncementPolicy') && cache.list('CiliumL2AnnouncementPolicy').length > 0 && cache.has('Lease')) {
    const lease = cache.get('Lease', 'kube-system', l2LeaseName(namespace, name));
    if (!lease) {
      state = 'warning';
      reason = 'NotAnnounced';
      message += '; no node announces it (no L2 lease)';
    } else {
      objects.push(refOf('Lease', lease, 'coordination.k8s.io/v1'));
      fields['lease.holderIdentity'] = lease.spec?.holderIdentity ?? null;
      fields['lease.renewTime'] = lease.spec?.renewTime ?? null;
      if (leaseExpired(lease, now)) {
        state = 'warning';
        reason = 'LeaseExpired';
        message += `; lease held by ${lease.spec?.holderIdentity} has expired`;
      } else {
        message += `, announced by ${lease.spec?.holderIdentity}`;
      }
    }
  }
  return { ...base, state, reason, message, evidence: { objects, fields }, fixHint: fixHintFor(reason) };
}
