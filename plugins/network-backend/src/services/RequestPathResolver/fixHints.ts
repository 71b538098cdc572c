/**
 * One-line remedies for the upstream reasons a hop can fail with. Keyed by the reason string
 * Gateway API, Cilium, cert-manager or Kubernetes report, so the hint follows the evidence.
 */
export const FIX_HINTS: Readonly<Record<string, string>> = {
  BackendNotFound: 'Create the Service the route points at, or fix the backendRef name and namespace.',
  RefNotPermitted: 'Add a ReferenceGrant in the backend namespace that allows this route kind from the route namespace.',
  InvalidKind: 'Point the backendRef at a Service (group "", kind Service).',
  NoMatchingListenerHostname: "Use a hostname the listener serves (its hostname or wildcard), or add a listener for this hostname.",
  NotAllowedByListeners: "Allow the route's namespace in the listener's allowedRoutes, or move the route.",
  NoMatchingParent: 'Fix the parentRef: the gateway, sectionName or port does not exist.',
  Pending: 'Check that the GatewayClass controller is running; it has not reconciled this object yet.',
  NoStatus: 'Check that the GatewayClass controller is running; it has not reconciled this object yet.',
  GatewayNotFound: 'Create the Gateway the route names in parentRefs, or fix the parentRef.',
  ListenersNotValid: "Fix the gateway's listeners (see the listener conditions).",
  AddressNotAssigned: "Give the gateway's Service an address: check the LB-IPAM pools and their selectors.",
  NoResources: 'The gateway controller could not create its resources; check its logs.',
  Invalid: 'Fix the gateway spec; the controller rejected it.',
  out_of_ips: 'Free an address in the matching pool, widen the pool, or select another pool with the service labels.',
  no_pool: 'Create a CiliumLoadBalancerIPPool whose serviceSelector matches this Service.',
  NoLoadBalancerAddress: 'Check LB-IPAM: a pool must match the Service and have a free address.',
  NotAnnounced: 'Check the CiliumL2AnnouncementPolicy: its serviceSelector, nodeSelector and interfaces must cover this Service.',
  LeaseExpired: 'The node announcing this address stopped renewing its lease; check the Cilium agent on that node.',
  NXDOMAIN: 'The DNS server has no record: check that the route is accepted and k8s_gateway / external-dns watch it.',
  AddressMismatch: "DNS answers another address than the gateway's: fix the record or the external-dns target.",
  DnsUnreachable: 'The DNS server did not answer; check its address and that it runs.',
  ServiceNotFound: 'Create the Service, or fix the backend name.',
  PortNotFound: "Use a port the Service exposes in the route's backendRef.",
  NoReadyEndpoints: 'No pod behind the Service is ready: check the selector and the pods.',
  SomeEndpointsNotReady: 'Some pods behind the Service are not ready; check their readiness probes and logs.',
  NoPods: 'The workload has no pods: check the Deployment replicas and its events.',
  ContainersNotReady: 'A container is not ready: check its readiness probe and logs.',
  IngressClassNotFound: 'Create the IngressClass or use one that exists (kubectl get ingressclass).',
  NoIngressAddress: 'The ingress controller has not published an address; check that it runs and its Service has an IP.',
  NoCertificate: 'Add a Certificate covering this hostname (or annotate the gateway with a cert-manager issuer).',
  Expired: 'The certificate has expired; check the issuer and the Certificate events.',
  Renewing: 'Renewal keeps failing: check the CertificateRequest and the issuer (DNS-01 token, ACME account).',
  Expiring: 'The certificate expires soon; check that cert-manager renews it.',
  DoesNotExist: "The certificate's Secret does not exist yet; check the Certificate's issuance.",
  PolicyDenied: 'Add a policy that allows the gateway to reach the pods on this port.',
  DnsEgressDenied: 'Add an egress rule that allows DNS (UDP/TCP 53) to kube-dns.',
};

/** The hint for a reason, when there is one. */
export function fixHintFor(reason: string | undefined): string | undefined {
  return reason ? FIX_HINTS[reason] : undefined;
}
