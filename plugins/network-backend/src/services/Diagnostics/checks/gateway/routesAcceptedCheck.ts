import { CheckFinding, evaluateRouteAttachment } from '@internal/plugin-network-common';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding } from '../../scopedObjects';
import { gatewayParentsWithStatus, parentCondition, routesInScope } from './routeParents';

/**
 * Routes a gateway did not accept (NoMatchingListenerHostname, NotAllowedByListeners,
 * NoMatchingParent): the gateway ignores them, so their hostnames go nowhere.
 */
export const routesAcceptedCheck: DiagnosticCheck = {
  id: 'gateway.routes-accepted',
  title: 'Routes are accepted by their gateways',
  category: 'gateway',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Reads the Accepted condition of every HTTPRoute and GRPCRoute per parent gateway (status.parents[]), with the route hostnames and the listeners' hostnames that decided it.",
  manualCommand: 'kubectl get httproutes -A; kubectl describe httproute <name> -n <namespace>',
  remediation:
    "NoMatchingListenerHostname: change spec.hostnames to a name the listener's hostname (or wildcard) covers, or set parentRefs[].sectionName to a listener that serves it. NotAllowedByListeners: allow the route's namespace in the listener's allowedRoutes.namespaces. NoMatchingParent: fix parentRefs name, namespace, sectionName or port.",
  async run(context) {
    const { cache } = context;
    if (cache.isAbsent('HTTPRoute')) {
      return { findings: [], summary: 'Gateway API is not installed', skippedBecause: 'the cluster does not serve gateway.networking.k8s.io HTTPRoute' };
    }
    const namespaceLabels = (namespace: string) => cache.get('Namespace', undefined, namespace)?.metadata.labels;
    const routes = routesInScope(context);
    let parents = 0;
    const findings: CheckFinding[] = [];
    for (const { kind, route } of routes) {
      const ref = refOf(kind, route, 'gateway.networking.k8s.io/v1');
      for (const parent of gatewayParentsWithStatus(route)) {
        parents += 1;
        const gateway = cache.get('Gateway', parent.namespace, parent.name);
        const accepted = parentCondition(parent, 'Accepted');
        const listeners = (gateway?.spec?.listeners ?? []).filter((listener: any) => !parent.parentRef.sectionName || listener.name === parent.parentRef.sectionName);
        const fields: Record<string, string> = {
          parentRef: parent.label,
          [`status.parents[${parent.label}].conditions[Accepted]`]: conditionText(accepted),
          'spec.hostnames': (route.spec?.hostnames ?? []).join(', ') || '(none: inherits the listener hostname)',
          listenerHostnames: listeners.map((listener: any) => `${listener.name}:${listener.hostname ?? '*'}`).join(', ') || 'none',
        };
        if (accepted?.status === 'True') continue;
        const gatewayRefs = gateway ? [refOf('Gateway', gateway, 'gateway.networking.k8s.io/v1')] : [];
        if (accepted) {
          const outcome = accepted.status === 'False' ? 'fail' : 'warn';
          findings.push(
            objectFinding(outcome, ref, `${accepted.reason ?? 'NotAccepted'} on ${parent.label}: ${accepted.message ?? `Accepted is ${accepted.status}`}`, fields, gatewayRefs),
          );
          continue;
        }
        // No controller verdict yet: say what the Gateway API rules predict.
        const predicted = evaluateRouteAttachment({ ...route, kind }, parent.parentRef, gateway, namespaceLabels);
        fields.predicted = `${predicted.reason}: ${predicted.message}`;
        findings.push(
          objectFinding(
            gateway ? 'warn' : 'fail',
            ref,
            gateway
              ? `Pending on ${parent.label}: no controller has reported Accepted (the rules predict ${predicted.reason})`
              : `NoMatchingParent: Gateway ${parent.namespace}/${parent.name} does not exist`,
            fields,
            gatewayRefs,
          ),
        );
      }
    }
    return {
      findings,
      summary:
        findings.length > 0
          ? `${findings.length} of ${countOf(parents, 'route parent')} not accepted (${countOf(routes.length, 'route')})`
          : `${countOf(routes.length, 'route')} accepted by ${countOf(parents, 'parent gateway')}`,
    };
  },
};
