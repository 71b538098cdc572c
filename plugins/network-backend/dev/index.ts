/*
 * Runs the network backend plugin alone against the demo cluster, with the catalog, permissions
 * and signals it needs:
 *
 *   node packages/demo-cluster/bin/demo-cluster.js up --state-dir /tmp/network-dev
 *   node scripts/lib/demo-app-config.mjs /tmp/network-dev
 *   cd plugins/network-backend && npx backstage-cli package start --config ../../app-config.yaml --config /tmp/network-dev/app-config.demo.yaml
 *   curl localhost:7007/api/network/clusters
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

const backend = createBackend();

// Anyone may call the API in the dev server; the real backend uses the portal's policy.
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.user() }));
backend.add(mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }));

// The demo cluster's components, as the portal's catalog describes them.
backend.add(
  catalogServiceMock.factory({
    entities: ['jellyfin', 'sonarr', 'home-assistant', 'mosquitto', 'echo', 'wiki', 'grafana', 'uptime-kuma'].map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name, namespace: 'default', annotations: { 'backstage.io/kubernetes-id': name } },
      spec: { type: 'service', lifecycle: 'production', owner: 'platform-team' },
    })),
  }),
);
backend.add(
  createServiceFactory({
    service: signalsServiceRef,
    deps: {},
    factory: () => ({ publish: async () => {} }),
  }),
);

backend.add(import('../src'));

backend.start();
