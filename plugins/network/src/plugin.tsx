import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { entityNetworkContent } from './extensions/entityNetworkContent';
import { networkApi } from './extensions/networkApi';
import { networkPage } from './extensions/networkPage';
import { rootRouteRef } from './routes';

/** The network plugin for the new frontend system: the Network page, the entity tab, the API. */
export const networkPlugin = createFrontendPlugin({
  pluginId: 'network',
  title: 'Network',
  icon: <DeviceHubIcon fontSize="inherit" />,
  extensions: [networkApi, networkPage, entityNetworkContent],
  routes: { root: rootRouteRef },
});
