import { DiagnosticCheck } from '../../DiagnosticCheck';
import { poolConflictsCheck } from './poolConflictsCheck';
import { poolExhaustionCheck } from './poolExhaustionCheck';
import { poolSelectorCheck } from './poolSelectorCheck';
import { servicesWithoutIpCheck } from './servicesWithoutIpCheck';

/** The IP pool checks (Cilium LB-IPAM), in the order the seeds' checklist runs them. */
export const poolChecks: DiagnosticCheck[] = [poolConflictsCheck, poolExhaustionCheck, poolSelectorCheck, servicesWithoutIpCheck];

export { poolConflictsCheck, poolExhaustionCheck, poolSelectorCheck, servicesWithoutIpCheck };
