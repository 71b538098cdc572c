import {
  Hop,
  HostnamePath,
  isDnsEgressAllowed,
  isIngressAllowed,
  PodEndpoint,
  PolicyDecision,
  PolicyObject,
  TrafficPeer,
} from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { fixHintFor } from './fixHints';

/** Every policy of the cache, with the kind list items lack (the evaluation dispatches on it). */
export function policiesOf(cache: ClusterCache): PolicyObject[] {
  return [
    ...cache.list('NetworkPolicy').map(policy => ({ ...policy, kind: 'NetworkPolicy' as const })),
    ...cache.list('CiliumNetworkPolicy').map(policy => ({ ...policy, kind: 'CiliumNetworkPolicy' as const })),
    ...cache.list('CiliumClusterwideNetworkPolicy').map(policy => ({ ...policy, kind: 'CiliumClusterwideNetworkPolicy' as const })),
  ];
}

/** A namespace's labels, or its name label alone when the namespace is not cached. */
export function namespaceLabels(cache: ClusterCache, namespace: string): Record<string, string> {
  return cache.get('Namespace', undefined, namespace)?.metadata.labels ?? { 'kubernetes.io/metadata.name': namespace };
}

/** The numeric pod ports the path's Services send to (targetPort, named ports resolved on the pod). */
function targetPorts(cache: ClusterCache, path: HostnamePath, pod: any): number[] {
  const serviceRefs = path.hops
    .filter(hop => hop.kind === 'service' || hop.kind === 'loadbalancer-ip')
    .flatMap(hop => hop.evidence.objects.filter(ref => ref.kind === 'Service'));
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

/**
 * Who sends a path's traffic to the pods, as the peers policies may name it. Cilium's gateway
 * Envoy sends with the reserved `ingress` identity, yet clusters commonly admit it with a
 * NetworkPolicy on the gateway's namespace; either admits the traffic.
 */
function sendersOf(cache: ClusterCache, path: HostnamePath): { label: string; peers: TrafficPeer[] } | undefined {
  const gatewayRef = path.hops.find(hop => hop.kind === 'gateway-listener')?.evidence.objects.find(ref => ref.kind === 'Gateway');
  if (gatewayRef?.namespace) {
    return {
      label: `gateway ${gatewayRef.namespace}/${gatewayRef.name}`,
      peers: [
        { entity: 'ingress' },
        { namespace: gatewayRef.namespace, podLabels: {}, namespaceLabels: namespaceLabels(cache, gatewayRef.namespace) },
      ],
    };
  }
  if (path.hops.some(hop => hop.kind === 'ingress')) {
    const controllerRef = path.hops.find(hop => hop.kind === 'loadbalancer-ip')?.evidence.objects.find(ref => ref.kind === 'Service');
    const controllerService = controllerRef ? cache.get('Service', controllerRef.namespace, controllerRef.name) : undefined;
    if (!controllerService) return undefined;
    const selector: Record<string, string> = controllerService.spec?.selector ?? {};
    const controllerPod = cache
      .list('Pod', controllerService.metadata.namespace)
      .find(pod => Object.entries(selector).every(([key, value]) => pod.metadata.labels?.[key] === value));
    return {
      label: `ingress controller ${controllerService.metadata.namespace}/${controllerService.metadata.name}`,
      peers: [
        {
          namespace: controllerService.metadata.namespace,
          podLabels: controllerPod?.metadata.labels ?? selector,
          namespaceLabels: namespaceLabels(cache, controllerService.metadata.namespace),
        },
      ],
    };
  }
  if (path.hops.some(hop => hop.kind === 'loadbalancer-ip')) {
    return { label: 'clients outside the cluster', peers: [{ entity: 'world' }] };
  }
  return undefined;
}

/** A pod as the policy evaluation sees it: namespace, labels, namespace labels, IP and named ports. */
export function podEndpoint(cache: ClusterCache, pod: any): PodEndpoint {
  return {
    namespace: pod.metadata.namespace,
    podLabels: pod.metadata.labels ?? {},
    namespaceLabels: namespaceLabels(cache, pod.metadata.namespace),
    ip: pod.status?.podIP,
    namedPorts: (pod.spec?.containers ?? []).flatMap((container: any) =>
      (container.ports ?? []).filter((port: any) => port.name).map((port: any) => ({ name: port.name, containerPort: port.containerPort, protocol: port.protocol })),
    ),
  };
}

function policyRefs(decision: PolicyDecision) {
  const refs = decision.allowed ? decision.allowedBy : [...decision.deniedBy, ...decision.selecting];
  return [...new Map(refs.map(ref => [`${ref.kind}/${ref.namespace ?? ''}/${ref.name}`, ref])).values()];
}

/**
 * The policy hops beside the paths: may each path's sender reach the pods on their port, and may
 * the pods query cluster DNS? Evaluated with network-common's NetworkPolicy + Cilium semantics on
 * the workload's first pod.
 */
export function policyHops(cache: ClusterCache, pods: any[], paths: HostnamePath[]): Hop[] {
  const pod = pods[0];
  if (!pod || (!cache.has('NetworkPolicy') && !cache.has('CiliumNetworkPolicy'))) return [];
  const policies = policiesOf(cache);
  const target = podEndpoint(cache, pod);
  const podRef = { apiVersion: 'v1', kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name };
  const hops = new Map<string, Hop>();
  for (const path of paths) {
    const senders = sendersOf(cache, path);
    if (!senders) continue;
    for (const port of targetPorts(cache, path, pod)) {
      const id = `policy:ingress:${senders.label}:${port}`;
      if (hops.has(id)) continue;
      const decisions = senders.peers.map(peer => isIngressAllowed({ from: peer, to: target, port }, policies));
      const decision = decisions.find(candidate => candidate.allowed) ?? decisions[0];
      hops.set(id, {
        id,
        kind: 'policy',
        title: `${senders.label} -> pods on TCP/${port}`,
        state: decision.allowed ? 'ok' : 'failing',
        reason: decision.allowed ? undefined : 'PolicyDenied',
        message: decision.message,
        evidence: {
          objects: [podRef, ...policyRefs(decision)],
          fields: { port, verdict: decision.verdict },
        },
        fixHint: decision.allowed ? undefined : fixHintFor('PolicyDenied'),
      });
    }
  }
  const dns = isDnsEgressAllowed(target, policies);
  let dnsState: Hop['state'] = 'failing';
  if (dns.allowed) dnsState = dns.tcp.allowed ? 'ok' : 'warning';
  hops.set('policy:dns-egress', {
    id: 'policy:dns-egress',
    kind: 'policy',
    title: 'pods -> cluster DNS on 53',
    state: dnsState,
    reason: dns.allowed ? undefined : 'DnsEgressDenied',
    message: dns.message,
    evidence: {
      objects: [podRef, ...policyRefs(dns.udp)],
      fields: { udp: dns.udp.verdict, tcp: dns.tcp.verdict },
    },
    fixHint: dnsState === 'ok' ? undefined : fixHintFor('DnsEgressDenied'),
  });
  return [...hops.values()];
}
