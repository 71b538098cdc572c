import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  bootstrapInputShape,
  bootstrapOutputShape,
} from '../services/NetworkBootstrap/bootstrapActionShape';
import { NetworkBootstrap } from '../services/NetworkBootstrap/NetworkBootstrap';
import { runBootstrapStep } from '../services/NetworkBootstrap/runBootstrapStep';
import { examples } from './applyBaseline.examples';

/**
 * `network:baseline:apply`: applies the network baseline (IP pools, L2 announcement policy,
 * GatewayClass and gateways, ClusterIssuers, default-deny policies) to a cluster whose etcd
 * is already bootstrapped, through the network backend's plan, as the initiating user and
 * after checking the hash they confirmed. Refuses a plan that would bootstrap etcd.
 * A dry run returns the plan only.
 */
export function createApplyBaselineAction(options: {
  bootstrap: NetworkBootstrap;
  pollMs?: number;
}) {
  return createTemplateAction({
    id: 'network:baseline:apply',
    description:
      'Applies the network baseline (pools, L2 policy, gateways, issuers, default-deny) by server-side apply through the network backend, as the user who started the task (needs network.bootstrap.run), on a cluster whose etcd is bootstrapped; refuses a stale plan hash. Dry run: the plan only.',
    examples,
    // A dry run reads the plan (computed with dryRun=All) and starts nothing.
    supportsDryRun: true,
    schema: { input: bootstrapInputShape, output: bootstrapOutputShape },
    async handler(ctx) {
      await runBootstrapStep(ctx, {
        bootstrap: options.bootstrap,
        refuseEtcdBootstrap: true,
        pollMs: options.pollMs,
      });
    },
  });
}
