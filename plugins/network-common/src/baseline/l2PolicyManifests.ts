import { BaselineL2Policy, BaselineManifest } from './networkBaseline';

/** CiliumL2AnnouncementPolicies; the kind exists only as `cilium.io/v2alpha1`. */
export function l2PolicyManifests(policies: BaselineL2Policy[]): BaselineManifest[] {
  return policies.map(policy => ({
    apiVersion: 'cilium.io/v2alpha1',
    kind: 'CiliumL2AnnouncementPolicy',
    metadata: { name: policy.name },
    spec: {
      loadBalancerIPs: policy.loadBalancerIPs,
      externalIPs: policy.externalIPs,
      ...(policy.interfaces ? { interfaces: [...policy.interfaces] } : {}),
      ...(policy.nodeSelector ? { nodeSelector: policy.nodeSelector } : {}),
      ...(policy.serviceSelector ? { serviceSelector: policy.serviceSelector } : {}),
    },
  }));
}
