import { Hop } from '@internal/plugin-network-common';
import { ClusterCache } from '../ClusterCache/ClusterCache';
import { fixHintFor } from './fixHints';
import { coveringWildcards } from './certificateNames';
import { conditionOf, refOf } from './objectRefs';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Certificates whose dnsNames cover a hostname: exactly, or by a one-label wildcard as TLS allows. */
export function certificatesCovering(cache: ClusterCache, hostname: string): any[] {
  const names = [hostname.toLowerCase(), ...coveringWildcards(hostname).slice(0, 1)];
  const found = new Map<string, any>();
  for (const name of names) {
    for (const certificate of cache.byIndex('Certificate', 'dnsName', name)) {
      found.set(`${certificate.metadata.namespace}/${certificate.metadata.name}`, certificate);
    }
  }
  return [...found.values()];
}

/**
 * The certificate hop for a hostname. Prefers a Certificate in the app's namespace over the
 * gateway's wildcard. Not Ready fails; a failing renewal or expiry within `warnDays` warns.
 */
export function certificateHop(cache: ClusterCache, hostname: string, appNamespace: string, now: number, warnDays = 14): Hop | undefined {
  const candidates = certificatesCovering(cache, hostname);
  if (candidates.length === 0) return undefined;
  candidates.sort((a, b) => Number(b.metadata.namespace === appNamespace) - Number(a.metadata.namespace === appNamespace));
  const certificate = candidates[0];
  const key = `${certificate.metadata.namespace}/${certificate.metadata.name}`;
  const ready = conditionOf(certificate.status?.conditions, 'Ready');
  const issuing = conditionOf(certificate.status?.conditions, 'Issuing');
  const notAfter = certificate.status?.notAfter;
  const daysLeft = notAfter ? Math.floor((Date.parse(notAfter) - now) / DAY_MS) : undefined;
  const fields: Hop['evidence']['fields'] = {
    'status.conditions[Ready]': ready ? `${ready.status} ${ready.reason ?? ''}`.trim() : null,
    'status.conditions[Issuing]': issuing ? `${issuing.status} ${issuing.reason ?? ''}`.trim() : null,
    'status.notAfter': notAfter ?? null,
    'status.renewalTime': certificate.status?.renewalTime ?? null,
    'status.failedIssuanceAttempts': certificate.status?.failedIssuanceAttempts ?? null,
    daysLeft: daysLeft ?? null,
  };
  const base = {
    id: `certificate:${key}:${hostname}`,
    kind: 'certificate' as const,
    title: `Certificate ${key} for ${hostname}`,
    evidence: { objects: [refOf('Certificate', certificate, 'cert-manager.io/v1')], fields },
  };
  if (!ready || ready.status !== 'True') {
    const reason = ready?.reason ?? 'NotReady';
    return { ...base, state: 'failing', reason, message: ready?.message ?? 'Certificate is not Ready', fixHint: fixHintFor(reason) };
  }
  const renewalFailing = issuing?.status === 'True' && Number(certificate.status?.failedIssuanceAttempts ?? 0) > 0;
  if (renewalFailing || (daysLeft !== undefined && daysLeft <= warnDays)) {
    const reason = issuing?.status === 'True' ? issuing.reason ?? 'Renewing' : 'Expiring';
    const expiry = daysLeft !== undefined ? `expires in ${daysLeft} days` : 'expiry unknown';
    return {
      ...base, state: 'warning', reason,
      message: `${expiry}${renewalFailing ? `; renewal failed ${certificate.status.failedIssuanceAttempts} times` : ''}`,
      fixHint: fixHintFor(reason),
    };
  }
  return { ...base, state: 'ok', reason: ready.reason, message: daysLeft !== undefined ? `Ready, expires in ${daysLeft} days` : 'Ready' };
}
