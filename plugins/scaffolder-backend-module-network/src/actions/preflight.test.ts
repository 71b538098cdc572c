import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { ManifestValidator } from '../services/ManifestValidator/ManifestValidator';
import { clusterBackedNetworkView } from '../testing/clusterBackedNetworkView';
import { startTestDemoCluster, TestDemoCluster } from '../testing/demoCluster';
import { EXAMPLE_SERVICE_INPUT } from './exampleServiceInput';
import { createPreflightAction } from './preflight';

jest.setTimeout(60_000);

describe('network:preflight against the demo cluster', () => {
  let demo: TestDemoCluster;
  let action: ReturnType<typeof createPreflightAction>;

  beforeAll(async () => {
    demo = await startTestDemoCluster();
    action = createPreflightAction({
      network: clusterBackedNetworkView(demo.clusterApi),
      clusterApi: demo.clusterApi,
      validator: new ManifestValidator(),
      allowedDomains: [],
    });
  });
  afterAll(() => demo?.stop());

  it('passes every check for a good service, including the server dry run', async () => {
    const ctx = createMockActionContext({
      input: { ...EXAMPLE_SERVICE_INPUT } as any,
    });
    await action.handler(ctx);
    const checks = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'checks',
    )[1];
    expect(checks.map((check: any) => [check.id, check.ok])).toEqual([
      ['manifests-valid', true],
      ['namespace-exists', true],
      ['gateway-programmed', true],
      ['listener-admits-route', true],
      ['wildcard-covers-hostname', true],
      ['policy-admits-gateway', true],
      ['policy-admits-dns', true],
      ['server-dry-run', true],
    ]);
    // A dry run stores nothing.
    expect(
      await demo.clusterApi.get(
        'demo',
        '/apis/apps/v1/namespaces/default/deployments/hello',
      ),
    ).toBeUndefined();
  });

  it('checks the issuer and the public gateway when asked for them', async () => {
    const ctx = createMockActionContext({
      input: {
        ...EXAMPLE_SERVICE_INPUT,
        exposure: 'internal-and-public',
        publicGateway: 'network/envoy-external',
        tls: 'issuer',
        issuer: 'letsencrypt-production',
        dns: 'dnsendpoint',
        tunnelHostname: 'external.demo.lab',
        policyFlavour: 'networkpolicy',
      } as any,
    });
    await action.handler(ctx);
    const checks = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'checks',
    )[1];
    expect(
      checks.filter((check: any) => check.id === 'listener-admits-route'),
    ).toHaveLength(2);
    expect(checks.find((check: any) => check.id === 'issuer-ready')).toEqual({
      id: 'issuer-ready',
      ok: true,
      message: 'ClusterIssuer letsencrypt-production is Ready',
    });
  });

  it('fails listing every problem: a listener that does not admit the namespace, a missing issuer', async () => {
    const ctx = createMockActionContext({
      input: {
        ...EXAMPLE_SERVICE_INPUT,
        listener: 'http',
        tls: 'issuer',
        issuer: 'letsencrypt-missing',
      } as any,
    });
    const error = await action.handler(ctx).then(
      () => undefined,
      failure => failure,
    );
    expect(error?.name).toBe('InputError');
    expect(error.message).toMatch(
      /^Preflight found 2 problems in cluster demo: /,
    );
    expect(error.message).toContain(
      '1) listener-admits-route: gateway network/envoy-internal listener http does not admit the route: NotAllowedByListeners',
    );
    expect(error.message).toContain(
      '2) issuer-ready: ClusterIssuer letsencrypt-missing does not exist in cluster demo',
    );
  });

  it('fails for a gateway that does not exist and a namespace that does not exist', async () => {
    const ctx = createMockActionContext({
      input: {
        ...EXAMPLE_SERVICE_INPUT,
        namespace: 'nowhere',
        gateway: 'network/envoy-missing',
      } as any,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /namespace-exists: namespace nowhere does not exist in cluster demo .*gateway-exists: gateway network\/envoy-missing does not exist/,
    );
  });

  it('takes the policies already in the namespace into account: a Cilium deny rule wins', async () => {
    await demo.clusterApi.apply(
      'demo',
      {
        apiVersion: 'cilium.io/v2',
        kind: 'CiliumNetworkPolicy',
        metadata: { name: 'deny-gateway', namespace: 'media' },
        spec: {
          endpointSelector: {},
          ingressDeny: [{ fromEntities: ['ingress'] }],
        },
      } as any,
      { fieldManager: 'test', dryRun: false },
    );
    const ctx = createMockActionContext({
      input: { ...EXAMPLE_SERVICE_INPUT, namespace: 'media' } as any,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Preflight found 1 problem in cluster demo: 1\) policy-admits-gateway: gateway -> pod on TCP\/8080: denied by deny-gateway/,
    );
  });

  it('checks the IngressClass for Ingress routing', async () => {
    const ctx = createMockActionContext({
      input: {
        ...EXAMPLE_SERVICE_INPUT,
        name: 'kuma2',
        hostname: 'kuma2.demo.lab',
        routing: 'ingress',
        ingressClass: 'tailscale',
        proxy: 'pods',
      } as any,
    });
    await action.handler(ctx);
    const checks = (ctx.output as jest.Mock).mock.calls.find(
      ([name]) => name === 'checks',
    )[1];
    expect(checks.find((check: any) => check.id === 'ingress-class')).toEqual({
      id: 'ingress-class',
      ok: true,
      message:
        'IngressClass tailscale exists (controller tailscale.com/ts-ingress)',
    });
  });

  it('needs a free pool address when the gateway has none yet', async () => {
    const view = clusterBackedNetworkView(demo.clusterApi);
    const withoutAddresses = {
      ...view,
      gateways: async () =>
        (await view.gateways('demo')).map(gateway => ({
          ...gateway,
          addresses: [],
        })),
    };
    const run = (pools: any[]) =>
      createPreflightAction({
        network: { ...withoutAddresses, pools: async () => pools },
        clusterApi: demo.clusterApi,
        validator: new ManifestValidator(),
        allowedDomains: [],
      }).handler(
        createMockActionContext({ input: { ...EXAMPLE_SERVICE_INPUT } as any }),
      );
    await expect(
      run([{ name: 'full', disabled: false, free: 0 }]),
    ).rejects.toThrow(
      'pool-free-ip: gateway network/envoy-internal has no address and no IP pool has a free address for its LoadBalancer',
    );
    await expect(
      run([{ name: 'main', disabled: false, free: 3 }]),
    ).resolves.toBeUndefined();
  });

  it('refuses bad input before touching the cluster', async () => {
    const ctx = createMockActionContext({
      input: {
        ...EXAMPLE_SERVICE_INPUT,
        port: 70000,
        hostname: 'x.example.org',
      } as any,
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /Invalid service input: port: port 70000 is outside 1-65535; hostname: .*not under an allowed domain \(demo.lab\)/,
    );
  });

  it('completes a dry run in under 3 s', async () => {
    const started = Date.now();
    await action.handler(
      createMockActionContext({ input: { ...EXAMPLE_SERVICE_INPUT } as any }),
    );
    const elapsed = Date.now() - started;
    // eslint-disable-next-line no-console
    console.log(`network:preflight took ${elapsed} ms`);
    expect(elapsed).toBeLessThan(3000);
  });
});
