import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { watchPageErrors } from './e2e-steps';

/** Debian's Chromium (apt-get install chromium); no browser is ever downloaded. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: install it with "apt-get install -y chromium"`);
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-background-networking', '--disable-gpu'],
  });
}

/** What every suite's pages look like: the README screenshots' size, in Portuguese. */
export const PAGE_OPTIONS = { viewport: { width: 1366, height: 768 }, locale: 'pt-BR' } as const;

/**
 * Chromium with one page in PAGE_OPTIONS (plus `options`, e.g. acceptDownloads) and its uncaught errors
 * and CSP violations collected in `pageErrors` (see watchPageErrors); close `browser` in afterAll.
 */
export async function openChromiumPage(
  options: BrowserContextOptions = {},
): Promise<{ browser: Browser; page: Page; pageErrors: string[] }> {
  const browser = await launchChromium();
  const page = await browser.newPage({ ...PAGE_OPTIONS, ...options });
  return { browser, page, pageErrors: watchPageErrors(page) };
}

/** Builds the web renderer when it is missing or stale (the server serves apps/desktop/dist/web). */
export function ensureWebBuild(): void {
  execFileSync('node', [fileURLToPath(new URL('../scripts/ensure-web-build.mjs', import.meta.url))], {
    stdio: 'inherit',
  });
}

/** A failed step leaves a screenshot under test-results/ (ignored by git) to see what the user saw. */
export async function screenshotOnFailure(
  page: Page,
  task: { name: string; result?: { state?: string } | undefined },
  prefix: string,
): Promise<void> {
  if (task.result?.state !== 'fail') return;
  const name = task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60);
  await page.screenshot({ path: `test-results/${prefix}-${name}.png` });
}

/**
 * The README's screenshots of states only a test can reach (an invoice paid by webhook, a trial that
 * ended): written to docs/screenshots with UPDATE_SCREENSHOTS=1, so a normal run leaves the tree alone.
 */
export async function documentationScreenshot(page: Page, name: string): Promise<void> {
  if (process.env['UPDATE_SCREENSHOTS'] !== '1') return;
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => {
    window.scrollTo(0, 0);
  });
  // Park the pointer where it opens no tooltip, as scripts/screenshots.mjs does.
  await page.mouse.move(1360, 760);
  await page.waitForTimeout(400);
  await page.screenshot({
    path: fileURLToPath(new URL(`../../../docs/screenshots/${name}.png`, import.meta.url)),
  });
}
