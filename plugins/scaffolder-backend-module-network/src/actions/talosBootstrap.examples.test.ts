import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import yaml from 'yaml';
import {
  bootstrapPlan,
  fakeNetworkBootstrap,
  PLAN_HASH,
} from '../testing/fakeNetworkBootstrap';
import { createTalosBootstrapAction } from './talosBootstrap';
import { examples } from './talosBootstrap.examples';

describe('talosBootstrap examples', () => {
  it.each(examples.map(example => [example.description, example] as const))(
    '%s',
    async (_, example) => {
      const bootstrap = fakeNetworkBootstrap({ plan: bootstrapPlan('run') });
      const action = createTalosBootstrapAction({ bootstrap, pollMs: 1 });
      const input = yaml.parse(example.example).steps[0].input;
      // The template fills the hash from the form; here the confirmed plan's.
      input.planHash = PLAN_HASH;
      const ctx = createMockActionContext({ input });
      await action.handler(ctx);
      expect(bootstrap.startRun).toHaveBeenCalledWith(
        input.cluster,
        PLAN_HASH,
        await ctx.getInitiatorCredentials(),
      );
      expect(ctx.output).toHaveBeenCalledWith('status', 'succeeded');
    },
  );
});
