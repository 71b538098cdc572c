import { expect, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/** Where the tests keep their screenshots (test artifacts; the README's come from here). */
export const artifacts = join(__dirname, 'artifacts');
mkdirSync(artifacts, { recursive: true });

/** Signs in as the guest (a platform-team member in the seed catalog) and waits for the sidebar. */
export async function signInAsGuest(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}
