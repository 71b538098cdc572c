import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import { createWaitForEntityAction } from './waitForEntity';
import { examples } from './waitForEntity.examples';

describe('network:catalog:wait examples', () => {
  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const isServed = jest.fn().mockResolvedValue(true);
      const action = createWaitForEntityAction({ catalog: { isServed } });
      const input = yaml.parse(example.example).steps[0].input;
      const ctx = createMockActionContext({ input });
      await action.handler(ctx);
      expect(isServed).toHaveBeenCalledWith(input.entityRef, expect.anything());
      expect(ctx.output).toHaveBeenCalledWith('entityRef', input.entityRef);
    },
  );
});
