/**
 * The store keys (group and plural) of every kind the topology, the controllers and the
 * cilium-dbg outputs read or write, so that no part spells a plural by hand.
 */
import type { ResourceKey } from '../store/types.ts';

const key = (group: string, plural: string): ResourceKey => ({ group, plural });

/** Store keys by kind. */
export const KEYS = {
  namespace: key('', 'namespaces'),
  node: key('', 'nodes'),
  pod: key('', 'pods'),
  service: key('', 'services'),
  endpoints: key('', 'endpoints'),
  configMap: key('', 'configmaps'),
  secret: key('', 'secrets'),
  event: key('', 'events'),
  serviceAccount: key('', 'serviceaccounts'),
  endpointSlice: key('discovery.k8s.io', 'endpointslices'),
  deployment: key('apps', 'deployments'),
  daemonSet: key('apps', 'daemonsets'),
  replicaSet: key('apps', 'replicasets'),
  ingress: key('networking.k8s.io', 'ingresses'),
  ingressClass: key('networking.k8s.io', 'ingressclasses'),
  networkPolicy: key('networking.k8s.io', 'networkpolicies'),
  lease: key('coordination.k8s.io', 'leases'),
  gatewayClass: key('gateway.networking.k8s.io', 'gatewayclasses'),
  gateway: key('gateway.networking.k8s.io', 'gateways'),
  httpRoute: key('gateway.networking.k8s.io', 'httproutes'),
  grpcRoute: key('gateway.networking.k8s.io', 'grpcroutes'),
  referenceGrant: key('gateway.networking.k8s.io', 'referencegrants'),
  ipPool: key('cilium.io', 'ciliumloadbalancerippools'),
  l2Policy: key('cilium.io', 'ciliuml2announcementpolicies'),
  ciliumNetworkPolicy: key('cilium.io', 'ciliumnetworkpolicies'),
  ciliumClusterwideNetworkPolicy: key('cilium.io', 'ciliumclusterwidenetworkpolicies'),
  ciliumNode: key('cilium.io', 'ciliumnodes'),
  certificate: key('cert-manager.io', 'certificates'),
  certificateRequest: key('cert-manager.io', 'certificaterequests'),
  issuer: key('cert-manager.io', 'issuers'),
  clusterIssuer: key('cert-manager.io', 'clusterissuers'),
  dnsEndpoint: key('externaldns.k8s.io', 'dnsendpoints'),
} as const;
