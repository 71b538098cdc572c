import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { clusterBackedNetworkView } from '../testing/clusterBackedNetworkView';
import { startTestDemoCluster, TestDemoCluster } from '../testing/demoCluster';
import { createCheckHostnameAction } from './checkHostname';

jest.setTimeout(60_000);

describe('network:hostname:check against the demo cluster', () => {
  let demo: TestDemoCluster;
  let action: ReturnType<typeof createCheckHostnameAction>;

  beforeAll(async () => {
    demo = await startTestDemoCluster();
    action = createCheckHostnameAction({
      network: clusterBackedNetworkView(demo.clusterApi),
      clusterApi: demo.clusterApi,
      allowedDomains: [],
    });
  });
  afterAll(() => demo?.stop());

  it('accepts a free name under the gateways’ domain', async () => {
    const ctx = createMockActionContext({
      input: { hostname: 'hello.demo.lab' },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('available', true);
    expect(ctx.output).toHaveBeenCalledWith('domains', ['demo.lab']);
    expect(ctx.output).toHaveBeenCalledWith('cluster', 'demo');
  });

  it.each<[string, string, RegExp]>([
    [
      'taken by an HTTPRoute',
      'jellyfin.demo.lab',
      /hostname: 'jellyfin.demo.lab' is already claimed in cluster demo by HTTPRoute media\/jellyfin/,
    ],
    [
      'taken by an Ingress',
      'uptime-kuma.demo.lab',
      /already claimed in cluster demo by Ingress monitoring\/uptime-kuma/,
    ],
    [
      'taken by a DNSEndpoint',
      'external.demo.lab',
      /already claimed in cluster demo by DNSEndpoint network\/cloudflared/,
    ],
    [
      'outside the domains',
      'hello.example.com',
      /hostname: hostname 'hello.example.com' is not under an allowed domain \(demo.lab\)/,
    ],
    [
      'uppercase',
      'Hello.demo.lab',
      /hostname: hostname 'Hello.demo.lab' contains uppercase letters/,
    ],
    [
      'non-ASCII',
      'hallå.demo.lab',
      /hostname: .* contains non-ASCII characters/,
    ],
    [
      'too long',
      `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(
        60,
      )}.${'e'.repeat(9)}.demo.lab`,
      /hostname: hostname is 262 characters long; at most 253 are allowed/,
    ],
  ])('refuses a hostname %s', async (_, hostname, message) => {
    await expect(
      action.handler(createMockActionContext({ input: { hostname } })),
    ).rejects.toThrow(message);
  });

  it('does not count the service’s own route (a re-run is not refused)', async () => {
    const ctx = createMockActionContext({
      input: {
        hostname: 'jellyfin.demo.lab',
        namespace: 'media',
        name: 'jellyfin',
      },
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('available', true);
  });

  it('refuses an unknown cluster', async () => {
    await expect(
      action.handler(
        createMockActionContext({
          input: { hostname: 'hello.demo.lab', cluster: 'prod' },
        }),
      ),
    ).rejects.toThrow("Cluster 'prod' is not configured");
  });
});
