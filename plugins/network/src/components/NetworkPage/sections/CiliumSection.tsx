import { Typography } from '@material-ui/core';
import type { CiliumSummary } from '@internal/plugin-network-common';
import { StateLabel, stateSeverity } from '../../StateLabel';
import { StateTable } from '../../StateTable';
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
      <StateTable
        label="Cilium agents"
        rows={agents}
        rowKey={agent => agent.pod}
        columns={[
          { title: 'Node', render: agent => agent.node },
          {
            title: 'Agent',
            render: agent => {
              const state = agentState(agent);
              return (
                <StateLabel state={state.state}>{state.reason}</StateLabel>
              );
            },
          },
          { title: 'Pod', render: agent => agent.pod },
          { title: 'Phase', render: agent => agent.phase },
          {
            title: 'Restarts',
            align: 'right',
            render: agent => agent.restarts,
          },
        ]}
      />
    </SectionCard>
  );
};
