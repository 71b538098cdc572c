import { DiagnosticCheck } from '../../DiagnosticCheck';
import { ciliumPoliciesValidCheck } from './ciliumPoliciesValidCheck';
import { defaultDenyCheck } from './defaultDenyCheck';
import { dnsEgressCheck } from './dnsEgressCheck';
import { gatewayToPodCheck } from './gatewayToPodCheck';

/** The network policy checks: default-deny coverage, gateway -> pod, DNS egress, rejected Cilium policies. */
export const policyChecks: DiagnosticCheck[] = [defaultDenyCheck, gatewayToPodCheck, dnsEgressCheck, ciliumPoliciesValidCheck];

export { ciliumPoliciesValidCheck, defaultDenyCheck, dnsEgressCheck, gatewayToPodCheck };
