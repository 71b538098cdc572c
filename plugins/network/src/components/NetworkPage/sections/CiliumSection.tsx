import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import type { CiliumSummary } from '@internal/plugin-network-common';
import { StateLabel, stateSeverity } from '../../StateLabel';
import { agentState } from '../objectStates';
import { SectionCard } from './SectionCard';

/** Cilium per node: is the agent pod ready; DaemonSet and operator totals above. */
export const CiliumSection = ({ cilium }: { cilium: CiliumSummary }) => {
  if (!cilium.installed) {
    return (
      <SectionCard id="cilium" title="Cilium">
        <Typography>
          Cilium was not found in this cluster (no cilium DaemonSet or agent
          pods in kube-system). LB-IPAM, L2 announcements and the Cilium gateway
          need it.
        </Typography>
      </SectionCard>
    );
  }
  const agents = [...cilium.agents].sort(
    (a, b) =>
      stateSeverity(agentState(a).state) - stateSeverity(agentState(b).state) ||
      a.node.localeCompare(b.node),
  );
  const facts = [
    cilium.version && `version ${cilium.version}`,
    cilium.kubeProxyReplacement &&
      `kube-proxy replacement ${cilium.kubeProxyReplacement}`,
    cilium.daemonSet &&
      `DaemonSet ${cilium.daemonSet.ready}/${cilium.daemonSet.desired} ready`,
    cilium.operator &&
      `operator ${cilium.operator.ready}/${cilium.operator.desired} ready`,
  ].filter(Boolean);
  return (
    <SectionCard id="cilium" title="Cilium" subtitle={facts.join(' · ')}>
      <Table size="small" aria-label="Cilium agents">
        <TableHead>
          <TableRow>
            <TableCell>Node</TableCell>
            <TableCell>Agent</TableCell>
            <TableCell>Pod</TableCell>
            <TableCell>Phase</TableCell>
            <TableCell align="right">Restarts</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {agents.map(agent => {
            const state = agentState(agent);
            return (
              <TableRow key={agent.pod}>
                <TableCell>{agent.node}</TableCell>
                <TableCell>
                  <StateLabel state={state.state}>{state.reason}</StateLabel>
                </TableCell>
                <TableCell>{agent.pod}</TableCell>
                <TableCell>{agent.phase}</TableCell>
                <TableCell align="right">{agent.restarts}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </SectionCard>
  );
};
