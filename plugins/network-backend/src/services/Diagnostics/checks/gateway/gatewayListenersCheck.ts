import { refOf } from '../../../RequestPathResolver/objectRefs';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding, objectsInScope } from '../../scopedObjects';

/** Whether a listener condition is a problem: Conflicted is bad when True, the others when not True. */
function isBad(condition: any): boolean {
  return condition.type === 'Conflicted' ? condition.status === 'True' : condition.status !== 'True';
}

/**
 * Gateway listeners whose conditions say they do not work (PortUnavailable, InvalidCertificateRef,
 * RefNotPermitted, HostnameConflict, ...), or that have no status yet. Attached route counts are
 * evidence for every listener.
 */
export const gatewayListenersCheck: DiagnosticCheck = {
  id: 'gateway.listeners',
  title: 'Gateway listeners are accepted and programmed',
  category: 'gateway',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Reads each listener's status (Accepted, ResolvedRefs, Programmed, Conflicted and attachedRoutes) of every Gateway.",
  manualCommand: 'kubectl describe gateway <name> -n <namespace>',
  remediation:
    "Read the listener's reason: InvalidCertificateRef means the TLS Secret in tls.certificateRefs is missing or invalid (check the Certificate that writes it); RefNotPermitted needs a ReferenceGrant in the Secret's namespace; PortUnavailable and HostnameConflict need another port or hostname on the listener.",
  async run(context) {
    const { cache } = context;
    if (cache.isAbsent('Gateway')) {
      return { findings: [], summary: 'Gateway API is not installed', skippedBecause: 'the cluster does not serve gateway.networking.k8s.io Gateway' };
    }
    const gateways = objectsInScope(context, 'Gateway');
    const attached: Record<string, string> = {};
    let listenerCount = 0;
    const findings = gateways.flatMap(gateway => {
      const ref = refOf('Gateway', gateway, 'gateway.networking.k8s.io/v1');
      const key = `${gateway.metadata.namespace}/${gateway.metadata.name}`;
      return (gateway.spec?.listeners ?? []).flatMap((listener: any) => {
        listenerCount += 1;
        const status = (gateway.status?.listeners ?? []).find((entry: any) => entry.name === listener.name);
        attached[`${key}/${listener.name}`] = String(status?.attachedRoutes ?? 'unknown');
        const fields: Record<string, string> = {
          listener: `${listener.name} ${listener.protocol}/${listener.port} ${listener.hostname ?? '*'}`,
          attachedRoutes: String(status?.attachedRoutes ?? 'unknown'),
        };
        for (const condition of status?.conditions ?? []) fields[`status.listeners[${listener.name}].conditions[${condition.type}]`] = conditionText(condition);
        if (!status) {
          return [objectFinding('warn', ref, `Listener ${listener.name}: no status reported (Pending)`, fields)];
        }
        const bad = (status.conditions ?? []).find(isBad);
        if (!bad) return [];
        const outcome = bad.status === 'Unknown' ? 'warn' : 'fail';
        return [objectFinding(outcome, ref, `Listener ${listener.name}: ${bad.type} ${bad.status} (${bad.reason ?? 'no reason'})${bad.message ? `: ${bad.message}` : ''}`, fields)];
      });
    });
    return {
      findings,
      evidence: { fields: attached },
      summary: findings.length > 0 ? `${findings.length} of ${countOf(listenerCount, 'listener')} not working` : `${countOf(listenerCount, 'listener')} on ${countOf(gateways.length, 'gateway')}, all accepted and programmed`,
    };
  },
};
