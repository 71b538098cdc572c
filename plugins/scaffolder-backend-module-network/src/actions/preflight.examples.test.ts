import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { ManifestValidator } from '../services/ManifestValidator/ManifestValidator';
import { clusterBackedNetworkView } from '../testing/clusterBackedNetworkView';
import { startTestDemoCluster, TestDemoCluster } from '../testing/demoCluster';
import { createPreflightAction } from './preflight';
import { examples } from './preflight.examples';

jest.setTimeout(60_000);

describe('network:preflight examples', () => {
  let demo: TestDemoCluster;
  beforeAll(async () => {
    demo = await startTestDemoCluster();
  });
  afterAll(() => demo?.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const action = createPreflightAction({
        network: clusterBackedNetworkView(demo.clusterApi),
        clusterApi: demo.clusterApi,
        validator: new ManifestValidator(),
        allowedDomains: [],
      });
      const ctx = createMockActionContext({
        input: yaml.parse(example.example).steps[0].input,
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('cluster', 'demo');
    },
  );
});
