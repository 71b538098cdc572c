import type { ClusterSummary } from '@internal/plugin-network-common';
import type { FieldChoice } from '../GatewayPicker/gatewayChoices';

const HEALTH_TEXT: Record<ClusterSummary['health'], string> = {
  healthy: 'Healthy',
  stale: 'Stale (watch behind)',
  unreachable: 'Unreachable',
  starting: 'Starting',
};

/** The network backend's clusters as picker entries, with how well the backend knows each. */
export function clusterChoices(clusters: ClusterSummary[]): FieldChoice[] {
  return clusters.map(cluster => ({
    value: cluster.name,
    label: cluster.title ? `${cluster.title} (${cluster.name})` : cluster.name,
    state: HEALTH_TEXT[cluster.health],
    healthy: cluster.health === 'healthy',
    detail: cluster.lastSyncAt
      ? `last sync ${new Date(cluster.lastSyncAt).toISOString()}`
      : 'not synced yet',
  }));
}
