import { CheckFinding, isDnsEgressAllowed } from '@internal/plugin-network-common';
import { refOf } from '../../../RequestPathResolver/objectRefs';
import { podEndpoint } from '../../../RequestPathResolver/policyHops';
import { CheckContext, DiagnosticCheck } from '../../DiagnosticCheck';
import { countOf, objectFinding, objectsInScope } from '../../scopedObjects';
import { PoliciesByNamespace } from './policiesByNamespace';

/** Labels that differ between pods of one workload; policies never select on them. */
const PER_POD_LABELS = new Set(['pod-template-hash', 'controller-revision-hash', 'statefulset.kubernetes.io/pod-name', 'apps.kubernetes.io/pod-index', 'pod-template-generation']);

/** Pods a run's scope covers that policies apply to (running, outside kube-*). */
function podsToCheck(context: CheckContext): any[] {
  const pods = context.scope.kind === 'cluster' ? context.cache.list('Pod') : objectsInScope(context, 'Pod');
  return pods.filter(
    pod => !pod.metadata.namespace.startsWith('kube-') && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed' && !pod.metadata.deletionTimestamp,
  );
}

/** Pods of one workload share a verdict: group them by namespace and workload labels. */
function groupByWorkload(pods: any[]): { labels: string; pods: any[] }[] {
  const groups = new Map<string, { labels: string; pods: any[] }>();
  for (const pod of pods) {
    const labels = Object.entries<string>(pod.metadata.labels ?? {})
      .filter(([key]) => !PER_POD_LABELS.has(key))
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    const key = `${pod.metadata.namespace}|${labels}`;
    const group = groups.get(key) ?? { labels, pods: [] };
    group.pods.push(pod);
    groups.set(key, group);
  }
  return [...groups.values()];
}

/**
 * Pods whose egress policies block DNS to CoreDNS (UDP/53 fails: every lookup fails; only
 * TCP/53 blocked warns: large answers fail). A default-deny egress without a DNS allow rule is
 * the usual cause.
 */
export const dnsEgressCheck: DiagnosticCheck = {
  id: 'policies.dns-egress',
  title: 'Policies allow DNS egress',
  category: 'policies',
  scopes: ['cluster', 'namespace', 'entity'],
  description:
    'Evaluates the egress policies of every workload (pods grouped by their labels) for traffic to the kube-dns pods in kube-system on UDP/53 and TCP/53.',
  manualCommand: 'kubectl run dns-test -n <namespace> --image=busybox --rm -it -- nslookup kubernetes.default.svc.cluster.local',
  remediation:
    "Allow DNS egress in the namespace: a NetworkPolicy with egress.to namespaceSelector kubernetes.io/metadata.name=kube-system and podSelector k8s-app=kube-dns, ports UDP 53 and TCP 53 (or a CiliumNetworkPolicy with toEndpoints k8s:io.kubernetes.pod.namespace=kube-system, k8s-app=kube-dns and toPorts 53/ANY).",
  async run(context) {
    const { cache } = context;
    if (PoliciesByNamespace.noPolicyApi(cache)) {
      return { findings: [], summary: 'No policy API is served', skippedBecause: 'the cluster serves neither NetworkPolicy nor CiliumNetworkPolicy' };
    }
    const policies = new PoliciesByNamespace(cache);
    const groups = groupByWorkload(podsToCheck(context));
    // Workloads of a namespace blocked by the same policies are one finding, not one per workload.
    const blocked = new Map<string, { outcome: 'fail' | 'warn'; reason: string; decision: ReturnType<typeof isDnsEgressAllowed>; groups: typeof groups }>();
    for (const group of groups) {
      const pod = group.pods[0];
      const decision = isDnsEgressAllowed(podEndpoint(cache, pod), policies.for(pod.metadata.namespace));
      if (decision.allowed && decision.tcp.allowed) continue;
      const key = `${pod.metadata.namespace}|${decision.allowed}|${decision.message}`;
      const entry = blocked.get(key) ?? {
        outcome: decision.allowed ? 'warn' : 'fail',
        reason: decision.allowed ? 'DnsTcpEgressDenied' : 'DnsEgressDenied',
        decision,
        groups: [],
      };
      entry.groups.push(group);
      blocked.set(key, entry);
    }
    const findings: CheckFinding[] = [...blocked.values()].map(({ outcome, reason, decision, groups: members }) => {
      const pod = members[0].pods[0];
      const namespace = pod.metadata.namespace;
      const refs = [...decision.udp.deniedBy, ...decision.udp.selecting];
      const single = members.length === 1;
      const finding = objectFinding(
        outcome,
        refOf('Pod', pod, 'v1'),
        `${reason}: ${single ? '' : `${members.length} workloads: `}${decision.message}`,
        {
          [single ? 'podLabels' : 'workloads']: members.slice(0, 20).map(member => `{${member.labels}}`).join(', '),
          pods: members.flatMap(member => member.pods).slice(0, 10).map(member => member.metadata.name).join(', '),
          'udp/53': decision.udp.verdict,
          'tcp/53': decision.tcp.verdict,
          policies: refs.map(ref => `${ref.kind}/${ref.name}`).join(', ') || 'none',
        },
        refs,
      );
      return { ...finding, subject: single ? `Pods {${members[0].labels}} in ${namespace}` : `${members.length} workloads in ${namespace}` };
    });
    const blockedCount = [...blocked.values()].reduce((sum, entry) => sum + entry.groups.length, 0);
    return {
      findings,
      summary: findings.length > 0 ? `${blockedCount} of ${countOf(groups.length, 'workload')} with DNS egress blocked` : `${countOf(groups.length, 'workload')}, all may query cluster DNS`,
    };
  },
};
