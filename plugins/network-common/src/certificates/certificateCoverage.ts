/**
 * Whether a certificate name covers a hostname as TLS clients check it (RFC 6125):
 * exact names compare case-insensitively, and a `*.` wildcard stands for exactly one
 * label, so `*.example.com` covers `foo.example.com` but neither `example.com` nor
 * `foo.bar.example.com` (unlike Gateway API hostname wildcards).
 * A wildcard hostname (a listener's `*.example.com`) is covered only by the same wildcard.
 */
export function dnsNameCoversHostname(
  dnsName: string,
  hostname: string,
): boolean {
  const name = normalise(dnsName);
  const host = normalise(hostname);
  if (name === '' || host === '') return false;
  if (name === host) return true;
  if (!name.startsWith('*.') || host.startsWith('*.')) return false;
  const firstDot = host.indexOf('.');
  return firstDot > 0 && host.slice(firstDot) === name.slice(1);
}

/** The first of a certificate's dnsNames that covers the hostname, or undefined. */
export function certificateNameFor(
  dnsNames: readonly string[] | undefined,
  hostname: string,
): string | undefined {
  return (dnsNames ?? []).find(dnsName =>
    dnsNameCoversHostname(dnsName, hostname),
  );
}

/** Whether any of a certificate's dnsNames covers the hostname. */
export function certificateCoversHostname(
  dnsNames: readonly string[] | undefined,
  hostname: string,
): boolean {
  return certificateNameFor(dnsNames, hostname) !== undefined;
}

/**
 * Whole days from `now` until `notAfter`, rounded down: 0 on the last day, negative
 * once expired. Undefined when notAfter is missing or not a date.
 */
export function certificateDaysLeft(
  notAfter: string | undefined,
  now: Date,
): number | undefined {
  if (!notAfter) return undefined;
  const expiry = Date.parse(notAfter);
  if (Number.isNaN(expiry)) return undefined;
  return Math.floor((expiry - now.getTime()) / 86_400_000);
}

function normalise(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}
