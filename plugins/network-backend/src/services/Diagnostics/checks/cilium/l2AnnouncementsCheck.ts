import { CheckFinding, matchesLabelSelector, ObjectRef } from '@internal/plugin-network-common';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { CiliumAgent, ciliumNotInstalledReason, findCiliumAgents, nodeRef } from './ciliumAgents';
import { commandEvidence } from './commandEvidence';
import { AgentExec, execInAgents } from './execInAgents';
import { LoadBalancerService, loadBalancerServicesInScope } from './loadBalancerServices';
import { parseL2AnnounceTable } from './parseL2AnnounceTable';

const L2_COMMAND = ['cilium-dbg', 'statedb', 'l2-announce'];
/** Cilium's lease per announced service: `cilium-l2announce-<namespace>-<service>` in kube-system. */
const LEASE_PREFIX = 'cilium-l2announce-';
const LEASE_NAMESPACE = 'kube-system';
// Renewals are not instant; a lease is stale only well past its duration (clocks differ too).
const LEASE_GRACE_MS = 30_000;

/** The policies that announce a Service's LoadBalancer IPs. */
function policiesFor(entry: LoadBalancerService, policies: any[]): any[] {
  // Cilium matches serviceSelector against the labels plus these two (like CiliumNetworkPolicy's k8s: labels).
  const labels = {
    ...(entry.service.metadata.labels ?? {}),
    'io.kubernetes.service.namespace': entry.ref.namespace ?? '',
    'io.kubernetes.service.name': entry.ref.name,
  };
  return policies.filter(policy => policy.spec?.loadBalancerIPs === true && matchesLabelSelector(policy.spec?.serviceSelector, labels, 'matches-everything'));
}

