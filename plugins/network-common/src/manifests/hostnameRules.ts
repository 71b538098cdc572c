import { SpecProblem } from './specProblems';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Why a hostname cannot be used for a new service, as `{ field, message }` problems
 * (empty when it can): lowercase ASCII only, DNS-1123 labels of at most 63 characters,
 * at most 253 characters in all, no wildcard, and under one of `allowedDomains` (a
 * subdomain of it, never the domain itself). An empty `allowedDomains` allows any domain.
 */
export function hostnameProblems(
  hostname: string,
  allowedDomains: readonly string[],
  field: string = 'hostname',
): SpecProblem[] {
  const problem = (message: string) => [{ field, message }];
  if (typeof hostname !== 'string' || hostname.length === 0)
    return problem(`${field} is required`);
  if (hostname.length > 253)
    return problem(
      `${field} is ${hostname.length} characters long; at most 253 are allowed`,
    );
  // eslint-disable-next-line no-control-regex
  if (/[^\x00-\x7f]/.test(hostname))
    return problem(
      `${field} '${printable(
        hostname,
      )}' contains non-ASCII characters; write internationalised names in punycode (xn--...)`,
    );
  if (hostname !== hostname.toLowerCase())
    return problem(
      `${field} '${hostname}' contains uppercase letters; hostnames must be lowercase`,
    );
  if (hostname.startsWith('*'))
    return problem(`${field} '${hostname}' is a wildcard; name one host`);
  const labels = hostname.split('.');
  if (labels.length < 2)
    return problem(`${field} '${hostname}' must be a fully qualified name`);
  for (const label of labels) {
    if (label.length > 63)
      return problem(
        `${field} '${hostname}' has a label of ${label.length} characters; at most 63 are allowed`,
      );
    if (!DNS_LABEL.test(label))
      return problem(
        `${field} '${hostname}' is not a valid DNS name: each label must be lowercase letters, digits and '-', starting and ending with a letter or digit`,
      );
  }
  const domains = allowedDomains.map(normaliseDomain).filter(Boolean);
  if (
    domains.length > 0 &&
    !domains.some(domain => hostname.endsWith(`.${domain}`))
  ) {
    return problem(
      `${field} '${hostname}' is not under an allowed domain (${domains.join(
        ', ',
      )})`,
    );
  }
  return [];
}

function normaliseDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/^\*\./, '').replace(/\.$/, '');
}

/** The string with control and non-ASCII characters escaped, safe to echo in a message. */
export function printable(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
