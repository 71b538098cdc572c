import { DiagnosticCheck } from '../DiagnosticCheck';

/** Every check of the diagnostic checklist, by category, in the order runs list them. */
export const allChecks: DiagnosticCheck[] = [];
