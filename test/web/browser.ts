import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { REPO_ROOT } from '@oise/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { launchChromium } from './chromium.js';

export { chromiumPath, launchChromium } from './chromium.js';

/**
 * One Chromium for a test file (launched before its tests, closed after them), and fresh pages
 * at the advisers' 1366×768, each in its own context (its own cookies), downloads accepted. A
 * step that does not come fails after 30 s with what it waited for, well before the test's own
 * timeout.
 */
export function useChromium() {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  const launched = (): Browser => {
    if (!browser) throw new Error('Chromium is launched before the tests: use it inside a test.');
    return browser;
  };
  return {
    get browser(): Browser {
      return launched();
    },
    async newPage(options: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
      const context = await launched().newContext({
        viewport: { width: 1366, height: 768 },
        acceptDownloads: true,
        ...options,
      });
      context.setDefaultTimeout(30_000);
      return context.newPage();
    },
  };
}

/** Where a test file keeps its screenshots: `.tmp/web-tests/<name>/`. */
export function outputFolder(name: string): string {
  const dir = join(REPO_ROOT, '.tmp', 'web-tests', name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The checks every page gets: axe finds no serious or critical violation, and a full-page
 * screenshot is kept (at the 1366×768 of the advisers' PCs) to look at.
 */
export async function checkPage(page: Page, folder: string, name: string): Promise<void> {
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
}

/** axe finds no serious or critical violation (axe runs in the page: it needs JavaScript). */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const grave = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(grave, `axe sur ${name}`).toEqual([]);
}

/**
 * After a button that starts a long step: follows its progress page (`/travaux/…`) to the
 * result. The page's script opens the result once the step is over; when the step was over
 * before the page came, the page shows its outcome and the link « Voir le résultat » (« See the result »), which is
 * clicked. Returns the progress page's address.
 */
export async function followJob(page: Page, result: RegExp): Promise<string> {
  await page.waitForURL(/\/travaux\/[\w-]+$/);
  const progress = page.url();
  const link = page.getByRole('link', { name: /^(Voir le résultat|See the result)$/ });
  await Promise.race([page.waitForURL(result), link.waitFor()]);
  if (!result.test(page.url())) await link.click();
  await page.waitForURL(result);
  return progress;
}
