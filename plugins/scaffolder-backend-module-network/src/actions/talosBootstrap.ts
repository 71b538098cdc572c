import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  bootstrapInputShape,
  bootstrapOutputShape,
} from '../services/NetworkBootstrap/bootstrapActionShape';
import { NetworkBootstrap } from '../services/NetworkBootstrap/NetworkBootstrap';
import { runBootstrapStep } from '../services/NetworkBootstrap/runBootstrapStep';
import { examples } from './talosBootstrap.examples';

/**
 * `network:talos:bootstrap`: runs the network backend's whole bootstrap plan (Talos etcd
 * bootstrap on the first control-plane node, wait for the Kubernetes API, the network
 * baseline by server-side apply, diagnostics as verification) as the initiating user,
 * after checking the hash they confirmed. A dry run returns the plan only.
 */
export function createTalosBootstrapAction(options: {
  bootstrap: NetworkBootstrap;
  pollMs?: number;
}) {
  return createTemplateAction({
    id: 'network:talos:bootstrap',
    description:
      'Bootstraps a Talos cluster and its network baseline through the network backend, as the user who started the task (needs network.bootstrap.run); refuses a plan hash that no longer matches. Dry run: the plan only.',
    examples,
    // A dry run reads the plan (computed with dryRun=All) and starts nothing.
    supportsDryRun: true,
    schema: { input: bootstrapInputShape, output: bootstrapOutputShape },
    async handler(ctx) {
      await runBootstrapStep(ctx, {
        bootstrap: options.bootstrap,
        refuseEtcdBootstrap: false,
        pollMs: options.pollMs,
      });
    },
  });
}
