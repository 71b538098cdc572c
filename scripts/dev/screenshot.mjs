// Takes a screenshot of a portal page in headless Chromium, signing in as guest first.
// Usage: node scripts/dev/screenshot.mjs <path, e.g. /catalog> <out.png> [--wait-for "text"]
import { chromium } from '@playwright/test';

const [path = '/', out = 'screenshot.png'] = process.argv.slice(2);
const waitForIndex = process.argv.indexOf('--wait-for');
const waitFor = waitForIndex > 0 ? process.argv[waitForIndex + 1] : undefined;
const base = process.env.PORTAL_URL ?? 'http://localhost:3000';

const browser = await chromium.launch({
  executablePath: process.env.PORTAL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(base + '/');
  const enter = page.getByRole('button', { name: 'Enter' });
  const signInShown = await enter.waitFor({ timeout: 20000 }).then(() => true, () => false);
  if (signInShown) await enter.click();
  await page.waitForLoadState('networkidle');
  if (path !== '/') {
    // Navigate inside the app, so the signed-in session carries over without a reload.
    await page.evaluate(target => {
      window.history.pushState({}, '', target);
      window.dispatchEvent(new PopStateEvent('popstate'));
    }, path);
  }
  if (waitFor) await page.getByText(waitFor).first().waitFor({ timeout: 30000 });
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: out, fullPage: true });
  console.log(`saved ${out}`);
} finally {
  await browser.close();
}
