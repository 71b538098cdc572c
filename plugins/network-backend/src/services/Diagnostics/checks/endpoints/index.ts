import { DiagnosticCheck } from '../../DiagnosticCheck';
import { endpointsReadyCheck } from './endpointsReadyCheck';

/** The endpoint checks: services with ready endpoints. */
export const endpointChecks: DiagnosticCheck[] = [endpointsReadyCheck];

export { endpointsReadyCheck };
