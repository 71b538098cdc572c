import { InputError } from '@backstage/errors';
import { gatewayDomains } from '@internal/plugin-network-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ClusterApi } from '../services/ClusterApi/ClusterApi';
import { chooseCluster } from '../services/clusterChoice';
import { ManifestValidator } from '../services/ManifestValidator/ManifestValidator';
import { NetworkView } from '../services/NetworkView/NetworkView';
import { runPreflight } from '../services/Preflight/runPreflight';
import {
  serviceSpecFromInput,
  serviceSpecInputShape,
} from '../services/ServiceSpecInput/serviceSpecInput';
import { examples } from './preflight.examples';

/** The field manager of the wizard's server-side applies (and their dry runs). */
export const FIELD_MANAGER = 'pathway-scaffolder';

/**
 * `network:preflight`: the service against the live cluster (gateway, listener, issuer,
 * pools, policies, server-side dry run of every manifest). Fails listing every problem.
 */
export function createPreflightAction(options: {
  network: NetworkView;
  clusterApi: ClusterApi;
  validator: ManifestValidator;
  allowedDomains: readonly string[];
}) {
  return createTemplateAction({
    id: 'network:preflight',
    description:
      'Checks a service against the live cluster: gateway Programmed and its listener admits the route, issuer Ready, pool capacity, policies admit gateway -> pod and DNS, server-side dry run of every manifest. Fails with every problem listed.',
    examples,
    // Reads and server-side dry runs only.
    supportsDryRun: true,
    schema: {
      input: {
        ...serviceSpecInputShape,
        cluster: z =>
          z
            .string()
            .optional()
            .describe('Cluster name; the first configured cluster by default'),
      },
      output: {
        cluster: z => z.string().describe('The cluster checked'),
        checks: z =>
          z
            .array(
              z.object({
                id: z.string().describe('Stable id of the check'),
                ok: z.boolean().describe('Whether it passed'),
                message: z.string().describe('What it saw'),
              }),
            )
            .describe('Every check with its result'),
      },
    },
    async handler(ctx) {
      const cluster = chooseCluster(options.clusterApi, ctx.input.cluster);
      const allowedDomains =
        options.allowedDomains.length > 0
          ? options.allowedDomains
          : gatewayDomains(await options.network.gateways(cluster));
      const spec = serviceSpecFromInput(ctx.input, { allowedDomains });
      const checks = await runPreflight(spec, {
        cluster,
        network: options.network,
        clusterApi: options.clusterApi,
        validator: options.validator,
        fieldManager: FIELD_MANAGER,
      });
      for (const check of checks) {
        ctx.logger[check.ok ? 'info' : 'error'](
          `${check.ok ? 'ok  ' : 'FAIL'} ${check.id}: ${check.message}`,
        );
      }
      ctx.output('cluster', cluster);
      ctx.output('checks', checks);
      const failed = checks.filter(check => !check.ok);
      if (failed.length > 0) {
        throw new InputError(
          `Preflight found ${failed.length} problem${
            failed.length === 1 ? '' : 's'
          } in cluster ${cluster}: ${failed
            .map(
              (check, index) => `${index + 1}) ${check.id}: ${check.message}`,
            )
            .join(' ')}`,
        );
      }
    },
  });
}
