import express from 'express';
import request from 'supertest';
import { ConfigReader } from '@backstage/config';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createRouter } from '../router';
import { ClusterCache } from '../services/ClusterCache/ClusterCache';
import { ClusterOverviewBuilder } from '../services/ClusterOverviewBuilder/ClusterOverviewBuilder';
import { ClusterRegistry } from '../services/ClusterRegistry/ClusterRegistry';
import { DnsProbe } from '../services/DnsProbe/DnsProbe';
import { KubernetesClient } from '../services/KubernetesClient/KubernetesClient';
import { NetworkClusters } from '../services/NetworkClusters/NetworkClusters';
import { RequestPathResolver } from '../services/RequestPathResolver/RequestPathResolver';
import { DemoClusterProcess, startDemoClusterProcess } from '../testing/demoClusterProcess';
import { FaultyProxy, startFaultyProxy } from '../testing/faultyProxy';

jest.setTimeout(90_000);

const REQUEST_TIMEOUT_MS = 1000;
const RESPONSE_DELAY_MS = 3000;
const SLOW_PERIOD_MS = 15_000;
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/**
 * The API server (seen through a TCP proxy) turns slow: every answer is held 3 s, longer than
 * the client's 1 s request timeout. Requests must fail with a clear timeout, the number of
 * connections open to the server must stay bounded (no pile-up of retries), and the REST API
 * must keep answering at once from the cache, flagged stale.
 */
describe('fault: a slow API server', () => {
  let demo: DemoClusterProcess;
  let proxy: FaultyProxy;
  let clusters: NetworkClusters;

  afterAll(async () => {
    clusters?.stop();
    await proxy?.close();
    await demo?.stop();
  });

  it('times requests out clearly, keeps connections bounded and answers from the cache, stale', async () => {
    demo = await startDemoClusterProcess();
    const kubeUrl = new URL(demo.endpoints.kubernetesApiUrl);
    proxy = await startFaultyProxy({ host: kubeUrl.hostname, port: Number(kubeUrl.port) });
    const config = new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              { name: 'demo', url: `https://127.0.0.1:${proxy.port}`, authProvider: 'serviceAccount', serviceAccountToken: demo.token, caData: demo.caData },
            ],
          },
        ],
      },
    });
    clusters = new NetworkClusters({
      registry: ClusterRegistry.fromConfig(config),
      logger: mockServices.logger.mock(),
      createCache: definition =>
        new ClusterCache({
          cluster: definition.name,
          client: new KubernetesClient(definition, { requestTimeoutMs: REQUEST_TIMEOUT_MS }),
          logger: mockServices.logger.mock(),
          backoffBaseMs: 200,
          backoffMaxMs: 2000,
        }),
    });
    clusters.start();
    await clusters.whenSynced();
    const cache = clusters.cache('demo')!;
    const dns = new DnsProbe({ timeoutMs: 300 });
    const router = await createRouter({
      httpAuth: mockServices.httpAuth({ defaultCredentials: mockCredentials.user('user:default/alice') }),
      permissions: mockServices.permissions.mock({ authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })) }),
      catalog: catalogServiceMock({ entities: [] }),
      clusters,
      overviews: new ClusterOverviewBuilder({ clusters, dns }),
      requestPaths: new RequestPathResolver({ clusters, dns }),
    });
    const app = express().use(router);
    app.use(MiddlewareFactory.create({ config: mockServices.rootConfig(), logger: mockServices.logger.mock() }).error());

    const healthy = await request(app).get('/clusters/demo/pools');
    expect(healthy.status).toBe(200);
    expect(healthy.body.stale).toBe(false);
    const poolsBefore = healthy.body.items.length;
    expect(poolsBefore).toBeGreaterThan(0);
    const presentKinds = cache.health().kinds.filter(kind => kind.state !== 'absent').length;

    // The server turns slow; the open streams break too (as they would behind a struggling LB).
    proxy.setResponseDelayMs(RESPONSE_DELAY_MS);
    proxy.cutAll();
    proxy.resetPeak();
    const acceptedBefore = proxy.acceptedConnections();
    const started = Date.now();
    let peakOpen = 0;
    const sampler = setInterval(() => {
      peakOpen = Math.max(peakOpen, proxy.openConnections());
    }, 50);
    const latencies: number[] = [];
    let staleAnswers = 0;
    let firstStaleMs: number | undefined;
    let freshAfterStale = 0;
    let timeline = "";
    let acceptedAtHalf = 0;
    while (Date.now() - started < SLOW_PERIOD_MS) {
      const askedAt = Date.now();
      const answer = await request(app).get('/clusters/demo/pools');
      latencies.push(Date.now() - askedAt);
      expect(answer.status).toBe(200);
      expect(answer.body.items).toHaveLength(poolsBefore);
      if (answer.body.stale) {
        staleAnswers += 1;
        firstStaleMs ??= askedAt - started;
      } else if (firstStaleMs !== undefined) freshAfterStale += 1;
      timeline += answer.body.stale ? "S" : "-";
      if (!acceptedAtHalf && Date.now() - started >= SLOW_PERIOD_MS / 2) acceptedAtHalf = proxy.acceptedConnections();
      await sleep(250);
    }
    clearInterval(sampler);
    const errors = cache.health().kinds.map(kind => kind.error).filter((error): error is string => Boolean(error));
    const firstHalfConnections = acceptedAtHalf - acceptedBefore;
    const secondHalfConnections = proxy.acceptedConnections() - acceptedAtHalf;

    proxy.setResponseDelayMs(0);
    const recoveryStarted = Date.now();
    while (cache.health().stale) {
      if (Date.now() - recoveryStarted > 20_000) throw new Error('the cache did not recover after the server turned fast again');
      await sleep(100);
    }
    const recoveredMs = Date.now() - recoveryStarted;
    const maxLatency = Math.max(...latencies);
    // eslint-disable-next-line no-console
    console.log(
      `slow API server (${RESPONSE_DELAY_MS} ms per answer, ${REQUEST_TIMEOUT_MS} ms timeout, ${SLOW_PERIOD_MS / 1000} s): ` +
        `peak ${peakOpen} connections open for ${presentKinds} kinds; connections opened ${firstHalfConnections} in the first half, ${secondHalfConnections} in the second; ` +
        `${latencies.length} REST answers (${staleAnswers} stale, the first after ${firstStaleMs} ms), max ${maxLatency} ms; ${errors.length} kinds report "${errors[0]}"; recovered ${recoveredMs} ms after it turned fast ${timeline}`,
    );

    // Clear errors: the timeout and its length, per kind.
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toMatch(new RegExp(`(timed out|no answer) after ${REQUEST_TIMEOUT_MS} ms`));
    // No pile-up: at most one request per informer in flight, and retries slow down instead of growing.
    expect(peakOpen).toBeLessThanOrEqual(presentKinds + 2);
    expect(secondHalfConnections).toBeLessThanOrEqual(firstHalfConnections);
    // The REST API answered from the cache at once, and said it was stale.
    expect(maxLatency).toBeLessThan(REQUEST_TIMEOUT_MS);
    // Stale from the first failed connection attempt on (the TLS handshake waits for the delayed
    // server too), and never flagged fresh again while the server stays slow.
    expect(firstStaleMs).toBeLessThanOrEqual(RESPONSE_DELAY_MS + REQUEST_TIMEOUT_MS + 1000);
    expect(freshAfterStale).toBe(0);
    expect(staleAnswers).toBeGreaterThan(latencies.length / 2);
  });
});
