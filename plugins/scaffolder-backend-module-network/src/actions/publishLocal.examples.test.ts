import path from 'node:path';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { LocalRepositories } from '../services/LocalRepositories/LocalRepositories';
import { createPublishLocalAction } from './publishLocal';
import { examples } from './publishLocal.examples';

describe('network:repo:publish-local examples', () => {
  const workspace = createMockDirectory({
    content: { 'catalog-info.yaml': 'kind: Component\n' },
  });
  const data = createMockDirectory();

  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const action = createPublishLocalAction({
        repositories: new LocalRepositories(
          path.join(data.path, 'repositories'),
        ),
        author: { name: 'Pathway', email: 'pathway@localhost' },
      });
      const ctx = createMockActionContext({
        input: yaml.parse(example.example).steps[0].input,
        workspacePath: workspace.path,
      });
      await action.handler(ctx);
      expect(ctx.output).toHaveBeenCalledWith(
        'catalogInfoUrl',
        expect.stringMatching(/checkouts\/hello\/catalog-info.yaml$/),
      );
    },
  );
});
