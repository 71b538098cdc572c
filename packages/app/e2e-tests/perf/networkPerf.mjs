/* eslint-disable no-console */ // A command-line script: its figures are printed.
// Measures the network screens in headless Chromium against a running portal (normally one on
// the `--scale large` demo cluster; run.sh starts it): the entity Network tab's time to its
// graph (cold, warm reload and in-app), the Network page's time to first render and its long
// tasks while scrolling and paging through ~3,000 routes.
// Usage: PORTAL_URL=http://localhost:3600 node networkPerf.mjs
// Env: PERF_COMPONENT (default jellyfin), PERF_REPEATS (default 5), PORTAL_CHROMIUM.
import { chromium } from '@playwright/test';

const base = process.env.PORTAL_URL ?? 'http://localhost:3000';
const component = process.env.PERF_COMPONENT ?? 'jellyfin';
const repeats = Number(process.env.PERF_REPEATS ?? 5);
const LONG_TASK_LIMIT_MS = 200;
const GRAPH_TARGET_MS = 1500;

const figures = [];

/** Prints one figure as a readable line and as a BENCH line for the benchmark collector. */
function report(name, value, unit, target, note = '') {
  const rounded = Math.round(value * 10) / 10;
  figures.push({ name, value: rounded, unit, target });
  const targetText = target === undefined ? '' : ` (target ${target})`;
  console.log(
    `${name}: ${rounded} ${unit}${targetText}${note ? ` ${note}` : ''}`,
  );
  console.log(
    `BENCH ${JSON.stringify({
      name,
      value: rounded,
      unit,
      ...(target === undefined ? {} : { target }),
    })}`,
  );
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Injected before any page script: records long tasks (with their attribution) and the moment
 * (performance.now(), from navigation start) a watched selector first appears.
 */
function instrument() {
  window.__perf = { longTasks: [], seen: {}, watch: {} };
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      window.__perf.longTasks.push({
        start: entry.startTime,
        duration: entry.duration,
        attribution: entry.attribution?.map(
          a => `${a.containerType}:${a.containerSrc || a.containerName}`,
        ),
      });
    }
  }).observe({ type: 'longtask', buffered: true });
  const check = () => {
    for (const [name, selector] of Object.entries(window.__perf.watch)) {
      if (
        window.__perf.seen[name] === undefined &&
        document.querySelector(selector)
      ) {
        window.__perf.seen[name] = performance.now();
      }
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true,
    subtree: true,
    attributes: true,
  });
}

/** Registers a selector whose first appearance is timed; survives reloads via sessionStorage. */
function watchScript(watches) {
  return `(${instrument.toString()})(); Object.assign(window.__perf.watch, ${JSON.stringify(
    watches,
  )});`;
}

async function signIn(page) {
  await page.goto(`${base}/`);
  const enter = page.getByRole('button', { name: 'Enter' });
  if (
    await enter.waitFor({ timeout: 30_000 }).then(
      () => true,
      () => false,
    )
  )
    await enter.click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor({ timeout: 30_000 });
}

const GRAPH_SELECTOR =
  '[role="group"][aria-label^="Request path for"] [data-hop-id]';
const networkTabPath = `/catalog/default/component/${component}/network`;

/** Where a page load's time went: scripts loaded (DOMContentLoaded) and the request-path answer. */
function loadBreakdown() {
  const navigation = performance.getEntriesByType('navigation')[0];
  const requestPath = performance
    .getEntriesByType('resource')
    .find(entry => entry.name.includes('/request-path'));
  const scripts = performance
    .getEntriesByType('resource')
    .filter(entry => entry.initiatorType === 'script');
  return {
    domContentLoaded: Math.round(navigation.domContentLoadedEventEnd),
    scriptBytes: scripts.reduce(
      (sum, entry) => sum + (entry.decodedBodySize || 0),
      0,
    ),
    requestPathStart: Math.round(requestPath?.startTime ?? NaN),
    requestPathEnd: Math.round(requestPath?.responseEnd ?? NaN),
    graph: Math.round(window.__perf.seen.graph),
  };
}

/** Loads the entity Network tab by URL and returns ms from navigation start to the first hop drawn. */
async function timeGraphLoad(page, explain = false) {
  await page.goto(base + networkTabPath);
  await page.locator(GRAPH_SELECTOR).first().waitFor({ timeout: 60_000 });
  if (explain) {
    const parts = await page.evaluate(loadBreakdown);
    console.log(
      `  breakdown (ms from navigation): DOMContentLoaded ${parts.domContentLoaded} ` +
        `(${(parts.scriptBytes / 1e6).toFixed(
          1,
        )} MB of scripts), request-path asked at ${parts.requestPathStart}, ` +
        `answered at ${parts.requestPathEnd}, graph drawn at ${parts.graph}`,
    );
  }
  return page.evaluate(() => window.__perf.seen.graph);
}

/** From the entity's overview, clicks the Network tab and returns ms to the first hop drawn. */
async function timeGraphInApp(page) {
  await page.goto(`${base}/catalog/default/component/${component}`);
  const tab = page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'Network' });
  await tab.waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  const start = await page.evaluate(() => performance.now());
  await tab.click();
  await page.locator(GRAPH_SELECTOR).first().waitFor({ timeout: 60_000 });
  const seen = await page.evaluate(() => window.__perf.seen.graph);
  return seen - start;
}

