import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ClusterRegistry } from '../services/ClusterRegistry/ClusterRegistry';
import { NetworkClusters } from '../services/NetworkClusters/NetworkClusters';
import { DnsProbe } from '../services/DnsProbe/DnsProbe';
import { RequestPathResolver } from '../services/RequestPathResolver/RequestPathResolver';
import { DemoClusterProcess, startDemoClusterProcess } from '../testing/demoClusterProcess';
import { freeLoopbackPorts } from '../testing/freeLoopbackPorts';

jest.setTimeout(120_000);

const jellyfin: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'jellyfin', namespace: 'default', annotations: { 'backstage.io/kubernetes-id': 'jellyfin' } },
  spec: {},
};

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise(resolve => setTimeout(resolve, 50));
  }
  return Date.now() - started;
}

/**
 * The Kubernetes API server stops while the portal watches it and comes back at the same
 * address: the cache says it is stale meanwhile and still answers from what it holds, then
 * follows the returned server within 10 s, without duplicates or lost objects.
 */
describe('fault: the API server stops and returns', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-fault-apiserver-'));
  let demo: DemoClusterProcess;
  let clusters: NetworkClusters;

  afterAll(async () => {
    clusters?.stop();
    await demo?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  it('marks the cluster stale, answers from the cache with the staleness, and recovers within 10 s of return', async () => {
    const [kube, talos, dns] = await freeLoopbackPorts(3);
    const ports = { kube, talos, dns };
    demo = await startDemoClusterProcess({ stateDir, persist: true, ports });
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [{ name: 'demo', url: demo.endpoints.kubernetesApiUrl, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData }],
          },
        ],
      },
      network: { clusters: { demo: { dns: { internal: demo.endpoints.dns } } } },
    });
    clusters = new NetworkClusters({ registry: ClusterRegistry.fromConfig(config), logger: mockServices.logger.mock() });
    clusters.start();
    await clusters.whenSynced();
    const resolver = new RequestPathResolver({ clusters, dns: new DnsProbe({ timeoutMs: 300 }) });
    const cache = clusters.cache('demo')!;
    const podNames = () => cache.list('Pod').map(pod => `${pod.metadata.namespace}/${pod.metadata.name}`).sort();
    const before = podNames();
    expect(cache.health().stale).toBe(false);
    expect((await resolver.resolve(jellyfin)).stale).toBe(false);

    await demo.kill();
    const noticedMs = await waitFor(() => cache.health().stale, 10_000, 'the cache noticing the outage');
    const during = await resolver.resolve(jellyfin);
    expect(during.stale).toBe(true);
    expect(during.paths.map(hostnamePath => hostnamePath.hostname)).toEqual(['jellyfin.demo.lab']);

    // Down long enough for the informers' backoff to grow.
    await new Promise(resolve => setTimeout(resolve, 6_000));
    demo = await startDemoClusterProcess({ stateDir, persist: true, ports });
    const recoveredMs = await waitFor(() => !cache.health().stale, 10_000, 'recovery after the API server returned');
    // eslint-disable-next-line no-console
    console.log(`outage noticed after ${noticedMs} ms; recovered ${recoveredMs} ms after the API server returned`);

    expect(podNames()).toEqual(before);
    expect(new Set(podNames()).size).toBe(before.length);
    expect((await resolver.resolve(jellyfin)).stale).toBe(false);
  });
});
