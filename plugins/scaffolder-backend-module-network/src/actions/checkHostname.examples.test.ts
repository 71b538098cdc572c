import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { clusterBackedNetworkView } from '../testing/clusterBackedNetworkView';
import { startTestDemoCluster, TestDemoCluster } from '../testing/demoCluster';
import { createCheckHostnameAction } from './checkHostname';
import { examples } from './checkHostname.examples';

jest.setTimeout(60_000);

describe('network:hostname:check examples', () => {
  let demo: TestDemoCluster;
  beforeAll(async () => {
    demo = await startTestDemoCluster();
  });
  afterAll(() => demo?.stop());

  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const action = createCheckHostnameAction({
        network: clusterBackedNetworkView(demo.clusterApi),
        clusterApi: demo.clusterApi,
        allowedDomains: [],
      });
      const ctx = createMockActionContext({
        input: yaml.parse(example.example).steps[0].input,
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith('available', true);
    },
  );
});
