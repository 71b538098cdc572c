import { DiagnosticCheck } from '../../DiagnosticCheck';
import { certificatesExpiryCheck } from './certificatesExpiryCheck';
import { certificatesReadyCheck } from './certificatesReadyCheck';
import { issuersReadyCheck } from './issuersReadyCheck';

/** The cert-manager checks: certificates Ready, not expiring, and their issuers Ready. */
export const certificateChecks: DiagnosticCheck[] = [certificatesReadyCheck, certificatesExpiryCheck, issuersReadyCheck];

export { certificatesExpiryCheck, certificatesReadyCheck, issuersReadyCheck };
