import {
  ClusterOverview,
  DnsEndpointSummary,
} from '@internal/plugin-network-common';
import { ClusterApi } from '../ClusterApi/ClusterApi';

/**
 * The overview with its DNSEndpoints filled in, for `hostnameClaims` from network-common
 * (the same rule the HostnamePicker applies in the browser). A network backend that predates
 * `overview.dnsEndpoints` leaves them out; then they are listed from the cluster.
 */
export async function withDnsEndpoints(
  overview: ClusterOverview,
  clusterApi: ClusterApi,
  cluster: string,
): Promise<ClusterOverview> {
  if (overview.dnsEndpoints) return overview;
  const list = await clusterApi.get(
    cluster,
    '/apis/externaldns.k8s.io/v1alpha1/dnsendpoints',
  );
  const dnsEndpoints: DnsEndpointSummary[] = (list?.items ?? []).map(
    (record: any) => ({
      namespace: record.metadata?.namespace,
      name: record.metadata?.name,
      dnsNames: (record.spec?.endpoints ?? []).map((endpoint: any) =>
        String(endpoint.dnsName ?? '')
          .toLowerCase()
          .replace(/\.$/, ''),
      ),
    }),
  );
  return { ...overview, dnsEndpoints };
}
