import { Box, Tab, Tabs } from '@material-ui/core';
import { usePermission } from '@backstage/plugin-permission-react';
import { networkBootstrapRunPermission } from '@internal/plugin-network-common';
import { Link, useLocation, useResolvedPath } from 'react-router-dom';

/**
 * The Network page's tabs: Overview, Diagnostics and (for users who may run it) Bootstrap.
 * Each is a link that keeps the query (`?cluster=`), so switching tabs keeps the cluster.
 */
export const NetworkTabs = () => {
  const base = useResolvedPath('.').pathname.replace(/\/$/, '');
  const location = useLocation();
  const bootstrap = usePermission({
    permission: networkBootstrapRunPermission,
  });
  // Keep the cluster; a run id belongs to the diagnostics tab only.
  const query = new URLSearchParams(location.search);
  query.delete('run');
  const search = query.toString() ? `?${query}` : '';
  const tabs = [
    { label: 'Overview', path: '' },
    { label: 'Diagnostics', path: '/diagnostics' },
    ...(bootstrap.allowed ? [{ label: 'Bootstrap', path: '/bootstrap' }] : []),
  ];
  const rest = location.pathname.slice(base.length).replace(/\/$/, '');
  const current =
    tabs.find(tab => tab.path && rest.startsWith(tab.path)) ?? tabs[0];
  return (
    <Box mb={2}>
      <Tabs
        value={current.path}
        indicatorColor="primary"
        aria-label="Network views"
      >
        {tabs.map(tab => (
          <Tab
            key={tab.path}
            value={tab.path}
            label={tab.label}
            component={Link}
            to={`${base}${tab.path}${search}`}
          />
        ))}
      </Tabs>
    </Box>
  );
};
