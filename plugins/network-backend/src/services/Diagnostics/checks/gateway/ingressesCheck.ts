import { ingressHop } from '../../../RequestPathResolver/ingressHop';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectsInScope } from '../../scopedObjects';

/** Ingresses whose class does not exist or whose controller has published no address. */
export const ingressesCheck: DiagnosticCheck = {
  id: 'gateway.ingresses',
  title: 'Ingresses have a class and an address',
  category: 'gateway',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'For every Ingress: its IngressClass (spec.ingressClassName, the legacy annotation, or the default class) exists and its controller has written an address into status.loadBalancer.ingress.',
  manualCommand: 'kubectl get ingressclass; kubectl get ingress -A; kubectl describe ingress <name> -n <namespace>',
  remediation:
    'IngressClassNotFound: set spec.ingressClassName to a class listed by kubectl get ingressclass (e.g. internal or external). NoIngressAddress: check that the ingress controller of that class runs and its LoadBalancer Service has an IP.',
  async run(context) {
    if (context.cache.isAbsent('Ingress')) {
      return { findings: [], summary: 'Ingress is not served', skippedBecause: 'the cluster does not serve networking.k8s.io Ingress' };
    }
    const ingresses = objectsInScope(context, 'Ingress');
    const findings = ingresses.flatMap(ingress => {
      const hop = ingressHop(context.cache, ingress);
      if (hop.state === 'ok') return [];
      const fields: Record<string, string> = {};
      for (const [key, value] of Object.entries(hop.evidence.fields ?? {})) fields[key] = value === null ? 'none' : String(value);
      return [
        {
          outcome: 'fail' as const,
          subject: `Ingress ${ingress.metadata.namespace}/${ingress.metadata.name}`,
          message: `${hop.reason}: ${hop.message}`,
          object: hop.evidence.objects[0],
          evidence: { objects: hop.evidence.objects, fields },
        },
      ];
    });
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(ingresses.length, 'ingress', 'ingresses')} without a class or address` : `${countOf(ingresses.length, 'ingress', 'ingresses')}, all with a class and an address`,
    };
  },
};
