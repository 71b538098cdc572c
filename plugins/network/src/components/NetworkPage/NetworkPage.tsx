import { Content, Header, Page } from '@backstage/core-components';
import { NetworkOverview } from './NetworkOverview';

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
      <NetworkOverview />
    </Content>
  </Page>
);

/** The Network page's content under the header the new frontend system provides. */
export const NetworkPageContent = () => (
  <Content>
    <NetworkOverview />
  </Content>
);
