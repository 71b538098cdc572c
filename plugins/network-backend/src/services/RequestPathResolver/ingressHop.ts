import { Hop } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { fixHintFor } from './fixHints';
import { refOf } from './objectRefs';

const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

/** The IngressClass an Ingress uses: its ingressClassName, else the cluster's default class. */
export function ingressClassOf(cache: ClusterCache, ingress: any): { name?: string; ingressClass?: any } {
  const name =
    ingress.spec?.ingressClassName ??
    ingress.metadata.annotations?.['kubernetes.io/ingress.class'] ??
    cache.list('IngressClass').find(candidate => candidate.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true')?.metadata.name;
  return { name, ingressClass: name ? cache.get('IngressClass', undefined, name) : undefined };
}

/** The ingress hop: the class exists and its controller has published an address for the Ingress. */
export function ingressHop(cache: ClusterCache, ingress: any): Hop {
  const key = `${ingress.metadata.namespace}/${ingress.metadata.name}`;
  const objects = [refOf('Ingress', ingress, 'networking.k8s.io/v1')];
  const { name, ingressClass } = ingressClassOf(cache, ingress);
  const addresses: string[] = (ingress.status?.loadBalancer?.ingress ?? []).map((entry: any) => entry.ip ?? entry.hostname).filter(Boolean);
  const fields: Hop['evidence']['fields'] = {
    ingressClassName: name ?? null,
    controller: ingressClass?.spec?.controller ?? null,
    'status.loadBalancer.ingress': addresses.join(', ') || null,
  };
  const base = { id: `ingress:${key}`, kind: 'ingress' as const, title: `Ingress ${key}${name ? ` (class ${name})` : ''}` };
  if (ingressClass) objects.push(refOf('IngressClass', ingressClass, 'networking.k8s.io/v1'));
  if (!ingressClass) {
    return { ...base, state: 'failing', reason: 'IngressClassNotFound', message: name ? `IngressClass ${name} does not exist` : 'No ingressClassName and no default IngressClass', evidence: { objects, fields }, fixHint: fixHintFor('IngressClassNotFound') };
  }
  if (addresses.length === 0) {
    return { ...base, state: 'failing', reason: 'NoIngressAddress', message: `Controller ${ingressClass.spec?.controller} has not published an address`, evidence: { objects, fields }, fixHint: fixHintFor('NoIngressAddress') };
  }
  return { ...base, state: 'ok', message: `Served by ${ingressClass.spec?.controller} at ${addresses.join(', ')}`, evidence: { objects, fields } };
}
