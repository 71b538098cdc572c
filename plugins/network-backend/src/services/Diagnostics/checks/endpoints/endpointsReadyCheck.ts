import { CheckFinding } from '@internal/plugin-network-common';
import { endpointCounts } from '../../../RequestPathResolver/backendHops';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';

/** `key=value,...` of a Service selector. */
function selectorText(selector: Record<string, string>): string {
  return Object.entries(selector).map(([key, value]) => `${key}=${value}`).join(',');
}

/** Pods in the namespace that carry every label of the selector (through the label index). */
function podsSelected(context: Parameters<DiagnosticCheck['run']>[0], namespace: string, selector: Record<string, string>): any[] {
  const [first, ...rest] = Object.entries(selector);
  return context.cache
    .byIndex('Pod', 'label', `${first[0]}=${first[1]}`)
    .filter(pod => pod.metadata.namespace === namespace && rest.every(([key, value]) => pod.metadata.labels?.[key] === value));
}

/**
 * Services with a selector whose EndpointSlices hold no ready address: traffic to them fails
 * (503 at the gateway) although the Service exists.
 */
export const endpointsReadyCheck: DiagnosticCheck = {
  id: 'endpoints.ready',
  title: 'Services have ready endpoints',
  category: 'endpoints',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Counts the ready addresses in the EndpointSlices of every Service that has a selector; none ready fails, some not ready warns. The pods the selector matches are evidence.',
  manualCommand: 'kubectl get endpointslices -A; kubectl get endpoints -A',
  remediation:
    "No pods match: fix spec.selector of the Service to the pods' labels (kubectl get pods -n <namespace> --show-labels). Pods match but are not ready: check their readiness probes and logs (kubectl describe pod <pod> -n <namespace>).",
  async run(context) {
    if (context.cache.isAbsent('EndpointSlice')) {
      return { findings: [], summary: 'EndpointSlices are not served', skippedBecause: 'the cluster does not serve discovery.k8s.io EndpointSlice' };
    }
    // ExternalName services and services without a selector have endpoints managed by hand.
    const services = objectsInScope(context, 'Service').filter(
      service => service.spec?.type !== 'ExternalName' && Object.keys(service.spec?.selector ?? {}).length > 0,
    );
    const findings: CheckFinding[] = [];
    for (const service of services) {
      const { namespace, name } = service.metadata;
      const counts = endpointCounts(context.cache, namespace, name);
      if (counts.total > 0 && counts.ready === counts.total) continue;
      const pods = podsSelected(context, namespace, service.spec.selector);
      const fields = {
        'spec.selector': selectorText(service.spec.selector),
        readyEndpoints: `${counts.ready}/${counts.total}`,
        endpointSlices: counts.slices.map(slice => slice.metadata.name).join(', ') || 'none',
        podsSelected: pods.length > 0 ? pods.slice(0, 10).map(pod => pod.metadata.name).join(', ') : 'none',
      };
      const ref = refOf('Service', service, 'v1');
      const slices = counts.slices.map(slice => refOf('EndpointSlice', slice, 'discovery.k8s.io/v1'));
      if (counts.ready === 0) {
        const why = pods.length === 0 ? 'the selector matches no pod' : `${countOf(pods.length, 'pod')} selected, none ready`;
        findings.push(objectFinding('fail', ref, `NoReadyEndpoints: 0 of ${counts.total} endpoints ready (${why})`, fields, slices));
      } else {
        findings.push(objectFinding('warn', ref, `SomeEndpointsNotReady: ${counts.ready} of ${counts.total} endpoints ready`, fields, slices));
      }
    }
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(services.length, 'service')} without all endpoints ready` : `${countOf(services.length, 'service')} with a selector, all endpoints ready`,
    };
  },
};
