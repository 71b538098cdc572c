import { createApp } from '@backstage/frontend-defaults';
import { networkScaffolderFieldsModule } from '@internal/plugin-network';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

/**
 * The portal's app. Feature plugins (catalog, scaffolder, Kubernetes, search, catalog graph,
 * notifications, signals, user settings) are discovered from this package's dependencies
 * (`app.packages: all` in app-config.yaml); the modules here hold what is ours.
 */
export default createApp({
  // The Create service wizard's network pickers (ui:field GatewayPicker, HostnamePicker, ...).
  features: [navModule, signInModule, networkScaffolderFieldsModule],
});
