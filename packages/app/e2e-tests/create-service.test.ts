import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { artifacts } from './guestSession';

// Needs the demo mode's `network.scaffolder.allowApply: true` (scripts/lib/demo-app-config.mjs).
// A name no earlier run used: the local publisher never overwrites a repository.
const name = `e2e-${Date.now().toString(36)}`;
const hostname = `${name}.demo.lab`;

// The template's last step (network:catalog:wait) holds the task until the catalog serves the
// new component: catalog:register returns before the catalog has processed the location, and an
// entity page opened too early says "Entity not found" and never looks again.
test('the Create service wizard publishes, applies and registers a network-ready service', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Create', exact: true })
    .click();

  // The card with the Create service heading and no other template's (the page lists several).
  const card = page
    .locator('article, [class*="MuiCard"]')
    .filter({
      has: page.getByRole('heading', { name: 'Create service', exact: true }),
    })
    .filter({
      hasNot: page.getByRole('heading', { name: 'Bootstrap cluster network' }),
    })
    .first();
  await card.getByRole('button', { name: 'Choose' }).click();

  // Service
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name);
  await page
    .getByRole('textbox', { name: 'Description', exact: true })
    .fill('Created by the end-to-end test');
  const owner = page.getByRole('textbox', { name: 'Owner', exact: true });
  await owner.click();
  await owner.fill('App team');
  await page
    .getByRole('option', { name: 'App team' })
    .first()
    .click({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Next' }).click();

  // Exposure and routing: the internal gateway, a certificate from the ClusterIssuer.
  // The pickers read the live cluster: the gateway and its listener with their state.
  await expect(
    page.getByRole('button', {
      name: /Internal gateway network\/envoy-internal · Programmed/,
    }),
  ).toBeVisible();
  const hostnameField = page.getByRole('textbox', {
    name: 'Hostname',
    exact: true,
  });
  // A name another route already serves is refused, naming the route, and blocks Next.
  await hostnameField.fill('jellyfin.demo.lab');
  const taken =
    'jellyfin.demo.lab is already claimed by HTTPRoute media/jellyfin';
  await expect(page.getByText(taken).first()).toBeVisible();
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(page.getByText(taken).first()).toBeVisible();
  await expect(hostnameField).toBeVisible();
  await hostnameField.fill(hostname);
  // The HostnamePicker checks availability against the cluster once typing pauses.
  await expect(page.getByText(`${hostname} is available`)).toBeVisible();
  await page.getByLabel('TLS certificate').click();
  await page
    .getByRole('option', { name: 'A certificate from an issuer' })
    .click();
  await page.screenshot({
    path: join(artifacts, 'create-service-routing.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Next' }).click();

  // Policies and DNS: the defaults (CiliumNetworkPolicy, external-dns annotations).
  await page.getByRole('button', { name: 'Next' }).click();

  // Publish: apply to the demo cluster now.
  await page.getByLabel('Apply to the cluster now').check();
  await page.getByRole('button', { name: 'Review' }).click();
  await page.screenshot({
    path: join(artifacts, 'create-service-review.png'),
    fullPage: true,
  });
  await page.getByRole('button', { name: 'Create' }).click();

  // Every step of the task completes.
  await expect(page.getByText('Open in the catalog')).toBeVisible({
    timeout: 120_000,
  });
  await page.screenshot({
    path: join(artifacts, 'create-service-done.png'),
    fullPage: true,
  });
  await page.getByText('Open in the catalog').click();

  // The new component is in the catalog and its Network tab shows a healthy request path.
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}`),
  );
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Network' })
    .click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}/network`),
  );
  const graph = page.getByRole('group', {
    name: `Request path for ${hostname}`,
  });
  await expect(graph).toBeVisible();
  await expect(
    graph.getByRole('button', {
      name: new RegExp(`^Hostname ${hostname.replace(/\./g, '\\.')}: OK`),
    }),
  ).toBeVisible();
  await expect(graph.locator('[data-hop-state="ok"]').first()).toBeVisible();
  // Once the watch has seen the applied objects (and cert-manager issued), no hop fails.
  await expect(graph.locator('[data-hop-state="failing"]')).toHaveCount(0, {
    timeout: 60_000,
  });
  await expect(graph.locator('[data-hop-state="warning"]')).toHaveCount(0, {
    timeout: 60_000,
  });
  await page.screenshot({
    path: join(artifacts, 'create-service-network-tab.png'),
    fullPage: true,
  });

  // Leave the catalog as the other tests expect it: unregister the new component.
  const backend = process.env.PORTAL_BACKEND_URL ?? 'http://localhost:7007';
  const { backstageIdentity } = await (
    await page.request.post(`${backend}/api/auth/guest/refresh`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    })
  ).json();
  const headers = { Authorization: `Bearer ${backstageIdentity.token}` };
  // cert-manager issued the service's certificate.
  await expect
    .poll(
      async () => {
        const overview = await (
          await page.request.get(
            `${backend}/api/network/clusters/demo/overview`,
            { headers },
          )
        ).json();
        return overview.certificates?.find(
          (certificate: any) => certificate.name === `${name}-tls`,
        )?.ready;
      },
      { timeout: 30_000 },
    )
    .toBe(true);

  const entity = await (
    await page.request.get(
      `${backend}/api/catalog/entities/by-name/component/default/${name}`,
      { headers },
    )
  ).json();
  const location = entity.metadata.annotations[
    'backstage.io/managed-by-origin-location'
  ].replace(/^url:/, '');
  const locations = await (
    await page.request.get(`${backend}/api/catalog/locations`, { headers })
  ).json();
  const registered = locations.find(
    (entry: any) => entry.data.target === location,
  );
  expect(registered).toBeDefined();
  expect(
    (
      await page.request.delete(
        `${backend}/api/catalog/locations/${registered.data.id}`,
        { headers },
      )
    ).ok(),
  ).toBe(true);
});
