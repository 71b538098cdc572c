import { useCallback, useState } from 'react';
import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Box, Grid, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import { networkApiRef } from '../../api';
import { useClusterChanged } from '../../hooks/useClusterChanged';
import { useLiveResource } from '../../hooks/useLiveResource';
import { NetworkErrorPanel, explainNetworkError } from '../NetworkErrorPanel';
import { ClusterStateBanner } from './ClusterStateBanner';
import { HealthSummary } from './HealthSummary';
import { healthSummary } from './healthSummary';
import { CertificatesSection } from './sections/CertificatesSection';
import { CiliumSection } from './sections/CiliumSection';
import { DnsSection } from './sections/DnsSection';
import { GatewaysSection } from './sections/GatewaysSection';
import { L2Section } from './sections/L2Section';
import { PoolsSection } from './sections/PoolsSection';
import { RawOverviewSection } from './sections/RawOverviewSection';
import { RoutesSection } from './sections/RoutesSection';

function isAbsent(missing: string[], kind: string): boolean {
  return missing.some(entry => entry === kind || entry.endsWith(`/${kind}`));
}

/**
 * One cluster's network: health summary first, then gateways, routes, pools, L2, Cilium,
 * certificates and DNS, raw data last. A `network:cluster-changed` signal refreshes the data
 * in place; which panels are open lives here, so it survives the refresh.
 */
export const ClusterOverviewPanel = ({ cluster }: { cluster: string }) => {
  const networkApi = useApi(networkApiRef);
  const load = useCallback(
    (name: string) => networkApi.getOverview(name),
    [networkApi],
  );
  const {
    value: overview,
    error,
    loading,
    refresh,
  } = useLiveResource(cluster, load);
  useClusterChanged(cluster, refresh);

  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const toggle = useCallback((key: string) => {
    setExpanded(previous => {
      const next = new Set(previous);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  if (loading) return <Progress />;
  if (!overview) {
    return error ? <NetworkErrorPanel error={error} onRetry={refresh} /> : null;
  }
  const { missing } = overview;
  return (
    <Grid container spacing={3} direction="column">
      <Grid item>
        {error && (
          <Box mb={2}>
            <Alert severity="warning">
              Refreshing failed ({explainNetworkError(error).title}); showing
              the data from {overview.generatedAt}.
            </Alert>
          </Box>
        )}
        <ClusterStateBanner overview={overview} />
        <HealthSummary tiles={healthSummary(overview)} />
        <Typography variant="caption" color="textSecondary">
          Generated {overview.generatedAt}; updates live when the cluster
          changes.
        </Typography>
      </Grid>
      <Grid item>
        <GatewaysSection
          cluster={cluster}
          gateways={overview.gateways}
          refreshKey={overview.generatedAt}
          absent={isAbsent(missing, 'Gateway')}
          expanded={expanded}
          onToggle={toggle}
        />
      </Grid>
      <Grid item>
        <RoutesSection
          cluster={cluster}
          routeCounts={overview.routeCounts}
          refreshKey={overview.generatedAt}
          ingresses={overview.ingresses}
          absent={
            isAbsent(missing, 'HTTPRoute') && overview.ingresses.length === 0
          }
        />
      </Grid>
      <Grid item>
        <PoolsSection
          pools={overview.pools}
          absent={isAbsent(missing, 'CiliumLoadBalancerIPPool')}
        />
      </Grid>
      <Grid item>
        <L2Section
          policies={overview.l2Policies}
          leases={overview.l2Leases}
          absent={isAbsent(missing, 'CiliumL2AnnouncementPolicy')}
        />
      </Grid>
      <Grid item>
        <CiliumSection cilium={overview.cilium} />
      </Grid>
      <Grid item>
        <CertificatesSection
          certificates={overview.certificates}
          absent={isAbsent(missing, 'Certificate')}
        />
      </Grid>
      <Grid item>
        <DnsSection
          records={overview.dns}
          missing={missing}
          notChecked={overview.dnsNotChecked}
        />
      </Grid>
      <Grid item>
        <RawOverviewSection
          overview={overview}
          expanded={expanded.has('raw')}
          onToggle={() => toggle('raw')}
        />
      </Grid>
    </Grid>
  );
};
