import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { SignInPage } from '@backstage/core-components';

/**
 * The sign-in page. Locally the guest provider signs in as user:default/guest; production
 * setups add their identity provider here and in app-config.production.yaml.
 */
const signInPage = SignInPageBlueprint.make({
  params: {
    loader: async () => props =>
      (
        <SignInPage
          {...props}
          title="Pathway"
          align="center"
          providers={['guest']}
        />
      ),
  },
});

/** Registers the sign-in page with the app plugin. */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [signInPage],
});
