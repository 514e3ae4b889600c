import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withNode } from '@oise/node';
import { test } from '@oise/testkit';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, expectAccessible, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { makeScene, oise, queried } from './web-scene.js';

/*
 * The cercle's *Saisie* in Chromium, on a real cercle node made by the command line: values
 * typed with the keyboard alone, checked as an import checks them, stored (read back with
 * `oise query`), and the same grid without JavaScript, saved as one form.
 */
const folder = outputFolder('web-saisie');
const { newPage } = useChromium();

/**
 * A page shown without JavaScript: its screenshot, then axe (which needs JavaScript) on the very
 * HTML the server sent, loaded into a page of the same address that runs scripts.
 */
async function checkScriptless(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: true });
  const twin = await newPage();
  await twin.goto(page.url());
  await twin.setContent(await page.content());
  await expectAccessible(twin, name);
  await twin.context().close();
}

/** What a screen reader reads after a cell's name: the texts its `aria-describedby` points to. */
async function description(cell: Locator): Promise<string> {
  const ids = ((await cell.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts: string[] = [];
  for (const id of ids) texts.push(((await cell.page().locator(`[id="${id}"]`).textContent()) ?? '').trim());
  return texts.filter(Boolean).join(' | ');
}

/** The name (label) of the focused element, to follow the keyboard's moves (run in the page). */
const focused = (page: Page): Promise<string> =>
  page.evaluate("document.activeElement?.labels?.[0]?.textContent ?? document.activeElement?.tagName ?? ''");

const CSCOM = 'Nombre de CSCOM';
const FONCT = 'Nombre de CSCOM fonctionnels';
const CONSULT = 'Nombre de consultations curatives';

describe('Saisie: the cercle enters its quarter in the browser', () => {
  test('typed with the keyboard alone: « 12 personnes » and a part above its whole refused with their messages, fixed, stored', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    // Last quarter's figures, entered by the command line: the grid shows them beside the cells.
    const last = join(tmp, 'saisie-2024Q4.csv');
    writeFileSync(
      last,
      [
        'code_collectivite;code_indicateur;periode;categorie;valeur',
        'ML040101;SAN_CSCOM;2024Q4;;3',
        'ML040101;SAN_CONSULT_CURATIVES;2024Q4;;1150',
      ].join('\n'),
    );
    await oise(['import', '--dir', scene.cercle, last]);

    const ui = await startUi(scene.cercle);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/`);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual([
        'Accueil',
        'Tableau de bord',
        'Saisie',
        'Listes',
        'Paquets',
        'Rapports',
        'Réglages',
      ]);
      await nav.getByRole('link', { name: 'Saisie' }).click();
      await page.getByRole('heading', { level: 1, name: 'Saisie — 1er trimestre 2025' }).waitFor();
      expect(await page.title()).toBe('Saisie — Santé — 1er trimestre 2025 — OISE ML0401');
      const domains = page.getByRole('navigation', { name: 'Domaines' });
      expect(await domains.getByRole('link', { name: 'Santé' }).getAttribute('aria-current')).toBe('page');

      // The unit, the bounds and last quarter's figure are read with the cell.
      const cscom = page.getByLabel(`${CSCOM} — Baraoueli`, { exact: true });
      expect(await description(cscom)).toBe('nombre entier · de 0 à 30 | 4e trimestre 2024 : 3');
      expect(await description(page.getByLabel(`${FONCT} — Baraoueli`, { exact: true }))).toBe(
        'nombre entier · de 0 à 30 · partie de « Nombre de CSCOM » | 4e trimestre 2024 : —',
      );

      // Keyboard only: Tab into the grid, type, Enter down the communes, arrows across.
      await page.getByRole('button', { name: 'Afficher le trimestre' }).focus();
      for (let i = 0; i < 25 && (await focused(page)) !== `${CSCOM} — Baraoueli`; i++)
        await page.keyboard.press('Tab');
      expect(await focused(page)).toBe(`${CSCOM} — Baraoueli`);
      await page.keyboard.type('4');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe(`${CSCOM} — Konobougou`);
      await page.keyboard.type('2');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toBe(`${FONCT} — Baraoueli`);
      await page.keyboard.type('5');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toBe('Nombre de personnels de santé qualifiés — Baraoueli');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
      expect(await focused(page)).toBe(`${CONSULT} — Baraoueli`);
      await page.keyboard.type('12 personnes');
      await page.keyboard.press('Enter');
      expect(await focused(page)).toBe(`${CONSULT} — Konobougou`);

      const consult = page.getByLabel(`${CONSULT} — Baraoueli`, { exact: true });
      const fonct = page.getByLabel(`${FONCT} — Baraoueli`, { exact: true });
      await expect.poll(() => description(consult)).toContain('refusé, non enregistré');
      expect(await description(consult)).toBe(
        "nombre entier · de 0 à 50 000 | 4e trimestre 2024 : 1150 | refusé, non enregistré : « 12 personnes » n'est pas un nombre : écrivez un nombre entier sans lettres, par exemple 12.",
      );
      expect(await consult.getAttribute('aria-invalid')).toBe('true');
      await expect.poll(() => description(fonct)).toContain('refusé');
      expect(await description(fonct)).toContain(
        '« Nombre de CSCOM fonctionnels » vaut 5, plus que « Nombre de CSCOM » (4) dont il fait partie',
      );
      await expect.poll(() => description(cscom)).toContain('enregistré');
      expect(await description(page.getByLabel(`${CSCOM} — Konobougou`, { exact: true }))).toMatch(
        /\| enregistré$/,
      );
      // Said to screen readers too, in the live region.
      expect(await page.locator('#saisie-annonce').innerText()).toContain(`${CONSULT} — Baraoueli : refusé`);
      await checkPage(page, folder, 'saisie-refus');

      // Fixing them: back up with the arrows, the text is selected on arrival and typing replaces it.
      await page.keyboard.press('ArrowUp');
      expect(await focused(page)).toBe(`${CONSULT} — Baraoueli`);
      await page.keyboard.type('1 234');
      await page.keyboard.press('Shift+Tab');
      for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowLeft');
      expect(await focused(page)).toBe(`${FONCT} — Baraoueli`);
      await page.keyboard.type('3');
      await page.keyboard.press('Enter');
      await expect.poll(() => description(fonct)).toMatch(/\| enregistré$/);
      await expect.poll(() => description(consult)).toMatch(/\| enregistré$/);
      // The figure as stored, typed back without the thousands space.
      expect(await consult.inputValue()).toBe('1234');
      await checkPage(page, folder, 'saisie-corrige');

      // Reloaded: what the node stored.
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Saisie — 1er trimestre 2025' }).waitFor();
      expect(await cscom.inputValue()).toBe('4');
      expect(await page.getByLabel(`${CSCOM} — Konobougou`, { exact: true }).inputValue()).toBe('2');
      expect(await fonct.inputValue()).toBe('3');
      expect(await consult.inputValue()).toBe('1234');

      // The page's whole weight in scripts and styles stays small (≤ 400 KB).
      const assets = (await page.evaluate(
        "[...document.querySelectorAll('link[rel=stylesheet], script[src]')].map((e) => e.href || e.src)",
      )) as string[];
      expect(assets.map((a) => new URL(a).pathname).sort()).toEqual([
        '/static/oise.css',
        '/static/saisie.js',
      ]);
      let bytes = 0;
      for (const a of assets) bytes += (await (await fetch(a)).arrayBuffer()).byteLength;
      expect(bytes).toBeLessThanOrEqual(400 * 1024);
    } finally {
      expect(await ui.stop()).toBe(0);
    }

    // In the database, as `oise query` reads it; journaled by the page (channel web, the node's code).
    expect(await queried(scene.cercle, 'SAN_CONSULT_CURATIVES', 'ML040101')).toBe(1234);
    expect(await queried(scene.cercle, 'SAN_CSCOM_FONCT', 'ML040101')).toBe(3);
    expect(await queried(scene.cercle, 'SAN_CSCOM', 'ML040106')).toBe(2);
    const journal = await withNode(scene.cercle, (node) =>
      node.db
        .selectFrom('journal')
        .select(['row_key', 'author', 'channel'])
        .where('channel', '=', 'web')
        .orderBy('id')
        .execute(),
    );
    expect(journal.map((j) => j.author)).toEqual(['ML0401', 'ML0401', 'ML0401', 'ML0401']);
  });

  test('without JavaScript the grid is one form; F + M = total is checked; a submitted quarter is read-only with its reason', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    const ui = await startUi(scene.cercle);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage({ javaScriptEnabled: false });
      await page.goto(`${ui.url}/saisie`);
      await page
        .getByRole('navigation', { name: 'Domaines' })
        .getByRole('link', { name: 'Éducation' })
        .click();
      await page.getByRole('heading', { level: 2, name: 'Éducation' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/saisie/2025Q1/education');
      const pupils = "Nombre d'élèves inscrits au premier cycle du fondamental";
      const teachers = "Nombre d'enseignants";
      await page.getByLabel(`${pupils} (filles) — Baraoueli`, { exact: true }).fill('410');
      await page.getByLabel(`${pupils} (garçons) — Baraoueli`, { exact: true }).fill('395');
      await page.getByLabel(`${pupils} — Baraoueli`, { exact: true }).fill('805');
      await page.getByLabel(`${teachers} (femmes) — Tamani`, { exact: true }).fill('4');
      await page.getByLabel(`${teachers} (hommes) — Tamani`, { exact: true }).fill('9');
      await page.getByLabel(`${teachers} — Tamani`, { exact: true }).fill('12');
      await page.getByRole('button', { name: 'Enregistrer la grille' }).click();

      const result = page.getByRole('alert').filter({ hasText: "Résultat de l'enregistrement" });
      await result.waitFor();
      expect(await result.innerText()).toContain('3 valeurs enregistrées, 3 refusées (non enregistrées).');
      await result.getByRole('link', { name: `${teachers} — Tamani` }).waitFor();
      const total = page.getByLabel(`${teachers} — Tamani`, { exact: true });
      expect(await total.inputValue()).toBe('12');
      expect(await description(total)).toContain(
        "refusé, non enregistré : « Nombre d'enseignants » : F (4) + M (9) = 13, mais le total vaut 12",
      );
      await checkScriptless(page, 'saisie-sans-script');

      await total.fill('13');
      await page.getByRole('button', { name: 'Enregistrer la grille' }).click();
      const saved = page.getByRole('status').filter({ hasText: "Résultat de l'enregistrement" });
      await saved.waitFor();
      expect(await saved.innerText()).toContain('3 valeurs enregistrées.');
      expect(await queried(scene.cercle, 'EDU_ENSEIGNANTS', 'ML040112')).toBe(13);
      expect(await queried(scene.cercle, 'EDU_ELEVES_INSCRITS', 'ML040101', { category: 'F' })).toBe(410);

      // Submitted: every cell read-only, the reason said once above the grid and with each cell.
      await oise(['quarter', 'submit', '--dir', scene.cercle, '--quarter', '2025Q1']);
      await page.goto(`${ui.url}/saisie/2025Q1/education`);
      await page.getByRole('heading', { level: 2, name: 'Éducation' }).waitFor();
      const cell = page.getByLabel(`${pupils} (filles) — Baraoueli`, { exact: true });
      expect(await cell.inputValue()).toBe('410');
      expect(await cell.getAttribute('readonly')).not.toBeNull();
      expect(await description(cell)).toMatch(
        /Cases en lecture seule : Le trimestre 2025T1 de ML0401 a été transmis/,
      );
      expect(await page.getByRole('button', { name: 'Enregistrer la grille' }).count()).toBe(0);
      await checkScriptless(page, 'saisie-verrouillee');

      // The cell endpoint says the same to a script.
      const token = await page.locator('input[name="_csrf"]').inputValue();
      const cookies = await page.context().cookies();
      const answer = await fetch(`${ui.url}/saisie/cellule`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': token,
          cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        },
        body: JSON.stringify({
          trimestre: '2025Q1',
          commune: 'ML040101',
          indicateur: 'EDU_ENSEIGNANTS',
          categorie: 'F',
          valeur: '7',
        }),
      });
      expect(answer.status).toBe(200);
      const json = (await answer.json()) as { state: string; message: string };
      expect(json.state).toBe('locked');
      expect(json.message).toMatch(
        /^verrouillé, non enregistré : Le 1er trimestre 2025 de .+ a été transmis/,
      );
    } finally {
      expect(await ui.stop()).toBe(0);
    }
    expect(await queried(scene.cercle, 'EDU_ENSEIGNANTS', 'ML040101', { category: 'F' })).toBeNull();
  });
});
