import { test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { carry, enterAndSubmit, makeScene, oise } from './web-scene.js';

/*
 * Trimestres in English (`oise ui --lang en`): the region's board and a cercle's review with its
 * decision and a refusal in English, then national's review of the region by its cercles and one
 * cercle's communes. What comes from the packages (indicator labels, communes, the workflow's
 * messages) stays French. Screenshots (axe clean) under .tmp/web-tests/web-trimestres-en/.
 */
const folder = outputFolder('web-trimestres-en');
const { newPage } = useChromium();

const PASS = /Passage \(démarrage\)|Pass \(start-up\)/;
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

describe('Trimestres in English', () => {
  test('the CSR’s board and review, and national’s review by cercles, in English', async ({ tmp }) => {
    const scene = await makeScene(tmp);
    await enterAndSubmit(scene, tmp);
    await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);

    const region = await startUi(scene.region, ['--lang', 'en']);
    try {
      await region.waitForOutput(PASS);
      const page = await newPage();
      await page.goto(`${region.url}/trimestres`);
      await h1(page, 'Quarters');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const board = page.getByRole('table', { name: 'Cercles × quarters: state, reception, completeness' });
      expect(await board.locator('thead th').first().innerText()).toBe('Cercle');
      const row = board.locator('tbody tr', { has: page.getByRole('rowheader', { name: /Barouéli/ }) });
      expect(await row.innerText()).toMatch(
        /submitted.*received on 10 April 2025 at 09:00, on time.*2 \/ 5 communes/s,
      );
      await page.getByRole('button', { name: 'Show', exact: true }).waitFor();
      await checkPage(page, folder, 'region-board-en');

      await page.getByRole('link', { name: 'submitted — review the 1st quarter 2025 of Barouéli' }).click();
      await h1(page, 'Barouéli (ML0401) — 1st quarter 2025');
      expect(await page.getByRole('term').allInnerTexts()).toEqual(
        expect.arrayContaining(['State', 'Reception', 'Due date', 'Completeness']),
      );
      const health = page.getByRole('table', { name: 'Santé' });
      expect(await health.locator('thead th').allInnerTexts()).toEqual(
        expect.arrayContaining(['Indicator', 'Commune', '1st quarter 2025 (in review)', 'Check']),
      );
      expect(
        await health
          .getByRole('row', { name: /Nombre de CSCOM.*Baraoueli/ })
          .locator('td')
          .allInnerTexts(),
      ).toContain('4');
      await page.getByRole('heading', { level: 2, name: 'Completeness by commune' }).waitFor();
      await page.getByRole('textbox', { name: "CSR's note" }).waitFor();
      await checkPage(page, folder, 'region-review-en');

      // « Return » without a reason: refused in English, nothing written.
      await page.getByRole('button', { name: 'Return', exact: true }).click();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /^The reason is required: write in « Reason »/,
      );
      await checkPage(page, folder, 'region-return-without-reason-en');

      await page.getByRole('button', { name: 'Validate', exact: true }).click();
      await page.getByRole('status').filter({ hasText: 'Quarter validated.' }).waitFor();
      expect(await page.getByRole('definition').first().innerText()).toMatch(/^validated/);

      const unknown = await page.goto(`${region.url}/trimestres/ML0401/2025Q1?domaine=meteo`);
      expect(unknown?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Unknown domain');
    } finally {
      expect(await region.stop()).toBe(0);
    }

    await oise(['quarter', 'submit', '--dir', scene.region, '--quarter', '2025Q1']);
    await oise(['export', '--dir', scene.region]);
    await carry(scene.outbox(scene.region, 'ML'), scene.national);
    const national = await startUi(scene.national, ['--lang', 'en']);
    try {
      await national.waitForOutput(PASS);
      const page = await newPage();
      await page.goto(`${national.url}/trimestres/ML04/2025Q1`);
      await h1(page, 'Ségou (ML04) — 1st quarter 2025');
      const cercles = page.getByRole('table', { name: /^Completeness, entries missing and unusual values/ });
      expect(await cercles.locator('thead th').allInnerTexts()).toEqual([
        'Cercle',
        'Communes with values',
        'Entries missing',
        'Unusual values',
        "CSR's note",
        'Communes',
      ]);
      expect(await cercles.getByRole('row', { name: /Barouéli \(ML0401\)/ }).innerText()).toMatch(
        /2 \/ 5 communes\s+\d+ of \d+/,
      );
      await page.getByRole('heading', { level: 2, name: "The cercles' figures" }).waitFor();
      await checkPage(page, folder, 'national-review-cercles-en');
      await cercles.getByRole('link', { name: 'Communes of Barouéli' }).click();
      await h1(page, 'Communes of Barouéli — Ségou (ML04) — 1st quarter 2025');
      await page.getByRole('link', { name: 'Back to the cercles of Ségou' }).waitFor();
      await checkPage(page, folder, 'national-review-communes-en');
    } finally {
      expect(await national.stop()).toBe(0);
    }
  });
});
