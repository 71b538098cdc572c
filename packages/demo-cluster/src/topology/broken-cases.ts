/**
 * The deliberately broken parts of the seeded topology. Each is visible through the API the
 * way the real controllers would show it; integration tests and the portal's diagnostics
 * check that they are found, by id.
 */
import { safeSuffix } from '../controllers/stable-name-hash.ts';
import { ENVOY_EXTERNAL, FAULTY_CILIUM_NODE, IP_POOLS } from './demo-constants.ts';

/** A reference to an object of the cluster. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
}

/** One broken case and where its evidence is. */
export interface SeededBrokenCase {
  /** Stable id (used by diagnostics tests). */
  id: string;
  description: string;
  /** The object that carries the evidence. */
  object: ObjectRef;
  /** The status condition that shows it, when there is one. */
  condition?: { type: string; status: 'True' | 'False' | 'Unknown' };
  /** The reason a real controller reports (or, without a condition, the finding's name). */
  expectedReason: string;
  /** Other objects involved. */
  related?: ObjectRef[];
}

/** Name of the Cilium agent pod on the faulty node (DaemonSet pod names are derived from the node). */
export const FAULTY_CILIUM_POD = `cilium-${safeSuffix(`kube-system/cilium@${FAULTY_CILIUM_NODE}`, 5)}`;

/** Every seeded broken case. */
export const SEEDED_BROKEN_CASES: readonly SeededBrokenCase[] = [
  {
    id: 'route-backend-not-found',
    description: 'HTTPRoute media/sonarr points at Service sonarr, which does not exist.',
    object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'media', name: 'sonarr' },
    condition: { type: 'ResolvedRefs', status: 'False' },
    expectedReason: 'BackendNotFound',
    related: [{ apiVersion: 'v1', kind: 'Service', namespace: 'media', name: 'sonarr' }],
  },
  {
    id: 'route-no-matching-listener-hostname',
    description: "HTTPRoute default/wiki asks for wiki.legacy.lab on envoy-external's https listener, which only serves *.demo.lab.",
    object: { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', namespace: 'default', name: 'wiki' },
    condition: { type: 'Accepted', status: 'False' },
    expectedReason: 'NoMatchingListenerHostname',
    related: [{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: 'network', name: 'envoy-external' }],
  },
  {
    id: 'certificate-expiring',
    description: 'Certificate home/home-assistant-tls expires in 5 days; its renewal keeps failing.',
    object: { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', namespace: 'home', name: 'home-assistant-tls' },
    condition: { type: 'Issuing', status: 'True' },
    expectedReason: 'Renewing',
    related: [{ apiVersion: 'v1', kind: 'Secret', namespace: 'home', name: 'home-assistant-tls' }],
  },
  {
    id: 'lb-pool-exhausted',
    description: `Service home/mosquitto selects ${IP_POOLS.homeIot.name}, whose only address is taken by home/matter-server.`,
    object: { apiVersion: 'v1', kind: 'Service', namespace: 'home', name: 'mosquitto' },
    condition: { type: 'cilium.io/IPAMRequestSatisfied', status: 'False' },
    expectedReason: 'out_of_ips',
    related: [
      { apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', name: IP_POOLS.homeIot.name },
      { apiVersion: 'v1', kind: 'Service', namespace: 'home', name: 'matter-server' },
    ],
  },
  {
    id: 'namespace-without-default-deny',
    description: 'Namespace default runs echo and wiki without a default-deny NetworkPolicy or CiliumNetworkPolicy.',
    object: { apiVersion: 'v1', kind: 'Namespace', name: 'default' },
    expectedReason: 'NoDefaultDenyPolicy',
  },
  {
    id: 'cilium-lb-frontend-not-programmed',
    description: `The agent on ${FAULTY_CILIUM_NODE} has not programmed the LoadBalancer frontend of envoy-external (${ENVOY_EXTERNAL.address}): its service list and BPF LB map lack an address Kubernetes has assigned.`,
    object: { apiVersion: 'v1', kind: 'Service', namespace: ENVOY_EXTERNAL.namespace, name: `cilium-gateway-${ENVOY_EXTERNAL.name}` },
    expectedReason: 'FrontendNotProgrammed',
    related: [
      { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: FAULTY_CILIUM_POD },
      { apiVersion: 'v1', kind: 'Node', name: FAULTY_CILIUM_NODE },
    ],
  },
  {
    id: 'cilium-agent-not-ready',
    description: `The Cilium agent on ${FAULTY_CILIUM_NODE} is not ready (crash-looping); cilium-dbg status there reports failures.`,
    object: { apiVersion: 'v1', kind: 'Pod', namespace: 'kube-system', name: FAULTY_CILIUM_POD },
    condition: { type: 'Ready', status: 'False' },
    expectedReason: 'ContainersNotReady',
    related: [
      { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'cilium' },
      { apiVersion: 'v1', kind: 'Node', name: FAULTY_CILIUM_NODE },
    ],
  },
];
