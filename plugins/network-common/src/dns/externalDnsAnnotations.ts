/**
 * external-dns annotation prefixes, current first. v0.22 switched the default to the
 * GA prefix; v0.19-v0.21 (and k8s_gateway for Services) read the alpha one, so manifests
 * in the wild carry either. Both are read; the GA spelling wins when both are set.
 */
export const EXTERNAL_DNS_ANNOTATION_PREFIXES = [
  'external-dns.kubernetes.io/',
  'external-dns.alpha.kubernetes.io/',
] as const;

/** One of the two external-dns annotation prefixes. */
export type ExternalDnsAnnotationPrefix =
  (typeof EXTERNAL_DNS_ANNOTATION_PREFIXES)[number];

/** An external-dns annotation value and where it was found. */
export interface ExternalDnsAnnotation {
  value: string;
  prefix: ExternalDnsAnnotationPrefix;
  /** The full annotation name, e.g. `external-dns.alpha.kubernetes.io/hostname`. */
  annotation: string;
  /** Set when the other prefix carries a different value: an external-dns version reads only one. */
  conflictingValue?: { prefix: ExternalDnsAnnotationPrefix; value: string };
}

/**
 * Reads an external-dns annotation (`hostname`, `target`, `ttl`, `cloudflare-proxied`,
 * `internal-hostname`, ...) under either prefix. Undefined when neither is set.
 */
export function readExternalDnsAnnotation(
  annotations: Record<string, string> | undefined,
  key: string,
): ExternalDnsAnnotation | undefined {
  const found = EXTERNAL_DNS_ANNOTATION_PREFIXES.filter(prefix =>
    Object.prototype.hasOwnProperty.call(annotations ?? {}, `${prefix}${key}`),
  ).map(prefix => ({ prefix, value: String(annotations![`${prefix}${key}`]) }));
  if (found.length === 0) return undefined;
  const [first, second] = found;
  const result: ExternalDnsAnnotation = {
    value: first.value,
    prefix: first.prefix,
    annotation: `${first.prefix}${key}`,
  };
  if (second && second.value.trim() !== first.value.trim())
    result.conflictingValue = second;
  return result;
}

/**
 * The hostnames of an external-dns hostname-list annotation (`hostname` by default,
 * or `internal-hostname`): comma-separated, trimmed, lower-cased, without the
 * trailing dot, duplicates removed.
 */
export function externalDnsHostnames(
  annotations: Record<string, string> | undefined,
  key: 'hostname' | 'internal-hostname' = 'hostname',
): string[] {
  const found = readExternalDnsAnnotation(annotations, key);
  if (!found) return [];
  const hostnames = found.value
    .split(',')
    .map(hostname => hostname.trim().toLowerCase().replace(/\.$/, ''))
    .filter(hostname => hostname !== '');
  return [...new Set(hostnames)];
}

/** The `cloudflare-proxied` annotation as a boolean; undefined when unset or not `true`/`false`. */
export function isCloudflareProxied(
  annotations: Record<string, string> | undefined,
): boolean | undefined {
  const value = readExternalDnsAnnotation(annotations, 'cloudflare-proxied')
    ?.value.trim()
    .toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
