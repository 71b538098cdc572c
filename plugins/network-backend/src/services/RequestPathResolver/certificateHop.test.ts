import { cacheWithObjects } from '../../testing/FakeKubernetesApi';
import { certificateHop } from './certificateHop';

const NOW = Date.parse('2026-11-22T12:00:00Z');
const certificate = (name: string, namespace: string, dnsNames: string[], status: any) => ({
  metadata: { name, namespace },
  spec: { dnsNames, secretName: name, issuerRef: { name: 'le', kind: 'ClusterIssuer' } },
  status,
});
const ready = { type: 'Ready', status: 'True', reason: 'Ready' };

describe('certificateHop', () => {
  it.each([
    ['ready and far from expiry', { conditions: [ready], notAfter: '2027-02-01T00:00:00Z' }, 'ok', 'Ready'],
    ['ready but expiring within 14 days', { conditions: [ready], notAfter: '2026-11-30T00:00:00Z' }, 'warning', 'Expiring'],
    ['renewal failing', { conditions: [ready, { type: 'Issuing', status: 'True', reason: 'Renewing' }], notAfter: '2026-11-27T00:00:00Z', failedIssuanceAttempts: 3 }, 'warning', 'Renewing'],
    ['not ready', { conditions: [{ type: 'Ready', status: 'False', reason: 'DoesNotExist', message: 'Issuing certificate as Secret does not exist' }] }, 'failing', 'DoesNotExist'],
  ])('%s', async (_name, status, state, reason) => {
    const { cache } = await cacheWithObjects({ Certificate: [certificate('app-tls', 'apps', ['app.example.com'], status)] });
    expect(certificateHop(cache, 'app.example.com', 'apps', NOW)).toMatchObject({ state, reason });
    cache.stop();
  });

  it("covers a name by a one-label wildcard and prefers the app namespace's certificate", async () => {
    const { cache } = await cacheWithObjects({
      Certificate: [
        certificate('wildcard', 'network', ['*.example.com'], { conditions: [ready], notAfter: '2027-02-01T00:00:00Z' }),
        certificate('own', 'apps', ['app.example.com'], { conditions: [ready], notAfter: '2027-02-01T00:00:00Z' }),
      ],
    });
    expect(certificateHop(cache, 'app.example.com', 'apps', NOW)!.evidence.objects[0].name).toBe('own');
    expect(certificateHop(cache, 'other.example.com', 'apps', NOW)!.evidence.objects[0].name).toBe('wildcard');
    expect(certificateHop(cache, 'a.b.example.com', 'apps', NOW)).toBeUndefined();
    cache.stop();
  });
});
