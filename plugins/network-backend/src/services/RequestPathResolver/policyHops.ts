import { Hop, HostnamePath } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { evaluatePolicies, PolicySet, PolicyVerdict, TrafficPeer } from '../PolicyEvaluation/PolicyEvaluation';
import { fixHintFor } from './fixHints';

function verdictMessage(verdict: PolicyVerdict, notIsolated: string, denied: string): string {
  if (!verdict.allowed) return denied;
  return verdict.isolated ? `Allowed by ${verdict.decidingPolicies.join(', ')}` : notIsolated;
}

/** The policies of the cache, in the shape the evaluation reads. */
function policySet(cache: ClusterCache): PolicySet {
  return {
    networkPolicies: cache.list('NetworkPolicy'),
    ciliumNetworkPolicies: cache.list('CiliumNetworkPolicy'),
    ciliumClusterwideNetworkPolicies: cache.list('CiliumClusterwideNetworkPolicy'),
  };
}

function namespaceLabels(cache: ClusterCache, namespace: string): Record<string, string> {
  return cache.get('Namespace', undefined, namespace)?.metadata.labels ?? { 'kubernetes.io/metadata.name': namespace };
}

/** The numeric pod ports the path's Services send to (targetPort, named ports resolved on the pod). */
function targetPorts(cache: ClusterCache, path: HostnamePath, pod: any): number[] {
  const serviceRefs = path.hops.filter(hop => hop.kind === 'service' || hop.kind === 'loadbalancer-ip').flatMap(hop => hop.evidence.objects.filter(ref => ref.kind === 'Service'));
  const containerPorts: any[] = (pod.spec?.containers ?? []).flatMap((container: any) => container.ports ?? []);
  const ports = new Set<number>();
  for (const ref of serviceRefs) {
    const service = cache.get('Service', ref.namespace, ref.name);
    if (!service || service.metadata.namespace !== pod.metadata.namespace) continue;
    for (const port of service.spec?.ports ?? []) {
      const target = port.targetPort ?? port.port;
      if (typeof target === 'number') ports.add(target);
      else {
        const named = containerPorts.find(candidate => candidate.name === target);
        if (named) ports.add(named.containerPort);
        else if (/^\d+$/.test(String(target))) ports.add(Number(target));
      }
    }
  }
  return [...ports];
}

/** Who sends a path's traffic to the pods: Cilium's gateway Envoy, an ingress controller, or the world. */
function sourceOf(cache: ClusterCache, path: HostnamePath): { label: string; peer: TrafficPeer } | undefined {
  const gatewayRef = path.hops.find(hop => hop.kind === 'gateway-listener')?.evidence.objects.find(ref => ref.kind === 'Gateway');
  if (gatewayRef?.namespace) {
    return {
      label: `gateway ${gatewayRef.namespace}/${gatewayRef.name}`,
      // Cilium's gateway Envoy sends with the reserved `ingress` identity; k8s NetworkPolicies see its namespace.
      peer: { namespace: gatewayRef.namespace, namespaceLabels: namespaceLabels(cache, gatewayRef.namespace), podLabels: {}, entities: ['ingress', 'cluster'] },
    };
  }
  const ingressHop = path.hops.find(hop => hop.kind === 'ingress');
  if (ingressHop) {
    const controllerRef = path.hops.find(hop => hop.kind === 'loadbalancer-ip')?.evidence.objects.find(ref => ref.kind === 'Service');
    const controllerService = controllerRef ? cache.get('Service', controllerRef.namespace, controllerRef.name) : undefined;
    if (!controllerService) return undefined;
    const selector = controllerService.spec?.selector ?? {};
    const controllerPod = cache
      .list('Pod', controllerService.metadata.namespace)
      .find(pod => Object.entries(selector).every(([key, value]) => pod.metadata.labels?.[key] === value));
    return {
      label: `ingress controller ${controllerService.metadata.namespace}/${controllerService.metadata.name}`,
      peer: {
        namespace: controllerService.metadata.namespace,
        namespaceLabels: namespaceLabels(cache, controllerService.metadata.namespace),
        podLabels: controllerPod?.metadata.labels ?? selector,
        entities: ['cluster'],
      },
    };
  }
  if (path.hops.some(hop => hop.kind === 'loadbalancer-ip')) {
    return { label: 'clients outside the cluster', peer: { namespace: '', namespaceLabels: {}, podLabels: {}, entities: ['world'] } };
  }
  return undefined;
}

/**
 * The policy hops beside the paths: may each path's sender reach the pods on their port, and may
 * the pods ask kube-dns (UDP 53)? Evaluated on the first pod of the workload.
 */
export function policyHops(cache: ClusterCache, pods: any[], paths: HostnamePath[]): Hop[] {
  const pod = pods[0];
  if (!pod || (!cache.has('NetworkPolicy') && !cache.has('CiliumNetworkPolicy'))) return [];
  const policies = policySet(cache);
  const target = { namespace: pod.metadata.namespace, labels: pod.metadata.labels ?? {} };
  const hops = new Map<string, Hop>();
  for (const path of paths) {
    const source = sourceOf(cache, path);
    if (!source) continue;
    for (const port of targetPorts(cache, path, pod)) {
      const id = `policy:ingress:${source.label}:${port}`;
      if (hops.has(id)) continue;
      const verdict = evaluatePolicies(policies, 'ingress', target, source.peer, port);
      hops.set(id, {
        id,
        kind: 'policy',
        title: `${source.label} -> pods on TCP/${port}`,
        state: verdict.allowed ? 'ok' : 'failing',
        reason: verdict.allowed ? undefined : 'PolicyDenied',
        message: verdictMessage(
          verdict,
          'No policy isolates the pods (all ingress allowed)',
          `Denied: ${verdict.selectingPolicies.join(', ')} select the pods and none allows ${source.label} on ${port}`,
        ),
        evidence: {
          objects: [{ apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name }],
          fields: { port, isolated: verdict.isolated, policies: verdict.decidingPolicies.join(', ') || null },
        },
        fixHint: verdict.allowed ? undefined : fixHintFor('PolicyDenied'),
      });
    }
  }
  const dnsPeer: TrafficPeer = {
    namespace: 'kube-system',
    namespaceLabels: namespaceLabels(cache, 'kube-system'),
    podLabels: { 'k8s-app': 'kube-dns' },
    entities: ['cluster'],
  };
  const dns = evaluatePolicies(policies, 'egress', target, dnsPeer, 53, 'UDP');
  hops.set('policy:dns-egress', {
    id: 'policy:dns-egress',
    kind: 'policy',
    title: 'pods -> kube-dns on UDP/53',
    state: dns.allowed ? 'ok' : 'failing',
    reason: dns.allowed ? undefined : 'DnsEgressDenied',
    message: verdictMessage(
      dns,
      'No policy restricts egress',
      `Denied: ${dns.selectingPolicies.join(', ')} restrict egress and none allows DNS`,
    ),
    evidence: {
      objects: [{ apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name }],
      fields: { isolated: dns.isolated, policies: dns.decidingPolicies.join(', ') || null },
    },
    fixHint: dns.allowed ? undefined : fixHintFor('DnsEgressDenied'),
  });
  return [...hops.values()];
}
