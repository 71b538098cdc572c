import { InputError } from '@backstage/errors';
import { renderServiceRepository } from '@internal/plugin-network-common';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ManifestValidator } from '../services/ManifestValidator/ManifestValidator';
import { writeRepositoryFiles } from '../services/RepositoryFiles/writeRepositoryFiles';
import {
  serviceSpecFromInput,
  serviceSpecInputShape,
} from '../services/ServiceSpecInput/serviceSpecInput';
import { examples } from './renderManifests.examples';

/**
 * `network:manifests:render`: the wizard's answers -> a network-ready repository in the
 * workspace (manifests under `kubernetes/apps/<namespace>/<name>/app/`, kustomization,
 * catalog-info.yaml, README), every manifest validated against the upstream schemas first.
 */
export function createRenderManifestsAction(options: {
  validator: ManifestValidator;
  allowedDomains: readonly string[];
}) {
  return createTemplateAction({
    id: 'network:manifests:render',
    description:
      'Renders a network-ready service repository (Deployment, Service, HTTPRoute or Ingress, policies, Certificate, DNS, kustomization, catalog-info.yaml, README) into the workspace, validated against the upstream schemas.',
    examples,
    // Writes only inside the workspace, which a dry run inspects.
    supportsDryRun: true,
    schema: {
      input: {
        ...serviceSpecInputShape,
        targetPath: z =>
          z
            .string()
            .default('.')
            .describe('Folder of the workspace to write the repository into'),
      },
      output: {
        appDirectory: z =>
          z
            .string()
            .describe(
              'Folder of the manifests, kubernetes/apps/<namespace>/<name>/app',
            ),
        files: z =>
          z
            .array(z.string())
            .describe('Written files, relative to the workspace'),
        kinds: z =>
          z
            .array(z.string())
            .describe('Kinds of the rendered manifests, in apply order'),
      },
    },
    async handler(ctx) {
      const spec = serviceSpecFromInput(ctx.input, {
        allowedDomains: options.allowedDomains,
      });
      const repository = renderServiceRepository(spec);
      const validations = await options.validator.validate(
        repository.manifests,
      );
      const invalid = validations.filter(result => result.errors.length > 0);
      if (invalid.length > 0) {
        throw new InputError(
          `Rendered manifests do not match the upstream schemas: ${invalid
            .map(
              result =>
                `${result.kind} ${result.name}: ${result.errors.join(', ')}`,
            )
            .join('; ')}`,
        );
      }
      const files = await writeRepositoryFiles(
        ctx.workspacePath,
        ctx.input.targetPath ?? '.',
        repository.files,
      );
      ctx.logger.info(
        `Rendered ${repository.manifests.length} manifests for ${spec.namespace}/${spec.name}`,
      );
      ctx.output('appDirectory', repository.appDirectory);
      ctx.output('files', files);
      ctx.output(
        'kinds',
        repository.manifests.map(entry => entry.manifest.kind),
      );
    },
  });
}