function policyRef(policy: any): ObjectRef {
  return { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumL2AnnouncementPolicy', name: policy.metadata.name };
}

function leaseExpiredSince(lease: any, now: number): number | undefined {
  const renewed = Date.parse(lease.spec?.renewTime ?? lease.spec?.acquireTime ?? '');
  const duration = Number(lease.spec?.leaseDurationSeconds ?? 0) * 1000;
  if (!Number.isFinite(renewed) || duration <= 0) return undefined;
  const expiredFor = now - (renewed + duration);
  return expiredFor > LEASE_GRACE_MS ? expiredFor : undefined;
}

/** The table's header and the rows of the given addresses. */
function rowsAbout(output: string, ips: string[]): string {
  const lines = output.split('\n');
  const rows = lines.filter(line => ips.includes(line.trim().split(/\s+/)[0]));
  return [lines[0], ...rows].join('\n');
}

/** `cilium.l2-announcements`: each announced LoadBalancer IP has a lease holder that answers ARP for it. */
export const l2AnnouncementsCheck: DiagnosticCheck = {
  id: 'cilium.l2-announcements',
  title: 'L2 announcements: lease holders announce their IPs',
  category: 'cilium',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'For each LoadBalancer IP a CiliumL2AnnouncementPolicy selects, one agent holds the lease cilium-l2announce-<namespace>-<service> in kube-system and answers ARP for the IP. Compares the leases with `cilium-dbg statedb l2-announce` on the holders: without a fresh lease or an announcing holder, the IP is unreachable from the LAN.',
  manualCommand: 'kubectl get leases -n kube-system | grep cilium-l2announce; kubectl exec -n kube-system <holder agent pod> -c cilium-agent -- cilium-dbg statedb l2-announce',
  remediation:
    "Check that a policy selects the service (serviceSelector) and nodes with a Ready agent (nodeSelector, interfaces matching the node's NIC); that cilium-config has enable-l2-announcements=true and the agents may write leases in kube-system. A holder that does not announce: restart its agent pod; the lease moves to another candidate.",
  async run(context) {
    const skippedBecause = ciliumNotInstalledReason(context.cache);
    if (skippedBecause) return { findings: [], summary: skippedBecause, skippedBecause };
    if (!context.cache.has('CiliumL2AnnouncementPolicy')) {
      const reason = 'L2 announcements are not in use: the cluster does not serve CiliumL2AnnouncementPolicy';
      return { findings: [], summary: reason, skippedBecause: reason };
    }
    const policies = context.cache.list('CiliumL2AnnouncementPolicy');
    if (policies.length === 0) {
      const reason = 'No CiliumL2AnnouncementPolicy: LoadBalancer IPs are not announced over L2 (BGP or another announcer may be in use)';
      return { findings: [], summary: reason, skippedBecause: reason };
    }

    const services = loadBalancerServicesInScope(context);
    if (services.length === 0) return { findings: [], summary: 'No LoadBalancer service with an address in scope' };
    const agentsByNode = new Map<string, CiliumAgent>(findCiliumAgents(context.cache).map(agent => [agent.nodeName, agent]));
    const now = Date.now();

    // First the lease of each selected service, then one exec per distinct holder.
    const findings: CheckFinding[] = [];
    const toVerify: Array<{ entry: LoadBalancerService; lease: any; holder: string; objects: ObjectRef[] }> = [];
    for (const entry of services) {
      const serviceName = `${entry.ref.namespace}/${entry.ref.name}`;
      const selecting = policiesFor(entry, policies);
      if (selecting.length === 0) {
        findings.push({
          outcome: 'warn',
          subject: `Service ${serviceName}`,
          message: `${entry.ips.join(', ')} is not selected by any CiliumL2AnnouncementPolicy with loadBalancerIPs: true, so no node answers ARP for it`,
          object: entry.ref,
          evidence: { objects: [entry.ref, ...policies.map(policyRef)] },
        });
        continue;
      }
      const leaseName = `${LEASE_PREFIX}${entry.ref.namespace}-${entry.ref.name}`;
      const leaseObject: ObjectRef = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', namespace: LEASE_NAMESPACE, name: leaseName };
      const objects = [entry.ref, leaseObject, ...selecting.map(policyRef)];
      const lease = context.cache.get('Lease', LEASE_NAMESPACE, leaseName);
      const holder: string | undefined = lease?.spec?.holderIdentity;
      if (!lease || !holder) {
        findings.push({
          outcome: 'fail',
          subject: `Service ${serviceName}`,
          message: `No holder for lease ${LEASE_NAMESPACE}/${leaseName}: no agent announces ${entry.ips.join(', ')}`,
          object: entry.ref,
          evidence: { objects, fields: { 'spec.holderIdentity': holder ?? '(no lease)' } },
        });
        continue;
      }
      const holderAgent = agentsByNode.get(holder);
      const expiredFor = leaseExpiredSince(lease, now);
      if (expiredFor !== undefined || !holderAgent?.readiness.ready) {
        let why = `the lease expired ${Math.round((expiredFor ?? 0) / 1000)} s ago (renewTime ${lease.spec?.renewTime})`;
        if (!holderAgent) why = `node ${holder} has no Cilium agent`;
        else if (!holderAgent.readiness.ready) why = `its agent ${holderAgent.namespace}/${holderAgent.pod} is not Ready`;
        findings.push({
          outcome: 'fail',
          subject: `Service ${serviceName}`,
          message: `Lease ${leaseName} is held by ${holder} but ${why}: ${entry.ips.join(', ')} may not be answered`,
          object: entry.ref,
          evidence: { objects: [...objects, nodeRef(holder)], fields: { 'spec.holderIdentity': holder, 'spec.renewTime': String(lease.spec?.renewTime ?? '') } },
        });
        continue;
      }
      toVerify.push({ entry, lease, holder, objects: [...objects, holderAgent.ref, nodeRef(holder)] });
    }

    const holders = [...new Set(toVerify.map(item => item.holder))].map(node => agentsByNode.get(node)!);
    const execs = new Map<string, AgentExec>((await execInAgents(context, holders, L2_COMMAND)).map(exec => [exec.agent.nodeName, exec]));
    for (const { entry, holder, objects, lease } of toVerify) {
      const serviceName = `${entry.ref.namespace}/${entry.ref.name}`;
      const exec = execs.get(holder)!;
      const fields = { 'spec.holderIdentity': holder, 'spec.renewTime': String(lease.spec?.renewTime ?? '') };
      if (!exec.result || exec.result.exitCode !== 0) {
        findings.push({
          outcome: 'error',
          subject: `Service ${serviceName}`,
          message: `Could not read the announcements of ${holder}: ${exec.error?.message ?? `exit code ${exec.result?.exitCode}: ${exec.result?.stderr.trim()}`}`,
          object: entry.ref,
          evidence: { objects, fields, command: exec.result ? commandEvidence(exec.commandText, exec.result) : { text: exec.commandText, output: exec.error?.message ?? '' } },
        });
        continue;
      }
      let announced: Set<string>;
      try {
        announced = new Set(parseL2AnnounceTable(exec.result.stdout).map(announcement => announcement.ip));
      } catch (error) {
        findings.push({
          outcome: 'error',
          subject: `Service ${serviceName}`,
          message: `Could not read the announcements of ${holder}: ${(error as Error).message}`,
          object: entry.ref,
          evidence: { objects, fields, command: commandEvidence(exec.commandText, exec.result) },
        });
        continue;
      }
      const missing = entry.ips.filter(ip => !announced.has(ip));
      findings.push({
        outcome: missing.length > 0 ? 'fail' : 'pass',
        subject: `Service ${serviceName}`,
        message:
          missing.length > 0
            ? `Lease holder ${holder} does not announce ${missing.join(', ')} (absent from statedb l2-announce)`
            : `${entry.ips.join(', ')} announced by ${holder}`,
        object: entry.ref,
        // A pass shows its own rows only (a holder of many services prints them all) and no
        // object list: large clusters have thousands of passing services per run.
        evidence:
          missing.length > 0
            ? { objects, fields, command: commandEvidence(exec.commandText, exec.result) }
            : { fields, command: commandEvidence(exec.commandText, exec.result, rowsAbout(exec.result.stdout, entry.ips)) },
      });
    }
    const problems = findings.filter(finding => finding.outcome !== 'pass').length;
    const summary =
      problems === 0
        ? `${services.length} LoadBalancer services announced by their lease holders`
        : `${problems} of ${services.length} LoadBalancer services not announced as expected`;
    return { findings, summary };
  },
};
