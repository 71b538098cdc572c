import { createBackend } from '@backstage/backend-defaults';
import { localRepositoryUrlReaderFactory } from '@internal/plugin-scaffolder-backend-module-network';
import { accessPolicyModule } from './modules/accessPolicy';

/**
 * The portal's backend (new backend system). Plugins are added in the order a reader looks
 * for them: serving the app, identity and authorization, the catalog, creating things,
 * finding things, the clusters, live updates.
 */
const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(accessPolicyModule);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitea'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// The Create service wizard's actions, and the reader that lets the catalog register what
// its local publisher published (file:// URLs inside the local repositories only).
backend.add(import('@internal/plugin-scaffolder-backend-module-network'));
backend.add(localRepositoryUrlReaderFactory);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
// On PostgreSQL search uses the database; on SQLite this module steps aside for the
// built-in in-memory (Lunr) engine.
backend.add(import('@backstage/plugin-search-backend-module-pg'));

backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@internal/plugin-network-backend'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();

