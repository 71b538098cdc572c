import {
  describeHostnameClaim,
  gatewayDomains,
  HostnameClaimOwner,
  hostnameClaims,
  hostnameProblems,
} from '@internal/plugin-network-common';
import type { HostnameSources } from './hostnameSources';

/** What the HostnamePicker tells the user about a hostname. */
export interface HostnameVerdict {
  state: 'invalid' | 'taken' | 'available';
  message: string;
}

/**
 * The same decision as the `network:hostname:check` action, from what the network backend
 * serves (read by `readHostnameSources`): well formed and under an allowed domain
 * (`allowedDomains`, else the zones of the gateways' wildcard listeners), then not claimed by
 * another route, Ingress or DNSEndpoint. The service's own objects (`owner`) do not count.
 */
export function hostnameAvailability(
  hostname: string,
  sources: HostnameSources,
  options: { allowedDomains?: string[]; owner?: HostnameClaimOwner } = {},
): HostnameVerdict {
  const domains =
    options.allowedDomains && options.allowedDomains.length > 0
      ? options.allowedDomains
      : gatewayDomains(sources.gateways);
  const problems = hostnameProblems(hostname, domains);
  if (problems.length > 0)
    return {
      state: 'invalid',
      message: problems.map(problem => problem.message).join('; '),
    };
  const claims = hostnameClaims(hostname, sources, options.owner);
  if (claims.length > 0)
    return {
      state: 'taken',
      message: `${hostname} is already claimed by ${claims
        .map(describeHostnameClaim)
        .join(', ')}`,
    };
  return { state: 'available', message: `${hostname} is available` };
}

/**
 * Problems the picker can show at once, before the cluster answers: the form of the name
 * without the domain rule (the domains come from the cluster).
 */
export function hostnameFormProblem(hostname: string): string | undefined {
  return hostnameProblems(hostname, [])[0]?.message;
}
