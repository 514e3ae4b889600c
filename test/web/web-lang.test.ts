import { join } from 'node:path';
import { test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { makeScene, oise } from './web-scene.js';

/*
 * The pages in English, as a setting: a real `oise ui --lang en` on a cercle made by the command
 * line shows English headings, buttons and messages (`<html lang="en">`, axe clean), while what
 * comes from the packages (indicator labels, communes, entry's checks) stays French; the layout's
 * switch turns a page French and back, remembered across pages; the node's `web.langue` setting
 * gives English to a process started without `--lang`.
 */
const folder = outputFolder('web-lang');
const { newPage } = useChromium();

const CSCOM = 'Nombre de CSCOM';

const htmlLang = (page: Page) => page.locator('html').getAttribute('lang');
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();

describe('the pages in English', () => {
  test('oise ui --lang en: English pages, the switch to French and back, then web.langue', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    const ui = await startUi(scene.cercle, ['--lang', 'en']);
    try {
      await ui.waitForOutput(/Pass \(start-up\)/);
      const page = await newPage();

      // Home: the frame, the menu, the quarter and « Submit the quarter ».
      await page.goto(`${ui.url}/`);
      await h1(page, 'Home');
      expect(await htmlLang(page)).toBe('en');
      expect(await page.title()).toBe('Home — OISE ML0401');
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual([
        'Home',
        'Dashboard',
        'Data entry',
        'Lists',
        'Bundles',
        'Reports',
        'Settings',
      ]);
      await page.getByRole('heading', { level: 2, name: '1st quarter 2025' }).waitFor();
      expect(await page.getByRole('term').allInnerTexts()).toContain('To submit by');
      expect(await page.getByText('15 April 2025', { exact: true }).count()).toBe(1);
      await page.getByRole('button', { name: 'Show', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Submit the quarter' }).waitFor();
      expect(await page.getByRole('contentinfo').innerText()).toBe(
        'OISE · cercle node ML0401 · page of 10 April 2025 at 09:00 (Bamako time)',
      );
      await checkPage(page, folder, 'accueil-en');

      // Data entry: English words around the catalog's French labels; a refusal says its state in
      // English and entry's own (French) reason.
      await nav.getByRole('link', { name: 'Data entry' }).click();
      await h1(page, 'Data entry — 1st quarter 2025');
      await page.locator('form[data-ready="true"]').waitFor();
      await page.getByRole('button', { name: 'Save the grid' }).waitFor();
      expect(await page.getByRole('columnheader', { name: 'Commune' }).count()).toBe(1);
      const cscom = page.getByLabel(`${CSCOM} — Baraoueli`, { exact: true });
      await cscom.fill('12 personnes');
      await cscom.press('Tab');
      const said = page.locator(`[id="m-${await cscom.getAttribute('id')}"]`);
      await expect.poll(() => said.textContent()).toMatch(/^refused, not saved: /);
      expect(await said.textContent()).toMatch(/12 personnes/);
      await checkPage(page, folder, 'saisie-en');

      // Lists, the workbook and import page, Reports.
      await nav.getByRole('link', { name: 'Lists' }).click();
      await h1(page, "The cercle's lists — 1st quarter 2025");
      const lists = page.getByRole('table', { name: "The cercle's lists and their number of entries" });
      expect(await lists.getByRole('row').first().innerText()).toBe('List\tEntries\tPeriod');
      await lists.getByRole('link', { name: 'Élus locaux' }).click();
      await page.getByRole('link', { name: 'Add to the list "Élus locaux"' }).click();
      await page.getByRole('button', { name: 'Save the entry' }).click();
      await page.getByRole('heading', { level: 2, name: 'The entry was not saved' }).waitFor();
      await checkPage(page, folder, 'listes-refus-en');

      await page.goto(`${ui.url}/saisie/import`);
      await h1(page, 'Workbook and import — 1st quarter 2025');
      await page.getByRole('link', { name: 'Download the entry workbook' }).waitFor();
      await page.getByLabel('Check only (nothing is saved)').waitFor();
      await checkPage(page, folder, 'import-en');

      await nav.getByRole('link', { name: 'Reports' }).click();
      await h1(page, 'Reports');
      await page.getByRole('button', { name: 'Write the reports' }).waitFor();
      await checkPage(page, folder, 'rapports-en');

      // A page that does not exist, and a bad quarter: the refusals are English too.
      const missing = await page.goto(`${ui.url}/nulle-part`);
      expect(missing?.status()).toBe(404);
      expect(await htmlLang(page)).toBe('en');
      await h1(page, 'Page not found');
      const badQuarter = await page.goto(`${ui.url}/?trimestre=2025Q9`);
      expect(badQuarter?.status()).toBe(400);
      await h1(page, 'Unknown quarter');
      await checkPage(page, folder, 'refus-en');

      // The switch: French for this browser, remembered from page to page, then English again.
      await page.goto(`${ui.url}/listes?trimestre=2025Q1`);
      await page.getByRole('link', { name: 'Afficher les pages en français' }).click();
      await h1(page, 'Listes du cercle — 1er trimestre 2025');
      expect(await htmlLang(page)).toBe('fr');
      expect(page.url()).toBe(`${ui.url}/listes?trimestre=2025Q1`);
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Accueil' })
        .click();
      await h1(page, 'Accueil');
      await page.getByRole('button', { name: 'Transmettre le trimestre' }).waitFor();
      await checkPage(page, folder, 'accueil-fr');
      const cookie = (await page.context().cookies()).find((c) => c.name === 'oise_lang');
      expect(cookie).toMatchObject({ value: 'fr', httpOnly: true, sameSite: 'Strict' });
      // Another browser still gets the process's English.
      const other = await newPage();
      await other.goto(`${ui.url}/`);
      await h1(other, 'Home');
      await other.context().close();
      await page.getByRole('link', { name: 'Show the pages in English' }).click();
      await h1(page, 'Home');
      await page.goto(`${ui.url}/saisie`);
      await h1(page, 'Data entry — 1st quarter 2025');

      // A long step in English: « Submit the quarter », its progress page, then its result.
      await page.goto(`${ui.url}/`);
      await page.getByRole('button', { name: 'Submit the quarter' }).click();
      await page.waitForURL(/\/travaux\/[\w-]+$/);
      expect(await page.title()).toBe('Submission of the 1st quarter 2025 — OISE ML0401');
      const result = page.getByRole('link', { name: 'See the result' });
      await Promise.race([page.waitForURL(/\/\?trimestre=2025Q1&transmission=/), result.waitFor()]);
      if (!page.url().includes('transmission=')) await result.click();
      await page.waitForURL(/\/\?trimestre=2025Q1&transmission=/);
      await page.getByText(/^1st quarter 2025 submitted \(submission no\. 1\)/).waitFor();
      expect(await page.locator('.state-submitted').first().innerText()).toBe('submitted');
      await checkPage(page, folder, 'transmis-en');
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });

  test("without --lang, the node's web.langue setting gives English", async ({ tmp }) => {
    const dir = join(tmp, 'ML0401');
    await oise(['init', '--dir', dir, '--level', 'cercle', '--code', 'ML0401']);
    await oise(['settings', '--dir', dir, 'web.langue', 'en']);
    const ui = await startUi(dir);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/reglages/noeud`);
      expect(await htmlLang(page)).toBe('en');
      expect(await page.getByLabel('Default language of the pages (fr or en)').inputValue()).toBe('en');
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });
});
