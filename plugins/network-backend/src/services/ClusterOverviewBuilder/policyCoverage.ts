import { hasDefaultDeny, PolicyObject } from '@internal/plugin-network-common';

/**
 * Namespaces no policy puts into ingress default-deny (network-common's definition: a policy
 * selecting every pod there that admits nothing). The kube-* namespaces are left out.
 */
export function namespacesWithoutDefaultDeny(namespaces: any[], policies: PolicyObject[]): string[] {
  return namespaces
    .filter(namespace => !namespace.metadata.name.startsWith('kube-'))
    .filter(namespace => !hasDefaultDeny(namespace.metadata.name, policies, 'ingress', namespace.metadata.labels))
    .map(namespace => namespace.metadata.name as string)
    .sort();
}
