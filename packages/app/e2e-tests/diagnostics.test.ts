import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { artifacts, signInAsGuest } from './guestSession';

test.beforeEach(({ page }) => signInAsGuest(page));

test('run diagnostics and watch progress to the end', async ({ page }) => {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Network' })
    .click();
  await page
    .getByRole('tablist', { name: 'Network views' })
    .getByRole('tab', { name: 'Diagnostics' })
    .click();
  await expect(page).toHaveURL(/\/network\/diagnostics/);
  await expect(page.getByText(/^\d+ checks on cluster demo$/)).toBeVisible();

  // The guest is in the platform team, which may run diagnostics (app-config accessPolicy).
  await page.getByRole('button', { name: 'Run all checks' }).click();
  await expect(page).toHaveURL(/[?&]run=/);
  const progress = page.getByRole('progressbar', { name: 'Checks done' });
  await expect(progress).toBeVisible();
  await expect(page.getByText(/^\d+ of \d+ checks done$/)).toBeVisible();

  // The stream carries it to the end: every check done and the run succeeded.
  await expect(async () => {
    const text = await page.getByText(/^\d+ of \d+ checks done$/).textContent();
    const [, done, total] = /^(\d+) of (\d+)/.exec(text ?? '') ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(done).toBe(total);
  }).toPass({ timeout: 90_000 });
  await expect(page.getByText('Succeeded').first()).toBeVisible();
  await expect(page.getByLabel('Totals')).toContainText(/Fail: [1-9]/);

  // The seeded broken route (BackendNotFound) fails a check; its row opens with the keyboard.
  const refs = page.getByRole('button', {
    name: /^Fail Routes' backend references resolve/,
  });
  await refs.focus();
  await page.keyboard.press('Enter');
  await expect(refs).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText('HTTPRoute media/sonarr').first()).toBeVisible();
  await expect(page.getByText('Remediation').first()).toBeVisible();
  await page.screenshot({
    path: join(artifacts, 'diagnostics-run.png'),
    fullPage: true,
  });

  // The run is in the history, newest first, started by the guest.
  const history = page.getByRole('table', { name: 'Diagnostics runs' });
  await expect(history.getByRole('row').nth(1)).toContainText(
    'user:default/guest',
  );
  await expect(history.getByRole('row').nth(1)).toContainText('manual');
});

test("a component's Diagnose button runs its entity-scoped checks", async ({
  page,
}) => {
  await page.goto('/catalog/default/component/sonarr/network');
  await page.getByRole('button', { name: 'Diagnose' }).click();
  await expect(
    page.getByText(/entity component:default\/sonarr on cluster demo/),
  ).toBeVisible();
  await expect(async () => {
    const text = await page.getByText(/^\d+ of \d+ checks done$/).textContent();
    const [, done, total] = /^(\d+) of (\d+)/.exec(text ?? '') ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(done).toBe(total);
  }).toPass({ timeout: 90_000 });
  await expect(
    page.getByRole('button', {
      name: /^Fail Routes' backend references resolve/,
    }),
  ).toBeVisible();
  await page.screenshot({
    path: join(artifacts, 'entity-diagnose.png'),
    fullPage: true,
  });
});
