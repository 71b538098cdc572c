/**
 * cert-manager, as the portal sees it: the gateway- and ingress-shims create Certificates for
 * annotated Gateways and Ingresses; Issuers and ClusterIssuers become Ready (ACME account registered); each Certificate
 * that needs a certificate gets Issuing=True and a CertificateRequest, then, after a short
 * issuance delay and only if its issuer exists and is Ready, a TLS Secret and Ready=True with
 * notBefore / notAfter / renewalTime. A Certificate whose Ready condition is current for its
 * generation is left alone, so seeded statuses (the expiring one) are not clobbered.
 */
import { randomBytes } from 'node:crypto';
import type { KubeObject, StoreEvent } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { acmeIssuerReadyStatus, issueCertificateNow } from './certificate-issuance.ts';
import type { Controller, ControllerContext } from './controller.ts';
import { certificateSigningRequestPem } from './certificate-signing-request.ts';
import { certificatesForGateway } from './gateway-certificates.ts';
import { certificatesForIngress } from './ingress-certificates.ts';
import { findCondition, jsonEqual, mergeConditions, nowTimestamp, type Condition } from './status-conditions.ts';
import { deleteIfPresent, recordOf, stringsOf } from './object-fields.ts';

interface CertificateSpec {
  secretName?: string;
  issuerRef?: { name?: string; kind?: string; group?: string };
  dnsNames?: string[];
  duration?: string;
  usages?: string[];
}

const COMPONENT = 'cert-manager-certificates-issuing';

