/** Public surface of the demo cluster's k8s_gateway-like DNS server. */
export { startDnsServer } from './server.ts';
export type { DnsServerHandle, DnsServerOptions } from './server.ts';
export { lookupHostname, canonicalName, SERVICE_HOSTNAME_ANNOTATIONS } from './hostname-lookup.ts';
export type { HostnameMatch } from './hostname-lookup.ts';
