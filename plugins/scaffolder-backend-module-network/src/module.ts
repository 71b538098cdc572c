import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createApplyBaselineAction } from './actions/applyBaseline';
import { createApplyManifestsAction } from './actions/applyManifests';
import { createCheckHostnameAction } from './actions/checkHostname';
import { createPreflightAction } from './actions/preflight';
import { createPublishLocalAction } from './actions/publishLocal';
import { createRenderManifestsAction } from './actions/renderManifests';
import { createTalosBootstrapAction } from './actions/talosBootstrap';
import { createWaitForEntityAction } from './actions/waitForEntity';
import { CatalogEntitiesClient } from './services/CatalogEntities/CatalogEntities';
import { ClusterApi } from './services/ClusterApi/ClusterApi';
import { LocalRepositories } from './services/LocalRepositories/LocalRepositories';
import { ManifestValidator } from './services/ManifestValidator/ManifestValidator';
import { NetworkBackendClient } from './services/NetworkView/NetworkView';
import { NetworkBootstrapClient } from './services/NetworkBootstrap/NetworkBootstrap';

/**
 * The scaffolder module of the Create service wizard: registers every `network:*` action.
 */
export const scaffolderModuleNetwork = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'network',
  register({ registerInit }) {
    registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, discovery, auth }) {
        const allowedDomains =
          config.getOptionalStringArray('network.scaffolder.allowedDomains') ??
          [];
        const network = new NetworkBackendClient({ discovery, auth });
        const clusterApi = ClusterApi.fromConfig(config);
        const validator = new ManifestValidator();
        const bootstrap = new NetworkBootstrapClient({ discovery, auth });
        scaffolder.addActions(
          createRenderManifestsAction({ validator, allowedDomains }),
          createCheckHostnameAction({ network, clusterApi, allowedDomains }),
          createPreflightAction({
            network,
            clusterApi,
            validator,
            allowedDomains,
          }),
          createApplyManifestsAction({
            clusterApi,
            allowedDomains,
            allowApply:
              config.getOptionalBoolean('network.scaffolder.allowApply') ??
              false,
          }),
          createPublishLocalAction({
            repositories: LocalRepositories.fromConfig(config),
            author: {
              name:
                config.getOptionalString('scaffolder.defaultAuthor.name') ??
                'Scaffolder',
              email:
                config.getOptionalString('scaffolder.defaultAuthor.email') ??
                'scaffolder@backstage.io',
            },
          }),
          createTalosBootstrapAction({ bootstrap }),
          createApplyBaselineAction({ bootstrap }),
          createWaitForEntityAction({
            catalog: new CatalogEntitiesClient({ discovery, auth }),
          }),
        );
      },
    });
  },
});
