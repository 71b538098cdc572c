import { CheckFinding, ObjectRef } from '@internal/plugin-network-common';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding } from '../../scopedObjects';
import { gatewayParentsWithStatus, parentCondition, routesInScope } from './routeParents';

/**
 * Whether a ReferenceGrant in the backend's namespace lets routes of `kind` in `fromNamespace`
 * reference the Service (Gateway API: `from` group/kind/namespace, `to` group ""/kind Service/optional name).
 */
function referenceGranted(context: CheckContext, kind: string, fromNamespace: string, toNamespace: string, service: string): boolean {
  return context.cache.list('ReferenceGrant', toNamespace).some(
    grant =>
      (grant.spec?.from ?? []).some((from: any) => from.group === 'gateway.networking.k8s.io' && from.kind === kind && from.namespace === fromNamespace) &&
      (grant.spec?.to ?? []).some((to: any) => (to.group ?? '') === '' && to.kind === 'Service' && (!to.name || to.name === service)),
  );
}

/** A route's Service backendRefs: whether each exists and, across namespaces, whether a ReferenceGrant permits it. */
function backendServices(context: CheckContext, kind: string, route: any): { ref: ObjectRef; text: string; exists: boolean; permitted: boolean }[] {
  const routeNamespace = route.metadata.namespace;
  const grantsKnown = context.cache.has('ReferenceGrant');
  return (route.spec?.rules ?? []).flatMap((rule: any) =>
    (rule.backendRefs ?? [])
      .filter((backend: any) => (backend.kind ?? 'Service') === 'Service' && !backend.group)
      .map((backend: any) => {
        const namespace = backend.namespace ?? routeNamespace;
        const exists = Boolean(context.cache.get('Service', namespace, backend.name));
        const crossNamespace = namespace !== routeNamespace;
        // Without the ReferenceGrant kind the cache cannot tell; the controller's condition still can.
        const permitted = !crossNamespace || !grantsKnown || referenceGranted(context, kind, routeNamespace, namespace, backend.name);
        let text = `Service ${namespace}/${backend.name}${backend.port ? `:${backend.port}` : ''} ${exists ? 'exists' : 'not found'}`;
        if (crossNamespace) text += permitted ? `, ReferenceGrant ${grantsKnown ? 'permits it' : 'not checked'}` : `, no ReferenceGrant in ${namespace} permits ${kind} from ${routeNamespace}`;
        return { ref: { apiVersion: 'v1', kind: 'Service', namespace, name: backend.name }, text, exists, permitted };
      }),
  );
}

/** Rules with neither a backendRef nor a RequestRedirect filter (a redirect needs no backend). */
function rulesWithoutBackend(route: any): any[] {
  return (route.spec?.rules ?? []).filter(
    (rule: any) => (rule.backendRefs ?? []).length === 0 && !(rule.filters ?? []).some((filter: any) => filter.type === 'RequestRedirect'),
  );
}

/**
 * Routes whose references do not resolve (BackendNotFound, RefNotPermitted, InvalidKind): the
 * gateway answers 500 for the rules whose backends it cannot use.
 */
export const routesResolvedRefsCheck: DiagnosticCheck = {
  id: 'gateway.routes-resolved-refs',
  title: "Routes' backend references resolve",
  category: 'gateway',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Reads the ResolvedRefs condition of every HTTPRoute and GRPCRoute per parent gateway and checks that each Service backendRef exists.',
  manualCommand: 'kubectl describe httproute <name> -n <namespace>; kubectl get svc -n <namespace>',
  remediation:
    'BackendNotFound: create the Service named in spec.rules[].backendRefs or fix its name and namespace. RefNotPermitted: add a ReferenceGrant in the backend namespace allowing the route kind from the route namespace. InvalidKind: point backendRefs at a Service.',
  async run(context) {
    if (context.cache.isAbsent('HTTPRoute')) {
      return { findings: [], summary: 'Gateway API is not installed', skippedBecause: 'the cluster does not serve gateway.networking.k8s.io HTTPRoute' };
    }
    const routes = routesInScope(context);
    const findings: CheckFinding[] = [];
    for (const { kind, route } of routes) {
      const ref = refOf(kind, route, 'gateway.networking.k8s.io/v1');
      const backends = backendServices(context, kind, route);
      const notPermitted = backends.filter(backend => backend.exists && !backend.permitted);
      const missing = backends.filter(backend => !backend.exists);
      const fields: Record<string, string> = { 'spec.rules[].backendRefs': backends.map(backend => backend.text).join('; ') || 'none' };
      const parents = gatewayParentsWithStatus(route);
      const unresolved = parents
        .map(parent => ({ parent, condition: parentCondition(parent, 'ResolvedRefs') }))
        .filter(entry => entry.condition && entry.condition.status !== 'True');
      for (const entry of parents) fields[`status.parents[${entry.label}].conditions[ResolvedRefs]`] = conditionText(parentCondition(entry, 'ResolvedRefs'));
      if (unresolved.length > 0) {
        // One finding per route: every parent reports the same backends.
        const { parent, condition } = unresolved[0];
        findings.push(
          objectFinding(
            condition!.status === 'False' ? 'fail' : 'warn',
            ref,
            `${condition!.reason ?? 'ResolvedRefs'} on ${parent.label}: ${condition!.message ?? `ResolvedRefs is ${condition!.status}`}`,
            fields,
            missing.map(backend => backend.ref),
          ),
        );
      } else if (missing.length > 0) {
        // The controller has not (yet) said so, but the Service is not there.
        findings.push(
          objectFinding('fail', ref, `BackendNotFound: ${missing.map(backend => `${backend.ref.namespace}/${backend.ref.name}`).join(', ')} not found`, fields, missing.map(backend => backend.ref)),
        );
      } else if (notPermitted.length > 0) {
        findings.push(
          objectFinding('fail', ref, `RefNotPermitted: no ReferenceGrant lets ${kind} ${route.metadata.namespace}/${route.metadata.name} reference ${notPermitted.map(backend => `${backend.ref.namespace}/${backend.ref.name}`).join(', ')}`, fields, notPermitted.map(backend => backend.ref)),
        );
      } else if (rulesWithoutBackend(route).length > 0) {
        findings.push(objectFinding('warn', ref, 'A rule names no backend and does not redirect: the gateway answers 500 for it', fields));
      }
    }
    return {
      findings,
      summary: findings.length > 0 ? `${findings.length} of ${countOf(routes.length, 'route')} with unresolved references` : `${countOf(routes.length, 'route')}, all references resolved`,
    };
  },
};
