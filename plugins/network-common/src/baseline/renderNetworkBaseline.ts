import { clusterIssuerManifests } from './clusterIssuerManifests';
import { defaultDenyManifests } from './defaultDenyManifests';
import { gatewayClassManifest, gatewayManifests } from './gatewayManifests';
import { ipPoolManifests } from './ipPoolManifests';
import { l2PolicyManifests } from './l2PolicyManifests';
import { BaselineManifest, NetworkBaseline } from './networkBaseline';

/** The GatewayClass gateways use when the baseline names none (Cilium's). */
export const DEFAULT_GATEWAY_CLASS_NAME = 'cilium';

/**
 * Every object of the baseline in the order it is applied: the namespaces the gateways and
 * policies live in first (a namespaced object cannot be created before its namespace), then
 * pools before the L2 policy that announces their addresses, the GatewayClass before its
 * gateways, issuers, and the default-deny policies last.
 */
export function renderNetworkBaseline(baseline: NetworkBaseline): BaselineManifest[] {
  const namespaces = [
    ...new Set([
      ...baseline.gateways.map(gateway => gateway.namespace),
      ...baseline.defaultDenyPolicies.map(policy => policy.namespace),
    ]),
  ];
  return [
    ...namespaces.map(name => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })),
    ...ipPoolManifests(baseline.ipPools),
    ...l2PolicyManifests(baseline.l2AnnouncementPolicies),
    ...(baseline.gatewayClass ? [gatewayClassManifest(baseline.gatewayClass)] : []),
    ...gatewayManifests(baseline.gateways, baseline.gatewayClass?.name ?? DEFAULT_GATEWAY_CLASS_NAME),
    ...clusterIssuerManifests(baseline.clusterIssuers),
    ...defaultDenyManifests(baseline.defaultDenyPolicies),
  ];
}
