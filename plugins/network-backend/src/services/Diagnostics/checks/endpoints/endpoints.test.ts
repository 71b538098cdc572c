import { ObjectsByKind } from '../../../../testing/FakeKubernetesApi';
import { ClusterCache } from '../../../ClusterCache/ClusterCache';
import { checkContextWithObjects, CheckContextWithObjectsOptions, entityScope } from '../../testing/checkContextWithObjects';
import { endpointChecks, endpointsReadyCheck } from '.';

const caches: ClusterCache[] = [];
afterEach(() => caches.splice(0).forEach(cache => cache.stop()));

async function run(objects: ObjectsByKind, options?: CheckContextWithObjectsOptions) {
  const { context, cache } = await checkContextWithObjects(objects, options);
  caches.push(cache);
  return endpointsReadyCheck.run(context);
}

const service = (namespace: string, name: string, selector?: Record<string, string>) => ({
  metadata: { namespace, name },
  spec: { type: 'ClusterIP', ...(selector ? { selector } : {}), ports: [{ port: 80 }] },
});
const slice = (namespace: string, serviceName: string, readiness: boolean[]) => ({
  metadata: { namespace, name: `${serviceName}-abcde`, labels: { 'kubernetes.io/service-name': serviceName } },
  endpoints: readiness.map((ready, index) => ({ addresses: [`10.42.0.${index + 1}`], conditions: { ready } })),
});
const pod = (namespace: string, name: string, labels: Record<string, string>) => ({ metadata: { namespace, name, labels }, status: { phase: 'Running' } });

const objects = {
  Pod: [pod('media', 'jellyfin-0', { app: 'jellyfin' }), pod('media', 'radarr-0', { app: 'radarr' }), pod('media', 'lidarr-0', { app: 'lidarr' })],
  Service: [
    service('media', 'jellyfin', { app: 'jellyfin' }),
    service('media', 'radarr', { app: 'radarr' }),
    service('media', 'lidarr', { app: 'lidarr' }),
    service('media', 'typo', { app: 'sonar' }),
    service('default', 'kubernetes'),
  ],
  EndpointSlice: [slice('media', 'jellyfin', [true]), slice('media', 'radarr', [false]), slice('media', 'lidarr', [true, false])],
};

describe('endpoints.ready', () => {
  it('is the one endpoint check', () => {
    expect(endpointChecks.map(check => check.id)).toEqual(['endpoints.ready']);
  });

  it('fails services with no ready endpoint (saying whether pods match), warns partial ones, ignores services without selector', async () => {
    const report = await run(objects);
    expect(report.findings.map(finding => `${finding.outcome} ${finding.subject} ${finding.message}`)).toEqual([
      'fail Service media/radarr NoReadyEndpoints: 0 of 1 endpoints ready (1 pod selected, none ready)',
      'warn Service media/lidarr SomeEndpointsNotReady: 1 of 2 endpoints ready',
      'fail Service media/typo NoReadyEndpoints: 0 of 0 endpoints ready (the selector matches no pod)',
    ]);
    expect(report.findings[0].evidence).toEqual({
      objects: [
        { apiVersion: 'v1', kind: 'Service', namespace: 'media', name: 'radarr' },
        { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', namespace: 'media', name: 'radarr-abcde' },
      ],
      fields: { 'spec.selector': 'app=radarr', readyEndpoints: '0/1', endpointSlices: 'radarr-abcde', podsSelected: 'radarr-0' },
    });
    expect(report.summary).toBe('3 of 4 services without all endpoints ready');
  });

  it('keeps to the scope', async () => {
    expect((await run(objects, { scope: { kind: 'namespace', namespace: 'default' } })).findings).toEqual([]);
    const entity = await run(objects, { scope: entityScope([{ kind: 'Service', namespace: 'media', name: 'jellyfin' }]) });
    expect(entity).toMatchObject({ findings: [], summary: '1 service with a selector, all endpoints ready' });
  });

  it('skips when EndpointSlices are not served', async () => {
    expect((await run({ Service: [] })).skippedBecause).toMatch(/EndpointSlice/);
  });
});
