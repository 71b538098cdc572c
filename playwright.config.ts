import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests in Debian's Chromium against the portal on the demo cluster.
 * scripts/test.sh starts the portal first; run by hand, Playwright starts it with
 * scripts/start.sh (or reuses one already running on :3000).
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'e2e-test-report' }]],
  outputDir: 'test-results',
  webServer: {
    command: 'bash scripts/start.sh',
    url: process.env.PORTAL_URL ?? 'http://localhost:3000',
    reuseExistingServer: true,
    timeout: 600_000,
  },
  use: {
    baseURL: process.env.PORTAL_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
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
    },
  },
});
