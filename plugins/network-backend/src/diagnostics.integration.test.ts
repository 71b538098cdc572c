import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { CheckResult, DiagnosticRunDetail } from '@internal/plugin-network-common';
import { networkPlugin } from './plugin';
import { DemoClusterProcess, startDemoClusterProcess } from './testing/demoClusterProcess';

jest.setTimeout(180_000);

const component = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name } },
  spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
});

/** The failing or warning findings of a check, as `Kind namespace/name` of their objects. */
function problems(run: DiagnosticRunDetail, checkId: string): string[] {
  const result = run.results.find(candidate => candidate.checkId === checkId);
  if (!result) throw new Error(`${checkId} did not run; ran: ${run.results.map(r => r.checkId).join(', ')}`);
  return result.findings
    .filter(finding => finding.outcome === 'fail' || finding.outcome === 'warn')
    .map(finding => (finding.object ? `${finding.object.kind} ${finding.object.namespace ? `${finding.object.namespace}/` : ''}${finding.object.name}` : finding.subject));
}

/**
 * The whole plugin against the demo cluster, through its REST API: every seeded broken case is
 * caught by the right check, and an entity-scoped run reports only that entity's objects.
 */
describe('diagnostics against the demo cluster', () => {
  let demo: DemoClusterProcess;
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let fullRun: DiagnosticRunDetail;

  async function runAndWait(selection: object): Promise<DiagnosticRunDetail> {
    const started = await request(server).post('/api/network/clusters/demo/diagnostics/runs').send({ selection });
    expect(started.status).toBe(202);
    for (;;) {
      const detail = await request(server).get(`/api/network/diagnostics/runs/${started.body.id}`);
      if (detail.body.status !== 'running') return detail.body;
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    ({ server } = await startTestBackend({
      features: [
        networkPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    { name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData },
                  ],
                },
              ],
            },
            network: {
              clusters: { demo: { dns: { internal: demo.endpoints.dns }, talos: { talosconfigPath: `${demo.stateDir}/talosconfig` } } },
              diagnostics: { schedule: { frequencyMinutes: 0 } },
            },
          },
        }),
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        catalogServiceMock.factory({ entities: ['sonarr', 'jellyfin', 'wiki', 'mosquitto', 'home-assistant'].map(component) }),
        createServiceFactory({ service: signalsServiceRef, deps: {}, factory: () => ({ publish: async () => {} }) }),
      ],
    }));
    // Controllers finish their first pass shortly after start (certificates issue ~1.5 s in).
    await new Promise(resolve => setTimeout(resolve, 2500));
    fullRun = await runAndWait({ kind: 'all' });
  });

  afterAll(async () => {
    await demo?.stop();
  });

  it('runs every registered check to the end', async () => {
    const checks = await request(server).get('/api/network/diagnostics/checks');
    expect(fullRun.status).toBe('succeeded');
    expect(fullRun.progress.done).toBe(checks.body.items.length);
    expect(fullRun.results.map((result: CheckResult) => result.checkId).sort()).toEqual(
      checks.body.items.map((check: { id: string }) => check.id).sort(),
    );
    const errors = fullRun.results.filter((result: CheckResult) => result.outcome === 'error');
    expect(errors.map(result => `${result.checkId}: ${result.error}`)).toEqual([]);
  });

  it.each([
    ['route-backend-not-found', 'gateway.routes-resolved-refs', 'HTTPRoute media/sonarr'],
    ['route-no-matching-listener-hostname', 'gateway.routes-accepted', 'HTTPRoute default/wiki'],
    ['certificate-expiring', 'certificates.expiry', 'Certificate home/home-assistant-tls'],
    ['lb-pool-exhausted', 'pools.services-without-ip', 'Service home/mosquitto'],
    ['namespace-without-default-deny', 'policies.default-deny', 'Namespace default'],
    ['cilium-lb-frontend-not-programmed', 'cilium.lb-frontends', 'Service network/cilium-gateway-envoy-external'],
  ])('%s is caught by %s naming %s', (_case, checkId, object) => {
    expect(problems(fullRun, checkId)).toContain(object);
  });

  it('cilium-agent-not-ready is caught by cilium.agents-ready naming the node', () => {
    const result = fullRun.results.find(candidate => candidate.checkId === 'cilium.agents-ready')!;
    expect(result.outcome).toBe('fail');
    const failing = result.findings.filter(finding => finding.outcome === 'fail');
    expect(failing).toHaveLength(1);
    expect(`${failing[0].subject} ${failing[0].message}`).toContain('talos-worker-1');
  });

  it('an entity-scoped run of sonarr reports sonarr and nothing of the other apps', async () => {
    const run = await runAndWait({ kind: 'entity', entityRef: 'component:default/sonarr' });
    expect(run.status).toBe('succeeded');
    expect(problems(run, 'gateway.routes-resolved-refs')).toEqual(['HTTPRoute media/sonarr']);
    const everything = run.results.flatMap(result => result.findings.map(finding => JSON.stringify(finding.object ?? finding.subject)));
    for (const other of ['wiki', 'mosquitto', 'home-assistant']) {
      expect(everything.filter(text => text.includes(other))).toEqual([]);
    }
  });
});
