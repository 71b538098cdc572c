import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { networkEntityFilter } from '../entityFilter';

/** The entity's Network tab (`entity-content:network`), for entities with Kubernetes annotations. */
export const entityNetworkContent = EntityContentBlueprint.make({
  params: {
    path: 'network',
    title: 'Network',
    filter: networkEntityFilter,
    loader: () =>
      import('../components/EntityNetworkContent').then(m => (
        <m.EntityNetworkContent />
      )),
  },
});
