import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { startTestDemoCluster, TestDemoCluster } from '../testing/demoCluster';
import { createApplyManifestsAction } from './applyManifests';
import { EXAMPLE_SERVICE_INPUT } from './exampleServiceInput';

jest.setTimeout(60_000);

describe('network:manifests:apply against the demo cluster', () => {
  let demo: TestDemoCluster;
  beforeAll(async () => {
    demo = await startTestDemoCluster();
  });
  afterAll(() => demo?.stop());

  const deploymentPath = (name: string) =>
    `/apis/apps/v1/namespaces/default/deployments/${name}`;

  it('is refused unless network.scaffolder.allowApply is true, and applies nothing', async () => {
    const action = createApplyManifestsAction({
      clusterApi: demo.clusterApi,
      allowApply: false,
      allowedDomains: [],
    });
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...EXAMPLE_SERVICE_INPUT, name: 'refused' } as any,
        }),
      ),
    ).rejects.toThrow(
      /network:manifests:apply is disabled: set network.scaffolder.allowApply to true/,
    );
    expect(
      await demo.clusterApi.get('demo', deploymentPath('refused')),
    ).toBeUndefined();
  });

  it('refuses bad input and applies nothing', async () => {
    const action = createApplyManifestsAction({
      clusterApi: demo.clusterApi,
      allowApply: true,
      allowedDomains: ['demo.lab'],
    });
    await expect(
      action.handler(
        createMockActionContext({
          input: { ...EXAMPLE_SERVICE_INPUT, name: 'badport', port: 0 } as any,
        }),
      ),
    ).rejects.toThrow(/port: port 0 is outside 1-65535/);
    expect(
      await demo.clusterApi.get('demo', deploymentPath('badport')),
    ).toBeUndefined();
  });

  it('applies every manifest server-side with the pathway-scaffolder field manager', async () => {
    const action = createApplyManifestsAction({
      clusterApi: demo.clusterApi,
      allowApply: true,
      allowedDomains: ['demo.lab'],
    });
    const ctx = createMockActionContext({
      input: { ...EXAMPLE_SERVICE_INPUT } as any,
    });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('applied', [
      'Deployment default/hello',
      'Service default/hello',
      'HTTPRoute default/hello',
      'CiliumNetworkPolicy default/hello-default-deny',
      'CiliumNetworkPolicy default/hello-allow',
    ]);
    const deployment = await demo.clusterApi.get(
      'demo',
      deploymentPath('hello'),
    );
    expect(
      deployment.metadata.managedFields.map((entry: any) => entry.manager),
    ).toContain('pathway-scaffolder');
    const route = await demo.clusterApi.get(
      'demo',
      '/apis/gateway.networking.k8s.io/v1/namespaces/default/httproutes/hello',
    );
    expect(route.spec.hostnames).toEqual(['hello.demo.lab']);
    // Applying again changes nothing and does not fail (server-side apply is idempotent).
    await action.handler(
      createMockActionContext({ input: { ...EXAMPLE_SERVICE_INPUT } as any }),
    );
  });

  it('only dry-runs in a scaffolder dry run', async () => {
    const action = createApplyManifestsAction({
      clusterApi: demo.clusterApi,
      allowApply: true,
      allowedDomains: [],
    });
    const ctx = createMockActionContext({
      input: {
        ...EXAMPLE_SERVICE_INPUT,
        name: 'dry',
        hostname: 'dry.demo.lab',
      } as any,
    });
    ctx.isDryRun = true;
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'applied',
      expect.arrayContaining(['Deployment default/dry']),
    );
    expect(
      await demo.clusterApi.get('demo', deploymentPath('dry')),
    ).toBeUndefined();
  });
});
