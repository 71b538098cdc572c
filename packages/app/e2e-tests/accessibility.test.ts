import { expect, Page, test } from '@playwright/test';
import { join } from 'node:path';
import { artifacts, signInAsGuest } from './guestSession';

/** The words a state label starts with (StateLabel's STATE_TEXT). */
const STATE_WORDS: Record<string, string> = {
  ok: 'OK',
  warning: 'Warning',
  failing: 'Failing',
  unknown: 'Unknown',
};

test.beforeEach(({ page }) => signInAsGuest(page));

/** What the keyboard focus is on: its tag, aria-label, hop id and text. */
function focused(page: Page) {
  return page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase() ?? '',
      label: element?.getAttribute('aria-label') ?? '',
      hopId: element?.getAttribute('data-hop-id') ?? '',
      text: (element?.textContent ?? '').trim(),
    };
  });
}

/** Presses Tab until the focus is on an element matching `accept`; fails after `limit` presses. */
async function tabUntil(
  page: Page,
  accept: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  limit = 150,
) {
  for (let presses = 0; presses < limit; presses++) {
    await page.keyboard.press('Tab');
    const current = await focused(page);
    if (accept(current)) return current;
  }
  throw new Error(`nothing acceptable was focused within ${limit} Tab presses`);
}

test('the request path graph: hops are reached with Tab, Enter and Space open their details, states are words', async ({
  page,
}) => {
  await page.goto('/catalog/default/component/home-assistant/network');
  const graph = page.getByRole('group', {
    name: 'Request path for home-assistant.demo.lab',
  });
  await expect(graph.locator('[data-hop-id]').first()).toBeVisible();

  // Every hop shows its state as a word beside the colour: the node's last line of text.
  const hops = page.locator('[data-hop-state]');
  const hopCount = await hops.count();
  expect(hopCount).toBeGreaterThan(2);
  for (let index = 0; index < hopCount; index++) {
    const hop = hops.nth(index);
    const state = (await hop.getAttribute('data-hop-state')) ?? '';
    const stateLine = await hop.locator('text').last().textContent();
    expect(stateLine).toMatch(new RegExp(`^${STATE_WORDS[state]}\\b`));
    await expect(hop).toHaveAttribute(
      'aria-label',
      new RegExp(`: ${STATE_WORDS[state]}\\b`),
    );
  }

  // Tab from the top of the page reaches the first hop (the hostname).
  const first = await tabUntil(page, f => f.hopId !== '');
  expect(first.label).toMatch(
    /^Hostname home-assistant\.demo\.lab: OK\. Press Enter for details\.$/,
  );
  await page.keyboard.press('Enter');
  const details = page.getByRole('region', {
    name: 'Details of home-assistant.demo.lab',
  });
  await expect(details).toBeVisible();
  await expect(details).toContainText('Objects read');
  // Escape closes the drawer and the focus goes back to the graph.
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();
  expect((await focused(page)).hopId).toBe(first.hopId);

  // Tab walks on through the hops to the failing one; Space opens it as Enter does.
  const failing = await tabUntil(page, f => / Failing: /.test(f.label), 30);
  await page.keyboard.press(' ');
  const failingDetails = page.getByRole('region', { name: /^Details of / });
  await expect(failingDetails).toBeVisible();
  await expect(failingDetails).toContainText('Failing');
  expect(failing.label).toMatch(/Press Enter for details\.$/);
  await page.screenshot({
    path: join(artifacts, 'a11y-hop-details.png'),
    fullPage: true,
  });
  // The drawer's close button is reachable and operable from the keyboard too.
  await tabUntil(page, f => f.label === 'Close details', 40);
  await page.keyboard.press('Enter');
  await expect(failingDetails).toBeHidden();
});

