import { lazy, Suspense } from 'react';
import { Content, Header, Page, Progress } from '@backstage/core-components';
import { Route, Routes } from 'react-router-dom';
import { NetworkOverview } from './NetworkOverview';
import { NetworkTabs } from './NetworkTabs';

// The run screens load on first visit; the overview is what most visits need.
const DiagnosticsTab = lazy(() =>
  import('../Diagnostics').then(m => ({ default: m.DiagnosticsTab })),
);
const BootstrapTab = lazy(() =>
  import('../Bootstrap').then(m => ({ default: m.BootstrapTab })),
);

/** The tabs and the tab's view: `/` overview, `/diagnostics`, `/bootstrap`. */
const NetworkViews = () => (
  <>
    <NetworkTabs />
    <Suspense fallback={<Progress />}>
      <Routes>
        <Route path="/" element={<NetworkOverview />} />
        <Route path="/diagnostics" element={<DiagnosticsTab />} />
        <Route path="/bootstrap" element={<BootstrapTab />} />
      </Routes>
    </Suspense>
  </>
);

/**
 * The Network page with its own header, for apps on the legacy frontend system (the new
 * system's page blueprint draws the header itself and renders {@link NetworkPageContent}).
 */
export const NetworkPage = () => (
  <Page themeId="tool">
    <Header
      title="Network"
      subtitle="Gateways, routes, IP pools, L2, Cilium, certificates and DNS per cluster"
    />
    <Content>
      <NetworkViews />
    </Content>
  </Page>
);

/** The Network page's content under the header the new frontend system provides. */
export const NetworkPageContent = () => (
  <Content>
    <NetworkViews />
  </Content>
);
