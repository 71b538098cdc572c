import { expect, test } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const artifacts = join(__dirname, 'artifacts');

test.beforeAll(() => mkdirSync(artifacts, { recursive: true }));

test('a guest signs in, browses the catalog and opens a component', async ({ page }) => {
  await page.goto('/');

  await expect(page.getByText('Pathway').first()).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();

  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(nav.getByRole('link', { name: 'Home', exact: false }).first()).toBeVisible();

  // The catalog is the landing page; the seed components of the demo cluster are listed.
  await expect(page.getByRole('link', { name: 'jellyfin' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'home-assistant' })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'catalog.png'), fullPage: true });

  await page.getByRole('link', { name: 'jellyfin' }).click();
  await expect(page).toHaveURL(/\/catalog\/default\/component\/jellyfin/);
  await expect(page.getByRole('heading', { name: 'Jellyfin' }).first()).toBeVisible();
  await expect(page.getByText('Media server, internal only').first()).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'component.png'), fullPage: true });
});