test('the Network page: state labels are words, gateway rows expand and tables page from the keyboard', async ({
  page,
}) => {
  await page.goto('/network');
  const routes = page.getByRole('region', { name: 'Routes' });
  await expect(routes.getByRole('row').nth(1)).toBeVisible();

  // Every state icon (Backstage's status icons, data-testid status-ok, status-error...) has
  // its state as text beside it, readable by a screen reader (not inside aria-hidden).
  const icons = page.locator('[data-testid^="status-"]');
  expect(await icons.count()).toBeGreaterThan(10);
  const labels = await icons.evaluateAll(found =>
    found.map(icon => ({
      icon: icon.getAttribute('data-testid'),
      text: (icon.parentElement?.textContent ?? '').trim(),
      hidden: icon.parentElement?.closest('[aria-hidden="true"]') !== null,
    })),
  );
  for (const label of labels) {
    expect(label.text).toMatch(/^(OK|Warning|Failing|Unknown)(?![a-z])/);
    expect(label.hidden).toBe(false);
  }
  // The failing route's state is in words in its row.
  await expect(
    routes.getByRole('row').filter({ hasText: 'media/sonarr' }),
  ).toContainText('Failing: BackendNotFound');

  // A gateway's row is a button: Tab reaches it, Enter expands it and Space folds it.
  const gateways = page.getByRole('region', { name: 'Gateways' });
  const gatewayRow = gateways.getByRole('button', { expanded: false }).first();
  await expect(gatewayRow).toBeVisible();
  const gatewayText = ((await gatewayRow.textContent()) ?? '').trim();
  // Clicking the heading moves the keyboard's starting point there (it is not focusable).
  await page.getByRole('heading', { name: 'Gateways' }).click();
  await tabUntil(page, f => f.text === gatewayText, 40);
  await page.keyboard.press('Enter');
  await expect(
    gateways.getByRole('button', { expanded: true }).first(),
  ).toBeVisible();
  await page.keyboard.press(' ');
  await expect(gateways.getByRole('button', { expanded: true })).toHaveCount(0);

  // The routes table's search field and page buttons are reached with Tab and work with Enter.
  const search = routes.getByPlaceholder('Filter').first();
  await search.focus();
  await page.keyboard.type('sonarr');
  await expect(
    routes.getByRole('row').filter({ hasText: 'media/sonarr' }),
  ).toBeVisible();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await expect(routes.getByRole('row').nth(1)).toBeVisible();
  const firstRowBefore = await routes.getByRole('row').nth(1).textContent();
  const next = routes.getByRole('button', { name: 'Next Page' }).first();
  if (await next.isEnabled()) {
    await next.focus();
    await page.keyboard.press('Enter');
    await expect(routes.getByRole('row').nth(1)).not.toHaveText(
      firstRowBefore ?? '',
    );
  }
  await page.screenshot({
    path: join(artifacts, 'a11y-network-page.png'),
    fullPage: true,
  });
});

test('diagnostics: a check row opens with Space and its outcome is a word', async ({
  page,
}) => {
  await page.goto('/network/diagnostics');
  await expect(page.getByText(/^\d+ checks on cluster demo$/)).toBeVisible();
  const run = page.getByRole('button', { name: 'Run all checks' });
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/[?&]run=/);
  await expect(async () => {
    const text = await page.getByText(/^\d+ of \d+ checks done$/).textContent();
    const [, done, total] = /^(\d+) of (\d+)/.exec(text ?? '') ?? [];
    expect(Number(total)).toBeGreaterThan(0);
    expect(done).toBe(total);
  }).toPass({ timeout: 90_000 });

  // Each check row starts with its outcome as a word (Pass, Warning, Fail, Error, Skipped).
  const checkRows = page.locator('[aria-controls^="check-"]');
  const rowTexts = await checkRows.allTextContents();
  expect(rowTexts.length).toBeGreaterThan(3);
  for (const text of rowTexts) {
    expect(text.trim()).toMatch(/^(Pass|Warning|Fail|Error|Skipped)(?![a-z])/);
  }

  const failingCheck = page.getByRole('button', { name: /^Fail / }).first();
  const name = ((await failingCheck.textContent()) ?? '').trim();
  await page.getByText(/^\d+ of \d+ checks done$/).click();
  await tabUntil(page, f => f.text === name, 100);
  await page.keyboard.press(' ');
  await expect(failingCheck).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByText('Remediation').first()).toBeVisible();
});
