/**
 * What cert-manager does when an ACME order completes: a TLS Secret with a real X.509
 * certificate (signed by a local stand-in for the ACME CA) and the Certificate's status with
 * notBefore / notAfter / renewalTime. Shared by the cert-manager controller and the topology,
 * which pre-issues the certificates of a cluster that has been running for a while.
 */
import { createCertificateAuthority, issueCertificate, type CertificateAuthority } from '../pki/index.ts';
import type { KubeObject, ObjectStore } from '../store/types.ts';
import { KEYS } from '../topology/resource-keys.ts';
import { mergeConditions, nowTimestamp, type Condition } from './status-conditions.ts';
import { recordOf, stringsOf } from './object-fields.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_DURATION_MS = 90 * DAY_MS;

let acmeCa: CertificateAuthority | undefined;

/** The stand-in ACME CA, created once per process (key generation takes tens of ms). */
function acmeAuthority(): CertificateAuthority {
  acmeCa ??= createCertificateAuthority('Demo Lab ACME Stand-in R1');
  return acmeCa;
}

/** Parses a Go duration string as cert-manager accepts it ('2160h', '720h0m0s', '30m'); ms. */
export function parseGoDuration(text: unknown): number | undefined {
  if (typeof text !== 'string' || text.length === 0) return undefined;
  const units: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, µs: 0.001, ns: 0.000001 };
  let total = 0;
  let rest = text;
  while (rest.length > 0) {
    const match = /^(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return total;
}

interface CertificateSpec {
  secretName?: string;
  dnsNames?: string[];
  commonName?: string;
  ipAddresses?: string[];
  duration?: string;
  renewBefore?: string;
  renewBeforePercentage?: number;
  issuerRef?: { name?: string; kind?: string; group?: string };
}

/** Validity window and renewal time of a certificate issued at `notBefore`. */
export function certificateTimes(spec: CertificateSpec, notBefore: Date): { notBefore: Date; notAfter: Date; renewalTime: Date } {
  const duration = parseGoDuration(spec.duration) ?? DEFAULT_DURATION_MS;
  const notAfter = new Date(notBefore.getTime() + duration);
  // cert-manager renews at 2/3 of the lifetime unless renewBefore(Percentage) says otherwise.
  let renewBefore = parseGoDuration(spec.renewBefore) ?? duration / 3;
  if (typeof spec.renewBeforePercentage === 'number') renewBefore = (duration * spec.renewBeforePercentage) / 100;
  return { notBefore, notAfter, renewalTime: new Date(notAfter.getTime() - renewBefore) };
}

/** Options of an issuance. */
export interface IssueOptions {
  now: Date;
  /** Start of validity (default: now); the topology back-dates certificates that are about to expire. */
  notBefore?: Date;
  /** Extra status fields (e.g. a renewal that keeps failing). */
  extraStatus?: Record<string, unknown>;
  /** Conditions besides Ready=True (e.g. Issuing=True while renewing). */
  extraConditions?: Condition[];
}

/** Writes the TLS Secret and marks the Certificate Ready, as a completed issuance does. */
export function issueCertificateNow(store: ObjectStore, certificate: KubeObject, options: IssueOptions): KubeObject {
  const raw = recordOf<CertificateSpec>(certificate.spec);
  const spec: CertificateSpec = {
    ...raw,
    dnsNames: stringsOf(raw.dnsNames),
    ipAddresses: stringsOf(raw.ipAddresses),
    issuerRef: recordOf<NonNullable<CertificateSpec['issuerRef']>>(raw.issuerRef),
    secretName: typeof raw.secretName === 'string' ? raw.secretName : undefined,
    commonName: typeof raw.commonName === 'string' ? raw.commonName : undefined,
  };
  const namespace = certificate.metadata.namespace ?? 'default';
  const times = certificateTimes(spec, options.notBefore ?? options.now);
  const dnsNames = spec.dnsNames ?? [];
  const commonName = spec.commonName ?? dnsNames[0] ?? certificate.metadata.name;
  const issued = issueCertificate(acmeAuthority(), {
    commonName,
    dnsNames,
    ipAddresses: spec.ipAddresses ?? [],
    usage: 'server',
    notBefore: times.notBefore,
    validityDays: (times.notAfter.getTime() - times.notBefore.getTime()) / DAY_MS,
  });
  const secretName = spec.secretName ?? certificate.metadata.name;
  const secret: KubeObject = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: {
      name: secretName,
      namespace,
      labels: { 'controller.cert-manager.io/fao': 'true' },
      annotations: {
        'cert-manager.io/alt-names': dnsNames.join(','),
        'cert-manager.io/certificate-name': certificate.metadata.name,
        'cert-manager.io/common-name': commonName,
        'cert-manager.io/ip-sans': (spec.ipAddresses ?? []).join(','),
        'cert-manager.io/issuer-group': spec.issuerRef?.group ?? 'cert-manager.io',
        'cert-manager.io/issuer-kind': spec.issuerRef?.kind ?? 'Issuer',
        'cert-manager.io/issuer-name': spec.issuerRef?.name ?? '',
        'cert-manager.io/uri-sans': '',
      },
    },
    data: {
      'tls.crt': Buffer.from(issued.certPem + acmeAuthority().certPem).toString('base64'),
      'tls.key': Buffer.from(issued.keyPem).toString('base64'),
    },
  };
  const existingSecret = store.get(KEYS.secret, namespace, secretName);
  if (existingSecret) store.update({ ...secret, metadata: { ...existingSecret.metadata, ...secret.metadata } });
  else store.create(secret);

  const status = (certificate.status ?? {}) as Record<string, unknown>;
  const now = nowTimestamp(options.now);
  const ready: Condition = {
    type: 'Ready',
    status: 'True',
    reason: 'Ready',
    message: 'Certificate is up to date and has not expired',
    observedGeneration: certificate.metadata.generation ?? 1,
  };
  const newStatus: Record<string, unknown> = {
    conditions: mergeConditions(status.conditions, [ready, ...(options.extraConditions ?? [])], now),
    notBefore: nowTimestamp(times.notBefore),
    notAfter: nowTimestamp(times.notAfter),
    renewalTime: nowTimestamp(times.renewalTime),
    revision: Number(status.revision ?? 0) + 1,
    ...(options.extraStatus ?? {}),
  };
  return store.updateStatus({ ...certificate, status: newStatus });
}

/** The status of an ACME issuer whose account is registered (what cert-manager reports once ready). */
export function acmeIssuerReadyStatus(issuer: KubeObject, now: Date): Record<string, unknown> {
  const acme = ((issuer.spec ?? {}) as { acme?: { server?: string } }).acme;
  const previous = (issuer.status ?? {}) as { conditions?: unknown; acme?: Record<string, unknown> };
  const ready: Condition = {
    type: 'Ready',
    status: 'True',
    reason: acme ? 'ACMEAccountRegistered' : 'IsReady',
    message: acme ? 'The ACME account was registered with the ACME server' : 'Signing CA verified',
    observedGeneration: issuer.metadata.generation ?? 1,
  };
  const server = acme?.server ?? '';
  const account = `${server.replace(/\/directory$/, '')}/acme/acct/${Math.abs(hashText(issuer.metadata.name)) % 1_000_000_000}`;
  return {
    conditions: mergeConditions(previous.conditions, [ready], nowTimestamp(now)),
    ...(acme ? { acme: { uri: previous.acme?.uri ?? account, lastRegisteredEmail: (issuer.spec as { acme?: { email?: string } }).acme?.email ?? '' } } : {}),
  };
}

function hashText(text: string): number {
  let hash = 17;
  for (const char of text) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  return hash;
}
