import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { Link, Typography } from '@material-ui/core';
import { routeState } from '@internal/plugin-network-common';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { networkApiRef } from '../../../api';
import { NetworkErrorPanel } from '../../NetworkErrorPanel';
import { StateLabel } from '../../StateLabel';

/** Routes shown in a gateway's panel before pointing at the routes table. */
export const ROUTES_SHOWN_PER_GATEWAY = 10;

/**
 * The routes that name a gateway as parent, problems first (the backend orders them), the
 * first few only: the routes table has them all. Read when the gateway's panel opens, and
 * again when `refreshKey` changes.
 */
export const GatewayRoutes = (props: {
  cluster: string;
  /** The gateway as `namespace/name`. */
  gateway: string;
  refreshKey: string;
}) => {
  const { cluster, gateway, refreshKey } = props;
  const networkApi = useApi(networkApiRef);
  const {
    value: page,
    error,
    loading,
    retry,
  } = useAsyncRetry(
    () =>
      networkApi.getRoutes(cluster, {
        gateway,
        limit: ROUTES_SHOWN_PER_GATEWAY,
      }),
    [networkApi, cluster, gateway, refreshKey],
  );

  let body;
  if (error) {
    body = <NetworkErrorPanel error={error} onRetry={retry} />;
  } else if (!page) {
    body = loading ? <Progress /> : null;
  } else if (page.matched === 0) {
    body = (
      <Typography variant="body2">
        No route names this gateway as a parent.
      </Typography>
    );
  } else {
    body = (
      <>
        <ul>
          {page.items.map(route => {
            const status = routeState(route);
            return (
              <li key={`${route.kind}/${route.namespace}/${route.name}`}>
                {route.kind} {route.namespace}/{route.name}{' '}
                <StateLabel state={status.state}>{status.reason}</StateLabel>
              </li>
            );
          })}
        </ul>
        {page.matched > page.items.length && (
          <Typography variant="body2">
            All {page.matched} are in the{' '}
            <Link href="#routes">Routes table</Link> (search for {gateway}).
          </Typography>
        )}
      </>
    );
  }
  return (
    <div>
      <Typography variant="subtitle2">
        {page
          ? `${page.items.length} of ${page.matched} attached routes${
              page.matched > page.items.length ? ', problems first' : ''
            }`
          : 'Attached routes'}
      </Typography>
      {body}
    </div>
  );
};
