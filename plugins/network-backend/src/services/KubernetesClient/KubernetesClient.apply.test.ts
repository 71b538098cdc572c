import { DemoClusterProcess, startDemoClusterProcess } from '../../testing/demoClusterProcess';
import { KubernetesApiError, KubernetesClient } from './KubernetesClient';

jest.setTimeout(60_000);

const pool = (cidr: string) => ({
  apiVersion: 'cilium.io/v2alpha1',
  kind: 'CiliumLoadBalancerIPPool',
  metadata: { name: 'apply-test-pool' },
  spec: { blocks: [{ cidr }] },
});

describe('KubernetesClient server-side apply against the demo cluster', () => {
  let demo: DemoClusterProcess;
  let client: KubernetesClient;

  beforeAll(async () => {
    demo = await startDemoClusterProcess({ state: 'empty' });
    client = new KubernetesClient({ name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData });
  });

  afterAll(async () => {
    client?.close();
    await demo?.stop();
  });

  it('finds REST paths through discovery, namespaced or not', async () => {
    await expect(client.resourcePath({ apiVersion: 'cilium.io/v2', kind: 'CiliumLoadBalancerIPPool', name: 'a' })).resolves.toBe(
      '/apis/cilium.io/v2/ciliumloadbalancerippools/a',
    );
    await expect(client.resourcePath({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', namespace: 'network', name: 'g' })).resolves.toBe(
      '/apis/gateway.networking.k8s.io/v1/namespaces/network/gateways/g',
    );
    await expect(client.resourcePath({ apiVersion: 'v1', kind: 'Namespace', name: 'media' })).resolves.toBe('/api/v1/namespaces/media');
    await expect(client.resourcePath({ apiVersion: 'example.com/v1', kind: 'Widget', name: 'w' })).rejects.toMatchObject({
      statusCode: 404,
      message: 'example.com/v1 Widget is not served by the cluster (is its CRD installed?)',
    });
  });

  it('dry-runs an apply without storing, then applies, and get returns undefined for a missing object', async () => {
    const ref = { apiVersion: 'cilium.io/v2alpha1', kind: 'CiliumLoadBalancerIPPool', name: 'apply-test-pool' };
    await expect(client.get(ref)).resolves.toBeUndefined();

    const dryRun = await client.apply(pool('127.0.9.0/29'), { fieldManager: 'pathway-network', dryRun: true });
    expect(dryRun.spec.blocks).toEqual([{ cidr: '127.0.9.0/29' }]);
    await expect(client.get(ref)).resolves.toBeUndefined();

    const applied = await client.apply(pool('127.0.9.0/29'), { fieldManager: 'pathway-network' });
    expect(applied.metadata.managedFields.map((entry: any) => `${entry.manager}/${entry.operation}`)).toContain('pathway-network/Apply');
    const live = await client.get(ref);
    expect(live.spec.blocks).toEqual([{ cidr: '127.0.9.0/29' }]);
  });

  it('reports a conflict with another manager, naming it, unless forced', async () => {
    await client.apply(pool('127.0.9.0/29'), { fieldManager: 'pathway-network' });
    const error = await client.apply(pool('127.0.9.8/29'), { fieldManager: 'someone-else' }).catch(caught => caught);
    expect(error).toBeInstanceOf(KubernetesApiError);
    expect(error.statusCode).toBe(409);
    expect(error.causes?.[0]).toMatchObject({ reason: 'FieldManagerConflict', field: '.spec.blocks' });
    expect(error.causes?.[0].message).toContain('pathway-network');

    const forced = await client.apply(pool('127.0.9.8/29'), { fieldManager: 'someone-else', force: true });
    expect(forced.spec.blocks).toEqual([{ cidr: '127.0.9.8/29' }]);
  });
});
