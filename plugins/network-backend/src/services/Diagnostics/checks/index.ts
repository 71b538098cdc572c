import { DiagnosticCheck } from '../DiagnosticCheck';
import { certificateChecks } from './certificates';
import { gatewayChecks } from './gateway';
import { poolChecks } from './pools';

/** Every check of the diagnostic checklist, by category, in the order runs list them. */
export const allChecks: DiagnosticCheck[] = [...poolChecks, ...gatewayChecks, ...certificateChecks];