async function measureEntityTab(browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(watchScript({ graph: GRAPH_SELECTOR }));
  const page = await context.newPage();
  await signIn(page);
  const cold = await timeGraphLoad(page);
  report(`entity Network tab (${component}) graph, cold load`, cold, 'ms');
  const warm = [];
  for (let i = 0; i < repeats; i++)
    warm.push(await timeGraphLoad(page, i === repeats - 1));
  report(
    `entity Network tab (${component}) graph, warm reload median of ${repeats}`,
    median(warm),
    'ms',
    `<= ${GRAPH_TARGET_MS}`,
    `[${warm.map(Math.round).join(', ')}]`,
  );
  const inApp = [];
  for (let i = 0; i < repeats; i++) inApp.push(await timeGraphInApp(page));
  report(
    `entity Network tab (${component}) graph, in-app tab click median of ${repeats}`,
    median(inApp),
    'ms',
    `<= ${GRAPH_TARGET_MS}`,
    `[${inApp.map(Math.round).join(', ')}]`,
  );
  await context.close();
}

const ROUTE_ROW_SELECTOR = '#routes tbody tr';

async function longTasksSince(page, since) {
  return page.evaluate(
    from => window.__perf.longTasks.filter(task => task.start >= from),
    since,
  );
}

function reportLongTasks(label, tasks) {
  const longest = tasks.reduce((max, task) => Math.max(max, task.duration), 0);
  const over = tasks.filter(task => task.duration > LONG_TASK_LIMIT_MS).length;
  report(
    `Network page, ${label}: longest task`,
    longest,
    'ms',
    `<= ${LONG_TASK_LIMIT_MS}`,
    `(${tasks.length} long tasks)`,
  );
  report(
    `Network page, ${label}: tasks over ${LONG_TASK_LIMIT_MS} ms`,
    over,
    'count',
    '<= 0',
  );
}

async function measureNetworkPage(browser) {
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  await context.addInitScript(
    watchScript({
      overview: '[aria-label="Health summary"]',
      routes: ROUTE_ROW_SELECTOR,
    }),
  );
  const page = await context.newPage();
  await signIn(page);

  for (const pass of ['cold', 'warm']) {
    await page.goto(`${base}/network`);
    await page
      .locator(ROUTE_ROW_SELECTOR)
      .first()
      .waitFor({ timeout: 120_000 });
    const seen = await page.evaluate(() => window.__perf.seen);
    report(
      `Network page overview first render (health summary), ${pass}`,
      seen.overview,
      'ms',
    );
    report(`Network page routes table first rows, ${pass}`, seen.routes, 'ms');
    const loadTasks = await longTasksSince(page, 0);
    reportLongTasks(`load (${pass})`, loadTasks);
  }
  const subtitle = await page
    .locator('#routes')
    .getByText(/\d+ routes, \d+ need attention/)
    .first()
    .textContent();
  console.log(`routes section: ${subtitle}`);
  const routeCount = Number(/(\d+) routes/.exec(subtitle ?? '')?.[1] ?? 0);
  report('routes listed on the Network page', routeCount, 'count');
  if (routeCount < 1000)
    console.log(
      'warning: fewer than 1,000 routes: is the portal on the --scale large demo cluster?',
    );
  await page.waitForTimeout(1000);

  // Scroll the whole page down through the routes section and back up, as a user would.
  let since = await page.evaluate(() => performance.now());
  await page.locator('#routes').scrollIntoViewIfNeeded();
  for (let step = 0; step < 30; step++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(50);
  }
  for (let step = 0; step < 30; step++) {
    await page.mouse.wheel(0, -400);
    await page.waitForTimeout(50);
  }
  await page.waitForTimeout(500);
  reportLongTasks('scrolling', await longTasksSince(page, since));

  // Page through the routes: next page ten times, then 100 rows a page and scroll through it.
  since = await page.evaluate(() => performance.now());
  const routes = page.locator('#routes');
  for (let i = 0; i < 10; i++) {
    await routes.getByRole('button', { name: 'Next Page' }).first().click();
    await page.waitForTimeout(100);
  }
  await routes.getByRole('button', { name: /rows/ }).first().click();
  await page.getByRole('option', { name: '100' }).click();
  await page
    .locator(`${ROUTE_ROW_SELECTOR}:nth-child(100)`)
    .waitFor({ timeout: 30_000 });
  await page.locator('#routes').scrollIntoViewIfNeeded();
  for (let step = 0; step < 40; step++) {
    await page.mouse.wheel(0, 400);
    await page.waitForTimeout(50);
  }
  for (let i = 0; i < 5; i++) {
    await routes.getByRole('button', { name: 'Next Page' }).first().click();
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(500);
  const pagingTasks = await longTasksSince(page, since);
  reportLongTasks('paging (20 and 100 rows a page)', pagingTasks);
  for (const task of pagingTasks.filter(t => t.duration > LONG_TASK_LIMIT_MS)) {
    console.log(
      `  long task ${Math.round(task.duration)} ms at ${Math.round(
        task.start,
      )} ms (${task.attribution?.join(', ')})`,
    );
  }

  // Searching the routes: typed one keystroke at a time; the backend searches all ~3,000.
  since = await page.evaluate(() => performance.now());
  await routes
    .getByPlaceholder('Filter')
    .first()
    .pressSequentially('Backend', { delay: 150 });
  await page.waitForTimeout(1000);
  reportLongTasks('typing a search', await longTasksSince(page, since));
  await context.close();
}

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
try {
  console.log(`portal ${base}, component ${component}`);
  await measureEntityTab(browser);
  await measureNetworkPage(browser);
} finally {
  await browser.close();
}
