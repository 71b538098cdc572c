import { DemoClusterProcess, postJson, startDemoClusterProcess } from '../../testing/demoClusterProcess';
import { KubernetesApiError, KubernetesClient, WatchEvent } from './KubernetesClient';
import { discoverServedResources } from './discoverServedResources';

jest.setTimeout(60_000);

describe('KubernetesClient against the demo cluster', () => {
  let demo: DemoClusterProcess;
  let client: KubernetesClient;

  beforeAll(async () => {
    demo = await startDemoClusterProcess();
    client = new KubernetesClient(
      { name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData },
      { pageSize: 5 },
    );
  });

  afterAll(async () => {
    client?.close();
    await demo?.stop();
  });

  it('lists across pages with limit/continue and returns the list resourceVersion', async () => {
    const paged = await client.list('/api/v1/pods');
    const whole = await new KubernetesClient(
      { name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token, caData: demo.caData },
      { pageSize: 10_000 },
    ).list('/api/v1/pods');
    expect(paged.items.length).toBeGreaterThan(5);
    expect(paged.items.map(pod => pod.metadata.uid).sort()).toEqual(whole.items.map(pod => pod.metadata.uid).sort());
    expect(Number(paged.resourceVersion)).toBeGreaterThan(0);
  });

  it('rejects a wrong token with the Status reason, and an unknown CA', async () => {
    const wrongToken = new KubernetesClient({ name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: 'wrong', caData: demo.caData });
    await expect(wrongToken.getJson('/api/v1/namespaces')).rejects.toMatchObject({ statusCode: 401, reason: 'Unauthorized' });
    const noCa = new KubernetesClient({ name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token });
    await expect(noCa.getJson('/api/v1/namespaces')).rejects.toBeInstanceOf(KubernetesApiError);
    const skipVerify = new KubernetesClient({ name: 'demo', url: demo.endpoints.kubernetesApiUrl, token: demo.token, skipTLSVerify: true });
    await expect(skipVerify.getJson('/api/v1/namespaces')).resolves.toHaveProperty('items');
    [wrongToken, noCa, skipVerify].forEach(c => c.close());
  });

  it('watches from the list resourceVersion and streams the objects created after it', async () => {
    const { resourceVersion } = await client.list('/api/v1/namespaces/default/configmaps');
    const added = new Promise<WatchEvent>((resolve, reject) => {
      const handle = client.watch('/api/v1/namespaces/default/configmaps', resourceVersion, {
        onEvent: event => {
          if (event.type === 'ADDED' && event.object.metadata.name === 'watched') {
            handle.stop();
            resolve(event);
          }
        },
        onClose: error => reject(error ?? new Error('watch ended before the event')),
      });
    });
    await postJson(demo, '/api/v1/namespaces/default/configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' }, data: { a: 'b' } });
    const event = await added;
    expect(event.object.data).toEqual({ a: 'b' });
    expect(Number(event.object.metadata.resourceVersion)).toBeGreaterThan(Number(resourceVersion));
  });

  it('finds which resources are served, leaving out groups the cluster lacks', async () => {
    const served = await discoverServedResources(client, ['v1', 'gateway.networking.k8s.io/v1', 'cilium.io/v2', 'example.com/v1']);
    expect(served.has('v1/pods')).toBe(true);
    expect(served.has('gateway.networking.k8s.io/v1/httproutes')).toBe(true);
    expect(served.has('cilium.io/v2/ciliumloadbalancerippools')).toBe(true);
    expect([...served].some(key => key.startsWith('example.com/'))).toBe(false);
  });

  it('reports a refused connection as status 0', async () => {
    const nowhere = new KubernetesClient({ name: 'x', url: 'https://127.0.0.1:1' }, { requestTimeoutMs: 2000 });
    await expect(nowhere.getJson('/api')).rejects.toMatchObject({ statusCode: 0 });
    nowhere.close();
  });
});
