import { DiagnosticCheck } from '../../DiagnosticCheck';
import { agentsReadyCheck } from './agentsReadyCheck';
import { agentStatusCheck } from './agentStatusCheck';
import { l2AnnouncementsCheck } from './l2AnnouncementsCheck';
import { lbFrontendsCheck } from './lbFrontendsCheck';
import { operatorReadyCheck } from './operatorReadyCheck';

/** The Cilium checks of the diagnostic checklist, in the order an operator would go through them. */
export const ciliumChecks: DiagnosticCheck[] = [
  agentsReadyCheck,
  operatorReadyCheck,
  agentStatusCheck,
  lbFrontendsCheck,
  l2AnnouncementsCheck,
];