/** Creates the cert-manager controller. */
export function createCertManagerController(context: ControllerContext): Controller {
  const { store, cache } = context;
  /** Certificates with an issuance under way: waiting for their issuer, or scheduled. */
  const inFlight = new Map<string, 'waiting-for-issuer' | 'scheduled'>();

  const parse = (key: string): { kind: string; namespace: string; name: string } => {
    const colon = key.indexOf(':');
    const rest = key.slice(colon + 1);
    const slash = rest.indexOf('/');
    return { kind: key.slice(0, colon), namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  };

  function issuerOf(certificate: KubeObject): { object?: KubeObject; kind: string; name: string } {
    const ref = recordOf<NonNullable<CertificateSpec['issuerRef']>>(recordOf<CertificateSpec>(certificate.spec).issuerRef);
    const kind = ref.kind ?? 'Issuer';
    const name = ref.name ?? '';
    if ((ref.group ?? 'cert-manager.io') !== 'cert-manager.io') return { kind, name };
    const object = kind === 'ClusterIssuer' ? cache.get(KEYS.clusterIssuer, undefined, name) : cache.get(KEYS.issuer, certificate.metadata.namespace, name);
    return { object, kind, name };
  }

  function isReady(object: KubeObject | undefined): boolean {
    return findCondition((object?.status as { conditions?: unknown } | undefined)?.conditions, 'Ready')?.status === 'True';
  }

  function reconcileIssuer(kind: 'issuer' | 'clusterissuer', namespace: string, name: string): void {
    const issuer = kind === 'clusterissuer' ? cache.get(KEYS.clusterIssuer, undefined, name) : cache.get(KEYS.issuer, namespace, name);
    if (!issuer) return;
    const status = acmeIssuerReadyStatus(issuer, context.options.now());
    if (!jsonEqual(issuer.status, status)) store.updateStatus({ ...issuer, status });
  }

  /** The shims: Certificates wanted by an annotated Gateway or Ingress, owned by it. */
  function reconcileShim(kind: 'Gateway' | 'Ingress', namespace: string, name: string): void {
    const owner = cache.get(kind === 'Gateway' ? KEYS.gateway : KEYS.ingress, namespace, name);
    const component = kind === 'Gateway' ? 'cert-manager-gateway-shim' : 'cert-manager-ingress-shim';
    const owned = cache
      .list(KEYS.certificate, namespace)
      .filter((certificate) => (certificate.metadata.ownerReferences ?? []).some((reference) => reference.kind === kind && reference.name === name));
    if (!owner) {
      for (const certificate of owned) deleteIfPresent(store, KEYS.certificate, namespace, certificate.metadata.name);
      return;
    }
    const { certificates, skipped } = kind === 'Gateway' ? certificatesForGateway(owner) : certificatesForIngress(owner);
    for (const skip of skipped) context.recordEvent(owner, 'Warning', 'BadConfig', skip.message, component);
    for (const wanted of certificates) {
      const existing = cache.get(KEYS.certificate, namespace, wanted.metadata.name);
      if (!existing) {
        store.create(wanted);
        context.recordEvent(owner, 'Normal', 'CreateCertificate', `Successfully created Certificate "${wanted.metadata.name}"`, component);
        continue;
      }
      // A Certificate someone else made is not the shim's to change.
      if (!(existing.metadata.ownerReferences ?? []).some((reference) => reference.kind === kind && reference.name === name)) continue;
      const spec = (existing.spec ?? {}) as CertificateSpec;
      const wantedSpec = wanted.spec as CertificateSpec;
      if (!jsonEqual(spec.dnsNames, wantedSpec.dnsNames) || !jsonEqual(spec.issuerRef, wantedSpec.issuerRef) || spec.secretName !== wantedSpec.secretName) {
        store.update({ ...existing, spec: { ...spec, ...wantedSpec } });
        context.recordEvent(owner, 'Normal', 'UpdateCertificate', `Successfully updated Certificate "${wanted.metadata.name}"`, component);
      }
    }
    const wantedNames = new Set(certificates.map((certificate) => certificate.metadata.name));
    for (const certificate of owned) {
      if (!wantedNames.has(certificate.metadata.name)) deleteIfPresent(store, KEYS.certificate, namespace, certificate.metadata.name);
    }
  }

  function needsIssuance(certificate: KubeObject): boolean {
    const ready = findCondition((certificate.status as { conditions?: unknown } | undefined)?.conditions, 'Ready');
    if (!ready) return true;
    if ((ready.observedGeneration ?? certificate.metadata.generation ?? 1) !== (certificate.metadata.generation ?? 1)) return true;
    if (ready.status !== 'True') return true;
    const secretName = ((certificate.spec ?? {}) as CertificateSpec).secretName ?? '';
    return !cache.get(KEYS.secret, certificate.metadata.namespace, secretName);
  }

  function ensureRequest(certificate: KubeObject, issuerProblem: string | undefined): void {
    const spec = (certificate.spec ?? {}) as CertificateSpec;
    const revision = Number((certificate.status as { revision?: number } | undefined)?.revision ?? 0) + 1;
    const name = `${certificate.metadata.name}-${revision}`;
    const namespace = certificate.metadata.namespace ?? 'default';
    const now = nowTimestamp(context.options.now());
    const approved: Condition = { type: 'Approved', status: 'True', reason: 'cert-manager.io', message: 'Certificate request has been approved by cert-manager.io' };
    const ready: Condition = issuerProblem
      ? { type: 'Ready', status: 'False', reason: 'Pending', message: issuerProblem }
      : { type: 'Ready', status: 'False', reason: 'Pending', message: `Waiting on certificate issuance from order ${namespace}/${name}-${Math.abs(revision * 7919) % 100000}: "pending"` };
    const existing = store.get(KEYS.certificateRequest, namespace, name);
    if (!existing) {
      const created = store.create({
        apiVersion: 'cert-manager.io/v1',
        kind: 'CertificateRequest',
        metadata: {
          name,
          namespace,
          annotations: {
            'cert-manager.io/certificate-name': certificate.metadata.name,
            'cert-manager.io/certificate-revision': String(revision),
            'cert-manager.io/private-key-secret-name': `${certificate.metadata.name}-${randomBytes(3).toString('hex').slice(0, 5)}`,
          },
          ownerReferences: [
            { apiVersion: 'cert-manager.io/v1', kind: 'Certificate', name: certificate.metadata.name, uid: certificate.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
          ],
        },
        spec: {
          issuerRef: spec.issuerRef ?? {},
          request: Buffer.from(certificateSigningRequestPem(stringsOf(spec.dnsNames)[0] ?? certificate.metadata.name, stringsOf(spec.dnsNames))).toString('base64'),
          usages: spec.usages ?? ['digital signature', 'key encipherment'],
          ...(spec.duration ? { duration: spec.duration } : {}),
        },
      });
      store.updateStatus({ ...created, status: { conditions: mergeConditions(undefined, [approved, ready], now) } });
      context.recordEvent(certificate, 'Normal', 'Requested', `Created new CertificateRequest resource "${name}"`, 'cert-manager-certificates-request-manager');
      return;
    }
    const status = { ...(existing.status as Record<string, unknown>), conditions: mergeConditions((existing.status as { conditions?: unknown } | undefined)?.conditions, [approved, ready], now) };
    if (!jsonEqual(existing.status, status)) store.updateStatus({ ...existing, status });
  }

  function completeRequest(certificate: KubeObject, revision: number): void {
    const namespace = certificate.metadata.namespace ?? 'default';
    const request = store.get(KEYS.certificateRequest, namespace, `${certificate.metadata.name}-${revision}`);
    if (!request) return;
    const secret = store.get(KEYS.secret, namespace, ((certificate.spec ?? {}) as CertificateSpec).secretName ?? '');
    const now = nowTimestamp(context.options.now());
    store.updateStatus({
      ...request,
      status: {
        conditions: mergeConditions(
          (request.status as { conditions?: unknown } | undefined)?.conditions,
          [
            { type: 'Approved', status: 'True', reason: 'cert-manager.io', message: 'Certificate request has been approved by cert-manager.io' },
            { type: 'Ready', status: 'True', reason: 'Issued', message: 'Certificate fetched from issuer successfully' },
          ],
          now,
        ),
        certificate: (secret?.data as Record<string, string> | undefined)?.['tls.crt'] ?? '',
      },
    });
  }

  function reconcileCertificate(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    const certificate = cache.get(KEYS.certificate, namespace, name);
    if (!certificate) {
      inFlight.delete(key);
      return;
    }
    if (inFlight.get(key) === 'scheduled') return;
    if (!needsIssuance(certificate) && !inFlight.has(key)) return;

    const spec = (certificate.spec ?? {}) as CertificateSpec;
    const secretExists = Boolean(cache.get(KEYS.secret, namespace, spec.secretName ?? ''));
    const now = nowTimestamp(context.options.now());
    const generation = certificate.metadata.generation ?? 1;
    const issuingMessage = secretExists ? 'Issuing certificate as Secret was previously issued for a different spec' : 'Issuing certificate as Secret does not exist';
    const wanted: Condition[] = [
      secretExists && findCondition((certificate.status as { conditions?: unknown } | undefined)?.conditions, 'Ready')?.status === 'True'
        ? { ...findCondition((certificate.status as { conditions?: unknown }).conditions, 'Ready')!, observedGeneration: generation }
        : { type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist', observedGeneration: generation },
      { type: 'Issuing', status: 'True', reason: secretExists ? 'Reissuing' : 'DoesNotExist', message: issuingMessage, observedGeneration: generation },
    ];
    const previous = (certificate.status ?? {}) as Record<string, unknown>;
    const status = { ...previous, conditions: mergeConditions(previous.conditions, wanted, now) };
    if (!jsonEqual(certificate.status, status)) {
      store.updateStatus({ ...certificate, status });
      if (!inFlight.has(key)) context.recordEvent(certificate, 'Normal', 'Issuing', issuingMessage, COMPONENT);
    }

    const issuer = issuerOf(certificate);
    const problem = !issuer.object
      ? `Referenced "${issuer.kind}" not found: ${issuer.kind.toLowerCase()}.cert-manager.io "${issuer.name}" not found`
      : !isReady(issuer.object)
        ? 'Referenced issuer does not have a Ready status condition'
        : undefined;
    ensureRequest(certificate, problem);
    if (problem) {
      inFlight.set(key, 'waiting-for-issuer');
      return;
    }
    inFlight.set(key, 'scheduled');
    context.later(context.options.certificateIssuanceDelayMs, () => context.enqueue('cert-manager', `issue:${key}`));
  }

  function completeIssuance(namespace: string, name: string): void {
    const key = `${namespace}/${name}`;
    inFlight.delete(key);
    const certificate = cache.get(KEYS.certificate, namespace, name);
    if (!certificate) return;
    const issuer = issuerOf(certificate);
    if (!issuer.object || !isReady(issuer.object)) {
      context.enqueue('cert-manager', `cert:${key}`);
      return;
    }
    const revision = Number((certificate.status as { revision?: number } | undefined)?.revision ?? 0) + 1;
    issueCertificateNow(store, certificate, { now: context.options.now() });
    completeRequest(certificate, revision);
    context.recordEvent(certificate, 'Normal', 'Issuing', 'The certificate has been successfully issued', COMPONENT);
  }

  function certificatesReferencing(kind: string, namespace: string | undefined, name: string): string[] {
    return cache
      .list(KEYS.certificate, kind === 'ClusterIssuer' ? undefined : namespace)
      .filter((certificate) => {
        const ref = ((certificate.spec ?? {}) as CertificateSpec).issuerRef ?? {};
        return (ref.kind ?? 'Issuer') === kind && ref.name === name;
      })
      .map((certificate) => `cert:${certificate.metadata.namespace}/${certificate.metadata.name}`);
  }

  return {
    name: 'cert-manager',
    watches: [KEYS.gateway, KEYS.ingress, KEYS.certificate, KEYS.clusterIssuer, KEYS.issuer, KEYS.secret],
    keysFor(event: StoreEvent): string[] {
      const { object } = event;
      const namespace = object.metadata.namespace ?? '';
      switch (event.resource.plural) {
        case 'gateways':
          return [`gw:${namespace}/${object.metadata.name}`];
        case 'ingresses':
          return [`ing:${namespace}/${object.metadata.name}`];
        case 'certificates':
          return [`cert:${namespace}/${object.metadata.name}`];
        case 'clusterissuers':
          return [`clusterissuer:/${object.metadata.name}`, ...certificatesReferencing('ClusterIssuer', undefined, object.metadata.name)];
        case 'issuers':
          return [`issuer:${namespace}/${object.metadata.name}`, ...certificatesReferencing('Issuer', namespace, object.metadata.name)];
        case 'secrets':
          if (event.type !== 'DELETED') return [];
          return cache
            .list(KEYS.certificate, namespace)
            .filter((certificate) => ((certificate.spec ?? {}) as CertificateSpec).secretName === object.metadata.name)
            .map((certificate) => `cert:${namespace}/${certificate.metadata.name}`);
        default:
          return [];
      }
    },
    allKeys(): string[] {
      return [
        ...cache.list(KEYS.clusterIssuer).map((issuer) => `clusterissuer:/${issuer.metadata.name}`),
        ...cache.list(KEYS.issuer).map((issuer) => `issuer:${issuer.metadata.namespace}/${issuer.metadata.name}`),
        ...cache.list(KEYS.gateway).map((gateway) => `gw:${gateway.metadata.namespace}/${gateway.metadata.name}`),
        ...cache.list(KEYS.ingress).map((ingress) => `ing:${ingress.metadata.namespace}/${ingress.metadata.name}`),
        ...cache.list(KEYS.certificate).map((certificate) => `cert:${certificate.metadata.namespace}/${certificate.metadata.name}`),
      ];
    },
    reconcile(key: string): void {
      const { kind, namespace, name } = parse(key);
      if (kind === 'clusterissuer' || kind === 'issuer') reconcileIssuer(kind, namespace, name);
      else if (kind === 'gw') reconcileShim('Gateway', namespace, name);
      else if (kind === 'ing') reconcileShim('Ingress', namespace, name);
      else if (kind === 'cert') reconcileCertificate(namespace, name);
      else if (kind === 'issue') completeIssuance(namespace, name);
    },
  };
}
