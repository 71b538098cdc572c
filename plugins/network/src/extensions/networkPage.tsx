import { PageBlueprint } from '@backstage/frontend-plugin-api';
import DeviceHubIcon from '@material-ui/icons/DeviceHub';
import { rootRouteRef } from '../routes';

/** The Network page at /network, in the sidebar as `page:network`; loads lazily. */
export const networkPage = PageBlueprint.make({
  params: {
    path: '/network',
    title: 'Network',
    icon: <DeviceHubIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/NetworkPage').then(m => <m.NetworkPageContent />),
  },
});
