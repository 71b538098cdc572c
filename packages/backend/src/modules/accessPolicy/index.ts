import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { AccessPolicy } from './AccessPolicy';
import { readAccessPolicyConfig } from './AccessPolicyConfig';

/** Installs the config-driven {@link AccessPolicy} as the permission backend's policy. */
export const accessPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'access-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        const accessConfig = readAccessPolicyConfig(config);
        logger.info(
          `Access policy: ${accessConfig.rules.length} rules, default ${accessConfig.defaultDecision}`,
        );
        policy.setPolicy(new AccessPolicy(accessConfig));
      },
    });
  },
});
