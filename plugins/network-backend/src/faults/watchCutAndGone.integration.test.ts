import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ClusterCache } from '../services/ClusterCache/ClusterCache';
import { KubernetesClient } from '../services/KubernetesClient/KubernetesClient';
import { DemoClusterProcess, startDemoClusterProcess } from '../testing/demoClusterProcess';
import { demoClusterRequest } from '../testing/demoClusterRequest';
import { countingKubernetesReader } from '../testing/countingKubernetesReader';
import { FaultyProxy, startFaultyProxy } from '../testing/faultyProxy';
import { freeLoopbackPorts } from '../testing/freeLoopbackPorts';

jest.setTimeout(90_000);

const SERVICES_PATH = '/api/v1/services';
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function faultService(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: 'default', labels: { fault: 'watch-cut' } },
    spec: { type: 'ClusterIP', selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] },
  };
}

/**
 * Watch streams are cut on the wire (a TCP proxy between the cache and the API server) while
 * services come and go, and later the server answers the resumed watch with 410 Gone: the
 * cache must end up holding exactly what a fresh list returns.
 */
describe('fault: watch streams cut, and answered 410 Gone', () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'network-fault-watch-'));
  let demo: DemoClusterProcess;
  let proxy: FaultyProxy;
  let cache: ClusterCache;

  afterAll(async () => {
    cache?.stop();
    await proxy?.close();
    await demo?.stop();
    fs.rmSync(stateDir, { recursive: true, force: true });
  });

  /** Services as a fresh list straight from the API server shows them: "ns/name@resourceVersion". */
  async function freshServices(): Promise<string[]> {
    const answer = await demoClusterRequest(demo, 'GET', SERVICES_PATH);
    expect(answer.status).toBe(200);
    return answer.body.items.map((service: any) => `${service.metadata.namespace}/${service.metadata.name}@${service.metadata.resourceVersion}`).sort();
  }
  const cachedServices = () =>
    cache.list('Service').map(service => `${service.metadata.namespace}/${service.metadata.name}@${service.metadata.resourceVersion}`).sort();

  /** Waits until the cache equals a fresh list; returns how long it took. */
  async function convergence(timeoutMs: number): Promise<number> {
    const started = Date.now();
    for (;;) {
      const fresh = await freshServices();
      if (JSON.stringify(cachedServices()) === JSON.stringify(fresh) && !cache.health().stale) return Date.now() - started;
      if (Date.now() - started > timeoutMs) {
        expect(cachedServices()).toEqual(fresh);
        throw new Error(`cache still stale after ${timeoutMs} ms: ${JSON.stringify(cache.health().kinds.filter(kind => !kind.watching))}`);
      }
      await sleep(100);
    }
  }

  async function create(name: string) {
    const answer = await demoClusterRequest(demo, 'POST', '/api/v1/namespaces/default/services', faultService(name));
    expect(answer.status).toBe(201);
  }
  async function remove(name: string) {
    const answer = await demoClusterRequest(demo, 'DELETE', `/api/v1/namespaces/default/services/${name}`);
    expect(answer.status).toBe(200);
  }

  it('re-lists after cuts and after 410 Gone, ending equal to a fresh list with deletions seen', async () => {
    const [kube, talos, dns] = await freeLoopbackPorts(3);
    const ports = { kube, talos, dns };
    demo = await startDemoClusterProcess({ stateDir, persist: true, ports });
    proxy = await startFaultyProxy({ host: '127.0.0.1', port: kube });
    const { reader, counts } = countingKubernetesReader(
      new KubernetesClient({ name: 'demo', url: `https://127.0.0.1:${proxy.port}`, token: demo.token, caData: demo.caData }),
    );
    cache = new ClusterCache({ cluster: 'demo', client: reader, logger: mockServices.logger.mock(), backoffBaseMs: 100, backoffMaxMs: 1000 });
    cache.start();
    await cache.whenSynced();
    await convergence(10_000);
    const listsAtStart = counts.lists.get(SERVICES_PATH) ?? 0;

    // Round 1: cut every stream five times while services are created and deleted.
    const deleted: string[] = [];
    let cuts = 0;
    for (let round = 0; round < 5; round++) {
      for (let index = 0; index < 4; index++) await create(`cut-${round}-${index}`);
      proxy.cutAll();
      cuts += 1;
      await remove(`cut-${round}-0`);
      deleted.push(`default/cut-${round}-0`);
      if (round > 0) {
        await remove(`cut-${round - 1}-1`);
        deleted.push(`default/cut-${round - 1}-1`);
      }
      await sleep(150);
    }
    const afterCutsMs = await convergence(15_000);
    const cachedAfterCuts = cachedServices();
    const names = cachedAfterCuts.map(entry => entry.split('@')[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const name of deleted) expect(names).not.toContain(name);
    expect(names.filter(name => name.startsWith('default/cut-'))).toHaveLength(20 - deleted.length);

    // Round 2: the streams go down and stay down while the cluster changes, then the server
    // restarts from its snapshot: the informers' resourceVersions predate it, so their watches get 410.
    proxy.setAccepting(false);
    proxy.cutAll();
    for (let index = 0; index < 3; index++) await create(`gone-${index}`);
    await remove('cut-4-1');
    await remove('cut-4-2');
    await demo.kill();
    demo = await startDemoClusterProcess({ stateDir, persist: true, ports });
    const expiredBefore = counts.expiredWatches;
    const listsBeforeGone = counts.lists.get(SERVICES_PATH) ?? 0;
    proxy.setAccepting(true);
    const afterGoneMs = await convergence(15_000);
    const gone = counts.expiredWatches - expiredBefore;
    const cachedAfterGone = cachedServices().map(entry => entry.split('@')[0]);
    // eslint-disable-next-line no-console
    console.log(
      `watch faults: ${cuts} cuts converged in ${afterCutsMs} ms (service lists ${listsBeforeGone - listsAtStart}); ` +
        `410 Gone on ${gone} watches, re-listed and converged in ${afterGoneMs} ms (service lists ${(counts.lists.get(SERVICES_PATH) ?? 0) - listsBeforeGone}); ` +
        `${cachedAfterGone.length} services cached`,
    );
    expect(gone).toBeGreaterThan(0);
    expect((counts.lists.get(SERVICES_PATH) ?? 0) - listsBeforeGone).toBeGreaterThanOrEqual(1);
    expect(new Set(cachedAfterGone).size).toBe(cachedAfterGone.length);
    expect(cachedAfterGone).toEqual(expect.arrayContaining(['default/gone-0', 'default/gone-1', 'default/gone-2']));
    expect(cachedAfterGone).not.toContain('default/cut-4-1');
    expect(cachedAfterGone).not.toContain('default/cut-4-2');
  });
});
