import { conditionOf, refOf } from '../../../RequestPathResolver/objectRefs';
import { fixHintFor } from '../../../RequestPathResolver/fixHints';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { conditionText, countOf, objectFinding, objectsInScope } from '../../scopedObjects';

const GATEWAY_API = 'gateway.networking.k8s.io/v1';

/**
 * Gateways whose controller has not Accepted or Programmed them, or that have no address:
 * every route behind such a gateway is unreachable.
 */
export const gatewayProgrammedCheck: DiagnosticCheck = {
  id: 'gateway.gateways-programmed',
  title: 'Gateways are accepted, programmed and addressed',
  category: 'gateway',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    "Reads each Gateway's Accepted and Programmed conditions and status.addresses, and its GatewayClass's Accepted condition.",
  manualCommand: 'kubectl get gateways -A; kubectl describe gateway <name> -n <namespace>',
  remediation:
    "Read the condition reason: Pending means the GatewayClass controller has not reconciled (check spec.gatewayClassName and the controller); AddressNotAssigned means the gateway's LoadBalancer Service has no IP (see pools.services-without-ip); ListenersNotValid points at the listener conditions (gateway.listeners).",
  async run(context) {
    const { cache } = context;
    if (cache.isAbsent('Gateway')) {
      return { findings: [], summary: 'Gateway API is not installed', skippedBecause: 'the cluster does not serve gateway.networking.k8s.io Gateway' };
    }
    const gateways = objectsInScope(context, 'Gateway');
    const findings = gateways.flatMap(gateway => {
      const ref = refOf('Gateway', gateway, GATEWAY_API);
      const accepted = conditionOf(gateway.status?.conditions, 'Accepted');
      const programmed = conditionOf(gateway.status?.conditions, 'Programmed');
      const addresses: string[] = (gateway.status?.addresses ?? []).map((address: any) => address.value).filter(Boolean);
      const gatewayClass = gateway.spec?.gatewayClassName ? cache.get('GatewayClass', undefined, gateway.spec.gatewayClassName) : undefined;
      const classAccepted = conditionOf(gatewayClass?.status?.conditions, 'Accepted');
      const fields = {
        'spec.gatewayClassName': gateway.spec?.gatewayClassName ?? 'none',
        'status.conditions[Accepted]': conditionText(accepted),
        'status.conditions[Programmed]': conditionText(programmed),
        'status.addresses': addresses.join(', ') || 'none',
        'gatewayClass.status.conditions[Accepted]': gatewayClass ? conditionText(classAccepted) : 'GatewayClass not found',
      };
      const classRef = gatewayClass ? [refOf('GatewayClass', gatewayClass, GATEWAY_API)] : [];
      if (cache.has('GatewayClass') && !gatewayClass) {
        return [objectFinding('fail', ref, `GatewayClassNotFound: GatewayClass ${gateway.spec?.gatewayClassName} does not exist`, fields)];
      }
      for (const condition of [accepted, programmed]) {
        if (condition && condition.status !== 'True') {
          const outcome = condition.status === 'False' ? 'fail' : 'warn';
          return [objectFinding(outcome, ref, `${condition.type} ${condition.status} (${condition.reason ?? 'no reason'}): ${condition.message ?? fixHintFor(condition.reason) ?? ''}`.trim(), fields, classRef)];
        }
      }
      if (!accepted || !programmed) {
        return [objectFinding('warn', ref, `Pending: no controller has reported ${!accepted ? 'Accepted' : 'Programmed'} on this gateway`, fields, classRef)];
      }
      if (addresses.length === 0) {
        return [objectFinding('fail', ref, 'AddressNotAssigned: the gateway is programmed but status.addresses is empty', fields, classRef)];
      }
      return [];
    });
    const failing = findings.length;
    return {
      findings,
      summary: failing > 0 ? `${failing} of ${countOf(gateways.length, 'gateway')} not accepted, programmed or addressed` : `${countOf(gateways.length, 'gateway')} accepted and programmed with an address`,
    };
  },
};
