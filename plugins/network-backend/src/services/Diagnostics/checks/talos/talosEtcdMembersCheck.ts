import { CheckFinding } from '@internal/plugin-network-common';
import { TalosClientError } from '../../../TalosClient/TalosClientError';
import {
  TalosEtcdMember,
  TalosEtcdMembers,
} from '../../../TalosClient/talosResults';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { talosAccessSkip } from './talosAccessSkip';
import { talosErrorFinding } from './talosErrorFinding';
import {
  nodeLabel,
  TalosTargetNode,
  talosTargetNodes,
} from './talosTargetNodes';

/** The member that is this node: same hostname, or its address in a peer URL. */
function memberOf(
  node: TalosTargetNode,
  members: TalosEtcdMember[],
): TalosEtcdMember | undefined {
  return members.find(
    member =>
      member.hostname === node.name ||
      member.peerUrls.some(
        url => hostOfUrl(url) === node.address.replace(/^\[|\]$/g, ''),
      ),
  );
}

function hostOfUrl(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return undefined;
  }
}

function memberTable(members: TalosEtcdMember[]): string {
  return ['ID\tHOSTNAME\tPEER URLS\tCLIENT URLS\tLEARNER']
    .concat(
      members.map(
        member =>
          `${member.id}\t${member.hostname}\t${member.peerUrls.join(
            ',',
          )}\t${member.clientUrls.join(',')}\t${member.isLearner}`,
      ),
    )
    .join('\n');
}

/**
 * Every control-plane node is a voting etcd member (EtcdMemberList). A control plane missing
 * from etcd does not hold data; a member still a learner has not caught up; a member that is
 * no control plane is a leftover of a removed machine and counts against the quorum.
 */
export const talosEtcdMembersCheck: DiagnosticCheck = {
  id: 'talos.etcd-members',
  title: 'Control-plane nodes are all etcd members',
  category: 'talos',
  scopes: ['cluster'],
  description:
    'Asks a control-plane node for the etcd member list and compares it with the control-plane nodes (Kubernetes nodes with the control-plane role label): a control plane that is not a member fails; a learner or a member that is no control plane warns.',
  manualCommand: 'talosctl -n <control-plane node> etcd members',
  remediation:
    'Not a member: check etcd on that node (talosctl -n <node> service etcd; talosctl -n <node> logs etcd); a node that never joined may need talosctl reset and a fresh join. A learner that stays one: etcd cannot catch up (network between control planes, disk). A member that is no control plane: remove it (talosctl -n <healthy control plane> etcd remove-member <id>).',
  async run(context) {
    const skipped = talosAccessSkip(context);
    if (skipped) return skipped;
    const nodes = talosTargetNodes(context);
    const controlPlanes = nodes.filter(node => node.controlPlane);
    // Ask the control planes first; the talosconfig's nodes when Kubernetes names none.
    const candidates =
      controlPlanes.length > 0
        ? controlPlanes
        : nodes.filter(node => node.controlPlane === undefined);

    let answer:
      | { node: TalosTargetNode; members: TalosEtcdMembers }
      | undefined;
    const failures: CheckFinding[] = [];
    for (const node of candidates.length > 0 ? candidates : [undefined]) {
      try {
        answer = {
          node: node ?? { name: 'endpoint node', address: '' },
          members: await context.talos!.etcdMemberList(node?.address, {
            signal: context.signal,
          }),
        };
        break;
      } catch (error) {
        if (!(error instanceof TalosClientError)) throw error;
        failures.push(
          talosErrorFinding(
            `node ${node ? nodeLabel(node) : 'endpoint'}`,
            error,
            `talosctl -n ${node?.address ?? ''} etcd members`,
          ),
        );
      }
    }
    if (!answer) {
      return {
        findings: failures,
        summary: `no control-plane node answered EtcdMemberList (${failures.length} asked)`,
      };
    }

    const { members } = answer.members;
    const findings: CheckFinding[] = [];
    for (const node of controlPlanes) {
      const member = memberOf(node, members);
      const subject = `node ${nodeLabel(node)}`;
      if (!member) {
        findings.push({
          outcome: 'fail',
          subject,
          message: 'is a control-plane node but not an etcd member',
          evidence: {
            fields: { members: members.map(m => m.hostname).join(', ') },
          },
        });
      } else if (member.isLearner) {
        findings.push({
          outcome: 'warn',
          subject,
          message: `is etcd member ${member.id} but still a learner (not a voting member yet)`,
          evidence: { fields: { id: member.id, isLearner: 'true' } },
        });
      } else {
        findings.push({
          outcome: 'pass',
          subject,
          message: `voting etcd member ${member.id}`,
          evidence: {
            fields: { id: member.id, peerUrls: member.peerUrls.join(', ') },
          },
        });
      }
    }
    for (const member of members) {
      if (controlPlanes.some(node => memberOf(node, [member]))) continue;
      const known = controlPlanes.length > 0;
      findings.push({
        outcome: member.isLearner || known ? 'warn' : 'pass',
        subject: `etcd member ${member.hostname || member.id}`,
        message: known
          ? `member ${member.id} is not a control-plane node of the cluster${
              member.isLearner ? ' (learner)' : ''
            }`
          : `member ${member.id}${
              member.isLearner ? ', still a learner' : ''
            } (no control-plane nodes known to compare with)`,
        evidence: {
          fields: {
            id: member.id,
            peerUrls: member.peerUrls.join(', '),
            isLearner: String(member.isLearner),
          },
        },
      });
    }

    const missing = findings.filter(
      finding => finding.outcome === 'fail',
    ).length;
    const learners = members.filter(member => member.isLearner).length;
    let summary = `${
      controlPlanes.length
    } control-plane nodes, all etcd members${
      learners > 0 ? `; ${learners} learner(s)` : ''
    }`;
    if (controlPlanes.length === 0) {
      summary = `${members.length} etcd members; no control-plane nodes known to compare with`;
    } else if (missing > 0) {
      summary = `${missing} of ${controlPlanes.length} control-plane nodes not etcd members`;
    }
    return {
      // A node asked first that did not answer is worth seeing even when another one did.
      findings: [...failures, ...findings],
      summary,
      evidence: {
        command: {
          text: `talosctl -n ${answer.node.address || 'endpoint'} etcd members`,
          output: memberTable(members),
        },
      },
    };
  },
};
