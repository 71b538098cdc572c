import { NotAllowedError } from '@backstage/errors';
import { renderServiceRepository } from '@internal/plugin-network-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ClusterApi } from '../services/ClusterApi/ClusterApi';
import { chooseCluster } from '../services/clusterChoice';
import {
  serviceSpecFromInput,
  serviceSpecInputShape,
} from '../services/ServiceSpecInput/serviceSpecInput';
import { examples } from './applyManifests.examples';
import { FIELD_MANAGER } from './preflight';

/**
 * `network:manifests:apply`: server-side apply of the service's manifests (field manager
 * `pathway-scaffolder`), for clusters without GitOps and for the demo. Off unless
 * `network.scaffolder.allowApply` is true; who may run it is the scaffolder's
 * `scaffolder.action.execute` permission for this action id.
 */
export function createApplyManifestsAction(options: {
  clusterApi: ClusterApi;
  allowApply: boolean;
  allowedDomains: readonly string[];
}) {
  return createTemplateAction({
    id: 'network:manifests:apply',
    description:
      'Server-side applies the rendered manifests to the cluster (field manager pathway-scaffolder). Disabled unless network.scaffolder.allowApply is true.',
    examples,
    // A dry run sends the same applies with dryRun=All: the server checks, nothing is stored.
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
        cluster: z => z.string().describe('The cluster applied to'),
        applied: z =>
          z
            .array(z.string())
            .describe('Applied objects as Kind namespace/name'),
      },
    },
    async handler(ctx) {
      if (!options.allowApply) {
        throw new NotAllowedError(
          'network:manifests:apply is disabled: set network.scaffolder.allowApply to true (demo mode does)',
        );
      }
      const spec = serviceSpecFromInput(ctx.input, {
        allowedDomains: options.allowedDomains,
      });
      const cluster = chooseCluster(options.clusterApi, ctx.input.cluster);
      const manifests = renderServiceRepository(spec).manifests.map(
        entry => entry.manifest,
      );
      const dryRun = ctx.isDryRun === true;
      const applied = await ctx.checkpoint({
        key: `network.manifests.apply.${cluster}.${spec.namespace}.${spec.name}`,
        fn: async () => {
          const names: string[] = [];
          // In order: the workload before what points at it.
          for (const manifest of manifests) {
            await options.clusterApi.apply(cluster, manifest, {
              fieldManager: FIELD_MANAGER,
              dryRun,
            });
            names.push(
              `${manifest.kind} ${manifest.metadata.namespace}/${manifest.metadata.name}`,
            );
          }
          return names;
        },
      });
      ctx.logger.info(
        `${dryRun ? 'Dry-run applied' : 'Applied'} ${
          applied.length
        } objects to cluster ${cluster}`,
      );
      ctx.output('cluster', cluster);
      ctx.output('applied', applied);
    },
  });
}
