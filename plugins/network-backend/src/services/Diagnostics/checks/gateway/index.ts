import { DiagnosticCheck } from '../../DiagnosticCheck';
import { gatewayListenersCheck } from './gatewayListenersCheck';
import { gatewayProgrammedCheck } from './gatewayProgrammedCheck';
import { ingressesCheck } from './ingressesCheck';
import { routesAcceptedCheck } from './routesAcceptedCheck';
import { routesResolvedRefsCheck } from './routesResolvedRefsCheck';

/** The Gateway API and Ingress checks, gateway first, then its listeners, then the routes. */
export const gatewayChecks: DiagnosticCheck[] = [gatewayProgrammedCheck, gatewayListenersCheck, routesAcceptedCheck, routesResolvedRefsCheck, ingressesCheck];

export { gatewayListenersCheck, gatewayProgrammedCheck, ingressesCheck, routesAcceptedCheck, routesResolvedRefsCheck };
