import { DiagnosticCheck } from '../../DiagnosticCheck';
import { corednsCheck, createCorednsCheck } from './corednsCheck';
import { splitHorizonCheck } from './splitHorizonCheck';

/** The DNS checks: split-horizon answers against gateway addresses, and CoreDNS. */
export const dnsChecks: DiagnosticCheck[] = [splitHorizonCheck, corednsCheck];

export { corednsCheck, createCorednsCheck, splitHorizonCheck };
