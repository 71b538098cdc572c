// Takes the README screenshots of the network screens from a running portal on the small demo
// cluster, viewport-sized (1440 x 960) so they stay readable and small.
// Usage: PORTAL_URL=http://localhost:3000 node docs/screenshots/take-screenshots.mjs [out-dir]
// Runs a diagnostics run on the cluster (read-only checks); changes nothing else.
import { chromium } from '@playwright/test';
import { join } from 'node:path';

const base = process.env.PORTAL_URL ?? 'http://localhost:3000';
const outDir = process.argv[2] ?? 'docs/screenshots';

const browser = await chromium.launch({
  executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
const shot = async name => {
  await page.waitForTimeout(800); // let transitions (drawers, accordions) settle
  await page.screenshot({ path: join(outDir, name) });
  console.log(`saved ${join(outDir, name)}`);
};

try {
  await page.goto(base + '/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor();

  // Network page: health summary, gateways and the routes with the broken ones first.
  await page.goto(base + '/network');
  // The routes table reads its first page after the overview: wait for a route row.
  await page
    .locator('#routes tbody tr')
    .filter({ hasText: 'HTTPRoute' })
    .first()
    .waitFor({ timeout: 60_000 });
  await shot('network-page.png');

  // Diagnostics: a finished run with the failing backend-references check expanded.
  await page.goto(base + '/network/diagnostics');
  await page.getByRole('button', { name: 'Run all checks' }).click();
  await page
    .getByText(/^(\d+) of \1 checks done$/)
    .waitFor({ timeout: 90_000 });
  const refs = page.getByRole('button', {
    name: /^Fail Routes' backend references resolve/,
  });
  await refs.click();
  await page.getByText('Remediation').first().waitFor();
  // Start the view at the run's totals, so the failing checks and the expanded one fit.
  await page
    .getByLabel('Totals')
    .evaluate(element => element.scrollIntoView({ block: 'start' }));
  await page.evaluate(() => window.scrollBy(0, -90));
  await shot('diagnostics-run.png');

  // Bootstrap: the plan with its dry-run summary and planned objects.
  await page.goto(base + '/network/bootstrap');
  await page
    .getByRole('list', { name: 'Plan steps' })
    .waitFor({ timeout: 60_000 });
  await page
    .getByText(/with a server-side dry run: \d+ to create/)
    .waitFor({ timeout: 60_000 });
  await shot('bootstrap-plan.png');

  // Entity Network tab: the failing hop on top, the graph, then the failing hop's details.
  await page.goto(base + '/catalog/default/component/home-assistant/network');
  const graph = page.getByRole('group', {
    name: 'Request path for home-assistant.demo.lab',
  });
  await graph.locator('[data-hop-id]').first().waitFor({ timeout: 60_000 });
  // Focusing the failing hop scrolls the wide graph sideways to it (and shows the focus ring).
  await graph.locator('[data-hop-state="failing"]').first().focus();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot('network-tab.png');
  await page.keyboard.press('Enter');
  await page.getByRole('region', { name: /^Details of / }).waitFor();
  await shot('network-tab-hop-details.png');
  await page.keyboard.press('Escape');

  // Create service wizard: the exposure and routing step with its live pickers.
  await page.goto(base + '/create');
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
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill('photos');
  await page
    .getByRole('textbox', { name: 'Description', exact: true })
    .fill('Photo library');
  const owner = page.getByRole('textbox', { name: 'Owner', exact: true });
  await owner.click();
  await owner.fill('App team');
  await page
    .getByRole('option', { name: 'App team' })
    .first()
    .click({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Next' }).click();
  await page
    .getByRole('button', {
      name: /Internal gateway network\/envoy-internal · Programmed/,
    })
    .waitFor({ timeout: 30_000 });
  await page
    .getByRole('textbox', { name: 'Hostname', exact: true })
    .fill('photos.demo.lab');
  const available = page.getByText('photos.demo.lab is available');
  await available.waitFor({ timeout: 30_000 });
  await available.evaluate(element =>
    element.scrollIntoView({ block: 'center' }),
  );
  await shot('create-service-routing.png');
} finally {
  await browser.close();
}
