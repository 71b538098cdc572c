import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { DiagnosticCheck } from '../../DiagnosticCheck';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { certificateChecks, certificatesExpiryCheck, certificatesReadyCheck, issuersReadyCheck } from '.';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(check: DiagnosticCheck, objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return check.run(context);
}

const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY + 60_000).toISOString();
const certificate = (namespace: string, name: string, conditions: any[], notAfter?: string, extra: any = {}) => ({
  metadata: { namespace, name },
  spec: { secretName: `${name}`, dnsNames: [`${name}.demo.lab`], issuerRef: { name: 'letsencrypt-production', kind: 'ClusterIssuer', group: 'cert-manager.io' } },
  status: { conditions, ...(notAfter ? { notAfter } : {}), ...extra },
});
const ready = { type: 'Ready', status: 'True', reason: 'Ready', message: 'Certificate is up to date and has not expired' };
const clusterIssuer = (name: string, status: string, reason: string) => ({
  metadata: { name },
  spec: { acme: { server: 'https://acme-v02.api.letsencrypt.org/directory' } },
  status: { conditions: [{ type: 'Ready', status, reason, message: reason === 'ACMEAccountRegistered' ? 'The ACME account was registered' : 'Failed to register ACME account' }] },
});

describe('certificate checks', () => {
  it('have ids of their category and skip without cert-manager', async () => {
    expect(certificateChecks.map(check => check.id)).toEqual(['certificates.ready', 'certificates.expiry', 'certificates.issuers-ready']);
    for (const check of certificateChecks) {
      expect((await run(check, { Service: [] })).skippedBecause).toBe('the cluster does not serve cert-manager.io Certificate');
    }
  });
});

describe('certificates.ready', () => {
  it("fails Ready=False with cert-manager's reason, warns without a Ready condition, passes Ready", async () => {
    const report = await run(certificatesReadyCheck, {
      Certificate: [
        certificate('media', 'ok', [ready], inDays(60)),
        certificate('media', 'missing', [{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' }]),
        certificate('media', 'new', []),
      ],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail Certificate media/missing DoesNotExist: Issuing certificate as Secret does not exist',
      'warn Certificate media/new NotReady: cert-manager has not set a Ready condition yet',
    ]);
    expect(report.findings[0].evidence?.fields).toMatchObject({ 'status.conditions[Ready]': 'False DoesNotExist', 'spec.issuerRef': 'ClusterIssuer/letsencrypt-production' });
    expect(report.summary).toBe('2 of 3 certificates not Ready');
  });
});

describe('certificates.expiry', () => {
  const objects = {
    Certificate: [
      certificate('home', 'expiring', [ready, { type: 'Issuing', status: 'True', reason: 'Renewing', message: 'Renewing certificate as renewal was scheduled' }], inDays(5), { failedIssuanceAttempts: 3 }),
      certificate('home', 'expired', [{ type: 'Ready', status: 'False', reason: 'Expired' }], inDays(-2)),
      certificate('home', 'fine', [ready], inDays(60)),
      certificate('home', 'edge', [ready], inDays(14)),
    ],
  };

  it('fails expired, warns within the window with the renewal reason, passes the rest', async () => {
    const report = await run(certificatesExpiryCheck, objects);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message.split(' (')[0]}`)).toEqual([
      'warn Certificate home/expiring Expiring: 5 days left',
      `fail Certificate home/expired Expired: notAfter ${objects.Certificate[1].status.notAfter} has passed`,
      'warn Certificate home/edge Expiring: 14 days left',
    ]);
    expect(report.findings[0].message).toMatch(/; Renewing, 3 failed attempts: Renewing certificate as renewal was scheduled$/);
    expect(report.findings[0].evidence?.fields).toMatchObject({ 'status.conditions[Issuing]': 'True Renewing', daysLeft: '5', 'status.failedIssuanceAttempts': '3' });
  });

  it('follows the configured window and the entity scope', async () => {
    const narrow = await run(certificatesExpiryCheck, objects, { certificateExpiryWarningDays: 7 });
    expect(narrow.findings.map(finding => finding.subject)).toEqual(['Certificate home/expiring', 'Certificate home/expired']);
    const scoped = await run(certificatesExpiryCheck, objects, { scope: entityScope([{ kind: 'Certificate', namespace: 'home', name: 'fine' }]) });
    expect(scoped).toMatchObject({ findings: [], summary: '1 certificate, none expiring within 14 days' });
  });
});

describe('certificates.issuers-ready', () => {
  it('fails a ClusterIssuer that is not Ready and an issuer a certificate names that does not exist', async () => {
    const report = await run(issuersReadyCheck, {
      ClusterIssuer: [clusterIssuer('letsencrypt-production', 'True', 'ACMEAccountRegistered'), clusterIssuer('letsencrypt-staging', 'False', 'ErrRegisterACMEAccount')],
      Issuer: [],
      Certificate: [certificate('media', 'a', [ready]), { ...certificate('media', 'b', [ready]), spec: { issuerRef: { name: 'selfsigned' } } }],
    });
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail ClusterIssuer letsencrypt-staging ErrRegisterACMEAccount: Failed to register ACME account',
      'fail Issuer media/selfsigned IssuerNotFound: Issuer media/selfsigned does not exist',
    ]);
    expect(report.findings[1].evidence?.fields).toEqual({ usedBy: 'media/b' });
  });

  it('in an entity scope looks only at the issuers its certificates name', async () => {
    const report = await run(
      issuersReadyCheck,
      {
        ClusterIssuer: [clusterIssuer('letsencrypt-production', 'True', 'ACMEAccountRegistered'), clusterIssuer('letsencrypt-staging', 'False', 'ErrRegisterACMEAccount')],
        Certificate: [certificate('media', 'a', [ready])],
      },
      { scope: entityScope([{ kind: 'Certificate', namespace: 'media', name: 'a' }]) },
    );
    expect(report).toMatchObject({ findings: [], summary: '1 issuer, all Ready' });
  });
});
