import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { artifacts, signInAsGuest } from './guestSession';

test.beforeEach(({ page }) => signInAsGuest(page));

test('the Network page flags the seeded broken route with its reason', async ({ page }) => {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Network' })
    .click();
  await expect(page).toHaveURL(/\/network/);

  const summary = page.getByRole('navigation', { name: 'Health summary' });
  await expect(summary.getByRole('link', { name: /^Routes accepted: \d+ of \d+$/ })).toBeVisible();
  await expect(summary.getByText(/Failing: \d+ need attention/).first()).toBeVisible();

  // The seeded broken route (SEEDED_BROKEN_CASES: route-backend-not-found) is listed first, flagged.
  const routes = page.getByRole('region', { name: 'Routes' });
  const sonarr = routes.getByRole('row').filter({ hasText: 'media/sonarr' });
  await expect(sonarr).toContainText('Failing: BackendNotFound');
  const wiki = routes.getByRole('row').filter({ hasText: 'default/wiki' });
  await expect(wiki).toContainText('Failing: NoMatchingListenerHostname');

  // The exhausted pool and the expiring certificate are flagged too.
  await expect(page.getByRole('region', { name: 'IP pools' })).toContainText('Failing: Exhausted');
  await expect(page.getByRole('region', { name: 'Certificates' })).toContainText('Warning: Expiring');
  await page.screenshot({ path: join(artifacts, 'network-page.png'), fullPage: true });

  // Search narrows the 'routes' table to the broken one.
  await routes.getByPlaceholder('Filter').first().fill('BackendNotFound');
  await expect(routes.getByRole('row').filter({ hasText: 'media/sonarr' })).toBeVisible();
  await expect(routes.getByRole('row').filter({ hasText: 'default/echo' })).toHaveCount(0);
});

test("a component's Network tab draws its request path and the failing hop", async ({ page }) => {
  await page.goto('/catalog/default/component/home-assistant');
  await expect(page.getByRole('heading', { name: 'Home Assistant' }).first()).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Network' })
    .click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/home-assistant\/network/);

  // The failing hop's reason and fix are on top.
  const alert = page.getByRole('alert').first();
  await expect(alert).toContainText(/is failing: \w+/);
  await expect(alert).toContainText('Fix:');

  // One graph per hostname; each hop carries its state in words.
  const graph = page.getByRole('group', { name: 'Request path for home-assistant.demo.lab' });
  await expect(graph).toBeVisible();
  await expect(graph.getByRole('button', { name: /^Hostname home-assistant\.demo\.lab: OK/ })).toBeVisible();
  const failing = graph.locator('[data-hop-state="failing"]').first();
  await expect(failing).toBeAttached();
  await page.screenshot({ path: join(artifacts, 'network-tab.png'), fullPage: true });

  // Keyboard: focus the failing hop, Enter opens its evidence.
  await failing.focus();
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', { name: /^Details of / });
  await expect(details).toBeVisible();
  await expect(details).toContainText('Objects read');
  await expect(details).toContainText('Failing');
  await page.screenshot({ path: join(artifacts, 'network-tab-details.png'), fullPage: true });
});
