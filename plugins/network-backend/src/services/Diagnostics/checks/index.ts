import { DiagnosticCheck } from '../DiagnosticCheck';
import { certificateChecks } from './certificates';
import { ciliumChecks } from './cilium';
import { dnsChecks } from './dns';
import { endpointChecks } from './endpoints';
import { gatewayChecks } from './gateway';
import { policyChecks } from './policies';
import { poolChecks } from './pools';
import { talosChecks } from './talos';

/** Every check of the diagnostic checklist, by category, in the order runs list them. */
export const allChecks: DiagnosticCheck[] = [
  ...poolChecks,
  ...ciliumChecks,
  ...gatewayChecks,
  ...certificateChecks,
  ...dnsChecks,
  ...endpointChecks,
  ...policyChecks,
  ...talosChecks,
];
