import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { REPO_ROOT } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

export { chromiumPath, launchChromium } from './chromium.js';

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
 * before the page came, the page shows its outcome and the link « Voir le résultat », which is
 * clicked. Returns the progress page's address.
 */
export async function followJob(page: Page, result: RegExp): Promise<string> {
  await page.waitForURL(/\/travaux\/[\w-]+$/);
  const progress = page.url();
  const link = page.getByRole('link', { name: 'Voir le résultat' });
  await Promise.race([page.waitForURL(result), link.waitFor()]);
  if (!result.test(page.url())) await link.click();
  await page.waitForURL(result);
  return progress;
}
