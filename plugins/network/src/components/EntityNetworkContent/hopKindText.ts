import type { HopKind } from '@internal/plugin-network-common';

/** How each kind of hop is named on the graph and in the details. */
export const HOP_KIND_TEXT: Record<HopKind, string> = {
  hostname: 'Hostname',
  'dns-internal': 'DNS (internal)',
  'dns-external': 'DNS (external)',
  'loadbalancer-ip': 'LoadBalancer IP',
  'gateway-listener': 'Gateway listener',
  ingress: 'Ingress',
  route: 'Route',
  service: 'Service',
  endpoints: 'Endpoints',
  pods: 'Pods',
  certificate: 'Certificate',
  policy: 'Network policy',
};
