/**
 * cert-manager's gateway-shim: the Certificates a Gateway annotated with
 * `cert-manager.io/cluster-issuer` or `cert-manager.io/issuer` asks for. Only TLS-terminating
 * listeners with a hostname and a Secret certificateRef in the Gateway's namespace qualify;
 * one Certificate per Secret, named after it, with the hostnames of its listeners.
 */
import type { KubeObject } from '../store/types.ts';
import { listOf, recordOf } from './object-fields.ts';

interface Listener {
  name: string;
  protocol?: string;
  hostname?: string;
  tls?: { mode?: string; certificateRefs?: { group?: string; kind?: string; name: string; namespace?: string }[] };
}

/** A listener that cannot get a certificate, and why (cert-manager emits a BadConfig event). */
export interface SkippedListener {
  listener: string;
  message: string;
}

/** The desired Certificates of `gateway`, plus listeners that were skipped. */
export function certificatesForGateway(gateway: KubeObject): { certificates: KubeObject[]; skipped: SkippedListener[] } {
  const annotations = gateway.metadata.annotations ?? {};
  const clusterIssuer = annotations['cert-manager.io/cluster-issuer'];
  const issuer = annotations['cert-manager.io/issuer'];
  if (!clusterIssuer && !issuer) return { certificates: [], skipped: [] };
  const issuerRef = clusterIssuer
    ? { name: clusterIssuer, kind: 'ClusterIssuer', group: 'cert-manager.io' }
    : {
        name: issuer!,
        kind: annotations['cert-manager.io/issuer-kind'] ?? 'Issuer',
        group: annotations['cert-manager.io/issuer-group'] ?? 'cert-manager.io',
      };
  const namespace = gateway.metadata.namespace ?? 'default';
  const listeners = listOf<Listener>(recordOf<{ listeners: unknown }>(gateway.spec).listeners).filter((listener) => typeof listener.name === 'string');
  const hostsBySecret = new Map<string, string[]>();
  const skipped: SkippedListener[] = [];
  for (const listener of listeners) {
    if (listener.protocol !== 'HTTPS' && listener.protocol !== 'TLS') continue;
    if (!listener.hostname || typeof listener.hostname !== 'string') {
      skipped.push({ listener: listener.name, message: `Skipped a listener block: spec.listeners[${listener.name}].hostname: Required value: the hostname cannot be empty` });
      continue;
    }
    if ((listener.tls?.mode ?? 'Terminate') !== 'Terminate') continue;
    for (const ref of listOf<{ group?: string; kind?: string; name: string; namespace?: string }>(recordOf<{ certificateRefs: unknown }>(listener.tls).certificateRefs)) {
      if (typeof ref.name !== 'string' || (ref.kind ?? 'Secret') !== 'Secret' || (ref.group ?? '') !== '' || (ref.namespace && ref.namespace !== namespace)) continue;
      const hosts = hostsBySecret.get(ref.name) ?? [];
      if (!hosts.includes(listener.hostname)) hosts.push(listener.hostname);
      hostsBySecret.set(ref.name, hosts);
    }
  }
  const certificates = [...hostsBySecret].map(([secretName, dnsNames]): KubeObject => ({
    apiVersion: 'cert-manager.io/v1',
    kind: 'Certificate',
    metadata: {
      name: secretName,
      namespace,
      ownerReferences: [
        {
          apiVersion: gateway.apiVersion,
          kind: 'Gateway',
          name: gateway.metadata.name,
          uid: gateway.metadata.uid ?? '',
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      secretName,
      issuerRef,
      dnsNames,
      usages: ['digital signature', 'key encipherment'],
      ...(annotations['cert-manager.io/duration'] ? { duration: annotations['cert-manager.io/duration'] } : {}),
      ...(annotations['cert-manager.io/renew-before'] ? { renewBefore: annotations['cert-manager.io/renew-before'] } : {}),
      ...(annotations['cert-manager.io/common-name'] ? { commonName: annotations['cert-manager.io/common-name'] } : {}),
    },
  }));
  return { certificates, skipped };
}
