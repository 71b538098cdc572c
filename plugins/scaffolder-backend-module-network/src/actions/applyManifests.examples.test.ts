import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { startTestDemoCluster, TestDemoCluster } from '../testing/demoCluster';
import { createApplyManifestsAction } from './applyManifests';
import { examples } from './applyManifests.examples';

jest.setTimeout(60_000);

describe('network:manifests:apply examples', () => {
  let demo: TestDemoCluster;
  beforeAll(async () => {
    demo = await startTestDemoCluster();
  });
  afterAll(() => demo?.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const action = createApplyManifestsAction({
        clusterApi: demo.clusterApi,
        allowApply: true,
        allowedDomains: [],
      });
      const input = yaml.parse(example.example).steps[0].input;
      await action.handler(createMockActionContext({ input }));
      const service = await demo.clusterApi.get(
        'demo',
        `/api/v1/namespaces/${input.namespace}/services/${input.name}`,
      );
      expect(service.spec.ports[0].port).toBe(input.port);
    },
  );
});
