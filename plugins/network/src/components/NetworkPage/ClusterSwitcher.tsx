import { FormControl, InputLabel, MenuItem, Select } from '@material-ui/core';
import type { ClusterSummary } from '@internal/plugin-network-common';

const HEALTH_TEXT: Record<ClusterSummary['health'], string> = {
  healthy: 'in sync',
  stale: 'stale',
  unreachable: 'unreachable',
  starting: 'loading',
};

/** Picks the cluster the page shows; each option says how well the backend knows it. */
export const ClusterSwitcher = (props: {
  clusters: ClusterSummary[];
  selected: string;
  onChange: (cluster: string) => void;
}) => (
  <FormControl variant="outlined" size="small" style={{ minWidth: 280 }}>
    <InputLabel id="network-cluster-label">Cluster</InputLabel>
    <Select
      labelId="network-cluster-label"
      label="Cluster"
      value={props.selected}
      onChange={event => props.onChange(String(event.target.value))}
    >
      {props.clusters.map(cluster => (
        <MenuItem key={cluster.name} value={cluster.name}>
          {cluster.title ?? cluster.name} ({HEALTH_TEXT[cluster.health]})
        </MenuItem>
      ))}
    </Select>
  </FormControl>
);
