import { CertificateObject, certificateSummary } from './certificateSummary';

const now = new Date('2026-11-22T00:00:00Z');

describe('certificateSummary', () => {
  it.each<[string, CertificateObject, Record<string, unknown>]>([
    [
      'issued and ready',
      {
        metadata: { namespace: 'network', name: 'wildcard' },
        spec: {
          dnsNames: ['*.example.com'],
          secretName: 'wildcard-tls',
          issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' },
        },
        status: {
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'Ready',
              message: 'Certificate is up to date and has not expired',
            },
          ],
          notAfter: '2027-02-20T00:00:00Z',
          renewalTime: '2027-01-21T00:00:00Z',
        },
      },
      {
        namespace: 'network',
        name: 'wildcard',
        dnsNames: ['*.example.com'],
        secretName: 'wildcard-tls',
        issuer: 'ClusterIssuer/letsencrypt',
        ready: true,
        readyReason: 'Ready',
        readyMessage: 'Certificate is up to date and has not expired',
        notAfter: '2027-02-20T00:00:00Z',
        renewalTime: '2027-01-21T00:00:00Z',
        daysLeft: 90,
      },
    ],
    [
      'not issued yet: no conditions, default issuer kind',
      {
        metadata: { namespace: 'apps', name: 'new' },
        spec: { secretName: 's', issuerRef: { name: 'local' } },
      },
      {
        namespace: 'apps',
        name: 'new',
        dnsNames: [],
        secretName: 's',
        issuer: 'Issuer/local',
        ready: false,
      },
    ],
    [
      'expired',
      {
        metadata: { namespace: 'apps', name: 'old' },
        spec: {
          secretName: 's',
          issuerRef: { name: 'le', kind: 'ClusterIssuer' },
        },
        status: {
          conditions: [{ type: 'Ready', status: 'False', reason: 'Expired' }],
          notAfter: '2026-11-20T00:00:00Z',
        },
      },
      {
        namespace: 'apps',
        name: 'old',
        dnsNames: [],
        secretName: 's',
        issuer: 'ClusterIssuer/le',
        ready: false,
        readyReason: 'Expired',
        notAfter: '2026-11-20T00:00:00Z',
        daysLeft: -2,
      },
    ],
  ])('%s', (_name, certificate, expected) => {
    expect(certificateSummary(certificate, now)).toEqual(expected);
  });
});
