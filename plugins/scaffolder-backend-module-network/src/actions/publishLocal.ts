import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { LocalRepositories } from '../services/LocalRepositories/LocalRepositories';
import { examples } from './publishLocal.examples';

/**
 * `network:repo:publish-local`: publishes the workspace to a real bare git repository under
 * `network.scaffolder.localRepositoriesDir`, for the demo and tests; its catalogInfoUrl is
 * readable by the catalog through the local repository URL reader.
 */
export function createPublishLocalAction(options: {
  repositories: LocalRepositories;
  author: { name: string; email: string };
}) {
  return createTemplateAction({
    id: 'network:repo:publish-local',
    description:
      'Publishes the workspace to a local bare git repository (demo and tests) and returns the URLs catalog:register needs.',
    examples,
    schema: {
      input: {
        repoName: z =>
          z
            .string()
            .describe('Repository name (lowercase letters, digits and -)'),
        sourcePath: z =>
          z
            .string()
            .default('.')
            .describe('Folder of the workspace to publish'),
        commitMessage: z =>
          z
            .string()
            .default('Initial commit')
            .describe('Message of the first commit'),
      },
      output: {
        remoteUrl: z =>
          z
            .string()
            .describe('file:// URL of the bare repository (git clone it)'),
        repoContentsUrl: z =>
          z.string().describe('file:// URL of the published files'),
        catalogInfoUrl: z =>
          z.string().describe('URL of catalog-info.yaml for catalog:register'),
        commitHash: z => z.string().describe('The commit published'),
      },
    },
    async handler(ctx) {
      const sourcePath = resolveSafeChildPath(
        ctx.workspacePath,
        ctx.input.sourcePath ?? '.',
      );
      const published = await ctx.checkpoint({
        key: `network.repo.publish-local.${ctx.input.repoName}`,
        fn: async () => ({
          ...(await options.repositories.publish({
            name: ctx.input.repoName,
            sourcePath,
            commitMessage: ctx.input.commitMessage ?? 'Initial commit',
            author: options.author,
          })),
        }),
      });
      ctx.logger.info(
        `Published ${ctx.input.repoName} to ${published.remoteUrl}`,
      );
      ctx.output('remoteUrl', published.remoteUrl);
      ctx.output('repoContentsUrl', published.repoContentsUrl);
      ctx.output('catalogInfoUrl', published.catalogInfoUrl);
      ctx.output('commitHash', published.commitHash);
    },
  });
}
