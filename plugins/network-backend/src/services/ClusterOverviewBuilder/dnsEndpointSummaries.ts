import { DnsEndpointSummary } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';

/** Every DNSEndpoint with the names it publishes, as a new hostname's availability check needs them. */
export function dnsEndpointSummaries(cache: ClusterCache): DnsEndpointSummary[] {
  return cache.list('DNSEndpoint').map(record => ({
    namespace: record.metadata.namespace,
    name: record.metadata.name,
    dnsNames: (record.spec?.endpoints ?? [])
      .map((endpoint: any) => String(endpoint.dnsName ?? '').toLowerCase().replace(/\.$/, ''))
      .filter((name: string) => name !== ''),
  }));
}
