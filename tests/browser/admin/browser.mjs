// Debian's chromium through playwright-core (no browser download), with bounded timeouts and
// screenshots under .test-results/admin/.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const shotsDir = join(root, '.test-results/admin');

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    timeout: 30_000,
    args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A page of a fresh context; records console errors and failed requests for diagnostics. */
export async function newPage(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  // Generous bounds: the machine's two cores are shared with parallel builds.
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(30_000);
  page.problems = [];
  page.requests = []; // every URL the page asked for: the dashboard must stay on its origin
  page.on('request', (r) => page.requests.push(r.url()));
  page.on('pageerror', (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') page.problems.push(`console: ${m.text()}`); });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/')) page.problems.push(`http ${r.status()}: ${r.request().method()} ${r.url()}`);
  });
  return page;
}

/** Saves a full-page screenshot as .test-results/admin/<name>.png. */
export async function shot(page, name) {
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, `${name}.png`), fullPage: false });
}

/** End of a suite: the last screen as `last-<name>.png` and the page's problems, for diagnosis. */
export async function finish(page, name) {
  if (!page || page.isClosed()) return;
  await shot(page, `last-${name}`).catch(() => {});
  if (page.problems.length) console.log(`diagnostics (${name}):\n  ${page.problems.join('\n  ')}`);
}
