import { expect, test } from '@playwright/test';
import { join } from 'node:path';
import { artifacts, signInAsGuest } from './guestSession';

test.beforeEach(({ page }) => signInAsGuest(page));

test('run a bootstrap plan', async ({ page }) => {
  // The last step repeats the diagnostics for up to 2 minutes while the seeded failures stay.
  test.setTimeout(420_000);
  // The guest is in the platform team, which may bootstrap (app-config accessPolicy).
  await page.goto('/network');
  await page
    .getByRole('tablist', { name: 'Network views' })
    .getByRole('tab', { name: 'Bootstrap' })
    .click();
  await expect(page).toHaveURL(/\/network\/bootstrap/);

  // The plan: every step with run or skip, the baseline's objects with their change.
  const steps = page.getByRole('list', { name: 'Plan steps' });
  await expect(steps).toBeVisible({ timeout: 60_000 });
  // Direct items only: the apply step's field changes are a list of their own.
  await expect(steps.locator(':scope > li')).toHaveCount(4);
  await expect(steps).toContainText('Apply the network baseline');
  const objects = page.getByRole('table', { name: 'Planned objects' });
  await expect(objects.getByRole('row').nth(1)).toContainText(
    /Create|Update|Unchanged/,
  );
  await expect(
    page.getByText(
      /with a server-side dry run: \d+ to create, \d+ to update, \d+ unchanged/,
    ),
  ).toBeVisible();
  await page.screenshot({
    path: join(artifacts, 'bootstrap-plan.png'),
    fullPage: true,
  });

  // Confirm shows the hash the run is started with.
  // A run still going (an earlier attempt) is shown live and holds the button until it ends.
  const review = page.getByRole('button', { name: 'Review and run…' });
  await expect(review).toBeEnabled({ timeout: 200_000 });
  await review.click();
  const dialog = page.getByRole('dialog', { name: 'Bootstrap cluster demo?' });
  await expect(dialog.getByTestId('plan-hash')).toHaveText(/\S{16,}/);
  await page.screenshot({ path: join(artifacts, 'bootstrap-confirm.png') });
  await dialog.getByRole('button', { name: 'Run bootstrap' }).click();

  // Live step progress until the run has finished, then its result.
  const runSteps = page.getByRole('list', { name: 'Bootstrap steps' });
  await expect(runSteps).toBeVisible();
  await expect(
    page.getByText(/^Bootstrap of cluster demo (succeeded\.|failed)/),
  ).toBeVisible({
    timeout: 240_000,
  });
  await expect(runSteps.getByRole('listitem')).toHaveCount(4);
  for (const item of await runSteps.getByRole('listitem').all()) {
    await expect(item).toContainText(/Succeeded|Skipped|Failed/);
  }
  await page.screenshot({
    path: join(artifacts, 'bootstrap-run.png'),
    fullPage: true,
  });

  // The audit history lists the run with the guest as its actor.
  const history = page.getByRole('table', { name: 'Bootstrap runs' });
  await expect(history.getByRole('row').nth(1)).toContainText(
    'user:default/guest',
  );
  await expect(history.getByRole('row').nth(1)).not.toContainText('Running');
});
