import { join } from 'node:path';
import { OFFICIALS, listRecords } from '@oise/entry';
import { withNode } from '@oise/node';
import { test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { figureIn } from '../workbook-figures.js';
import { checkPage, followJob, outputFolder, useChromium } from './browser.js';
import { type UiProcess, startUi } from './web-process.js';
import { SCENE_NOW, makeScene, queried } from './web-scene.js';

/*
 * A whole quarter through the pages alone (issue 14): three real node folders (national ML,
 * region ML04, cercle ML0401) made by the command line, then only Chromium. The CCC types its
 * figures with the keyboard, adds an elected official, submits and downloads its package; the
 * CSR drops it, writes a note and returns the quarter; the CCC reads the reason, corrects and
 * submits again; the CSR validates; national receives, consolidates, publishes, and the figure
 * typed at the cercle is in the national workbook, read back with exceljs. Every page leaves a
 * screenshot under .tmp/web-tests/web-quarter/ and passes axe.
 */
const folder = outputFolder('web-quarter');
const { newPage } = useChromium();

const CSCOM = 'Nombre de CSCOM';
const FONCT = 'Nombre de CSCOM fonctionnels';
const CONSULT = 'Nombre de consultations curatives';
const NOTE = 'Bonne saisie dans l’ensemble ; les consultations de Baraoueli sont à revoir.';
const REASON = 'Les consultations curatives de Baraoueli ont un chiffre de trop : corrigez-les.';

/** The name (label) of the focused element, to follow the keyboard. */
const focused = (page: Page): Promise<string> =>
  page.evaluate(
    "document.activeElement?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.textContent?.trim() ?? ''",
  );

/** Tab (forward) until the element whose label starts with `label` has the focus. */
async function tabTo(page: Page, label: string, max = 60): Promise<void> {
  for (let i = 0; i < max && !(await focused(page)).startsWith(label); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(new RegExp(`^${label.replace(/[()]/g, '\\$&')}`));
}

/** What a screen reader reads after an entry cell's name (its `aria-describedby`). */
async function description(page: Page, label: string): Promise<string> {
  const cell = page.getByLabel(label, { exact: true });
  const ids = ((await cell.getAttribute('aria-describedby')) ?? '').split(/\s+/).filter(Boolean);
  const texts: string[] = [];
  for (const id of ids) texts.push(((await page.locator(`[id="${id}"]`).textContent()) ?? '').trim());
  return texts.filter(Boolean).join(' | ');
}

/** Types `text` into an entry cell reached with the keyboard, and leaves it with Tab (it saves). */
async function typeCell(page: Page, label: string, text: string): Promise<void> {
  await page.getByLabel(label, { exact: true }).focus();
  expect(await focused(page)).toBe(label);
  // What was there is replaced, as on arriving in a cell with Tab or the arrows.
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
}

/**
 * Every package waiting in Paquets for `recipient`, downloaded as the user would before carrying
 * them on a USB key (the neighbour recognises those it already has).
 */
async function downloadPackages(page: Page, url: string, recipient: string, tmp: string): Promise<string[]> {
  await page.goto(`${url}/paquets`);
  const waiting = page.getByRole('region', { name: 'À envoyer' });
  const links = waiting.getByRole('link', {
    name: new RegExp(`^Télécharger .*-${recipient}-\\d+\\.oise\\.gz$`),
  });
  expect(await links.count()).toBeGreaterThan(0);
  const files: string[] = [];
  for (const link of await links.all()) {
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const file = join(tmp, 'cle-usb', download.suggestedFilename());
    await download.saveAs(file);
    files.push(file);
  }
  return files;
}

/** « Déposer des paquets » on the Paquets page, then each file's verdict. */
async function dropPackages(page: Page, url: string, files: string[]): Promise<string> {
  await page.goto(`${url}/paquets`);
  await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles(files);
  await page.getByRole('button', { name: 'Déposer des paquets' }).click();
  await followJob(page, /\/paquets\/resultat\//);
  const results = page.getByRole('region', { name: 'Résultat du dépôt' });
  await results.waitFor();
  return results.innerText();
}

/** The text of the definition that follows the term `term` in the page's fact lists. */
async function fact(page: Page, term: string): Promise<string> {
  return page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').innerText();
}

/** The board's cell of a unit for a quarter (its link reads « <status> — revoir le <quarter> de <unit> »). */
function boardLink(page: Page, status: string, unitName: string) {
  return page.getByRole('link', { name: `${status} — revoir le 1er trimestre 2025 de ${unitName}` });
}

/** Runs `body` with the node's pages open, then stops them cleanly. */
async function withPages(dir: string, body: (ui: UiProcess, page: Page) => Promise<void>): Promise<void> {
  const ui = await startUi(dir);
  try {
    await ui.waitForOutput(/Passage \(démarrage\)/);
    const page = await newPage();
    await body(ui, page);
    await page.context().close();
  } finally {
    expect(await ui.stop()).toBe(0);
  }
}

describe('a whole quarter through the pages alone', () => {
  test('CCC, CSR and national: entry, official, submission, return with a reason, correction, validation, consolidation, publication', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    let up1: string[] = [];
    let down1: string[] = [];
    let up2: string[] = [];
    let toNational: string[] = [];

    // 1–2. The CCC types its figures, adds an elected official, submits and downloads the package.
    await withPages(scene.cercle, async (ui, page) => {
      await page.goto(`${ui.url}/`);
      await checkPage(page, folder, '01-cercle-accueil');
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Saisie' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Saisie — 1er trimestre 2025' }).waitFor();

      await typeCell(page, `${CSCOM} — Baraoueli`, '4');
      await typeCell(page, `${FONCT} — Baraoueli`, '5');
      await typeCell(page, `${CONSULT} — Baraoueli`, '12 personnes');
      await typeCell(page, `${CONSULT} — Konobougou`, '640');
      await expect
        .poll(() => description(page, `${CONSULT} — Baraoueli`))
        .toContain("refusé, non enregistré : « 12 personnes » n'est pas un nombre");
      await expect
        .poll(() => description(page, `${FONCT} — Baraoueli`))
        .toContain('« Nombre de CSCOM fonctionnels » vaut 5, plus que « Nombre de CSCOM » (4)');
      await expect.poll(() => description(page, `${CONSULT} — Konobougou`)).toMatch(/\| enregistré$/);
      await checkPage(page, folder, '02-cercle-saisie-refus');

      // Fixed with the keyboard: the text is selected on arrival, typing replaces it.
      await typeCell(page, `${FONCT} — Baraoueli`, '3');
      await typeCell(page, `${CONSULT} — Baraoueli`, '12500');
      await expect.poll(() => description(page, `${FONCT} — Baraoueli`)).toMatch(/\| enregistré$/);
      await expect.poll(() => description(page, `${CONSULT} — Baraoueli`)).toMatch(/enregistré/);
      await checkPage(page, folder, '03-cercle-saisie-corrige');

      // An elected official, through Listes, with the keyboard.
      await page.goto(`${ui.url}/listes/elus?trimestre=2025Q1`);
      await page.getByRole('heading', { level: 1, name: 'Élus locaux — 1er trimestre 2025' }).waitFor();
      await tabTo(page, 'Ajouter');
      await page.keyboard.press('Enter');
      await page
        .getByRole('heading', { level: 1, name: 'Ajouter — Élus locaux — 1er trimestre 2025' })
        .waitFor();
      for (const [label, text] of [
        ['Collectivité', 'Baraoueli'],
        ['Nom et prénom', 'Awa Traoré'],
        ['Fonction', 'Maire'],
        ['Sexe', 'F'],
        ['Année de naissance', '1975'],
        ['Scolarité', 'Secondaire'],
        ['Alphabétisé', 'oui'],
        ['Début du mandat', '2016'],
      ] as const) {
        await tabTo(page, label);
        await page.keyboard.type(text);
      }
      await checkPage(page, folder, '04-cercle-elu');
      await Promise.all([page.waitForURL(/\/listes\/elus/), page.keyboard.press('Enter')]);
      await page
        .getByRole('status', { name: 'Résultat' })
        .filter({ hasText: 'Entrée ajoutée : Awa Traoré.' })
        .waitFor();

      // « Transmettre le trimestre » from the Accueil.
      await page.goto(`${ui.url}/`);
      const panel = page.getByRole('region', { name: 'Transmettre le trimestre' });
      await panel.getByRole('button', { name: 'Transmettre le trimestre' }).click();
      await followJob(page, /\/\?/);
      await page.getByText(/1er trimestre 2025 transmis \(transmission n° 1\)/).waitFor();
      expect(await fact(page, 'État')).toMatch(/^transmis — transmission n° 1/);
      await checkPage(page, folder, '05-cercle-transmis');

      up1 = await downloadPackages(page, ui.url, 'ML04', tmp);
      await checkPage(page, folder, '06-cercle-paquets');
    });

    // 3. The CSR drops it, sees the cercle « reçu », writes a note and returns the quarter with a reason.
    await withPages(scene.region, async (ui, page) => {
      expect(await dropPackages(page, ui.url, up1)).toMatch(/appliqué/);
      await checkPage(page, folder, '07-region-depot');
      await page.goto(`${ui.url}/trimestres`);
      await page.getByRole('heading', { level: 1, name: 'Trimestres' }).waitFor();
      const cell = page.getByRole('cell', { name: /transmis — revoir le 1er trimestre 2025 de Barouéli/ });
      expect(await cell.innerText()).toMatch(/reçu le 10 avril 2025/);
      await checkPage(page, folder, '08-region-tableau');

      await boardLink(page, 'transmis', 'Barouéli').click();
      await page.getByRole('heading', { level: 1, name: 'Barouéli (ML0401) — 1er trimestre 2025' }).waitFor();
      const sante = page.getByRole('table', { name: 'Santé' });
      expect(
        await sante.getByRole('row', { name: /Nombre de consultations curatives.*Baraoueli/ }).innerText(),
      ).toMatch(/12\s?500/);
      await page.getByRole('textbox', { name: 'Note du CSR' }).fill(NOTE);
      await page.getByRole('button', { name: 'Enregistrer la note' }).click();
      await page.getByRole('status').filter({ hasText: 'Note du CSR enregistrée' }).waitFor();
      await page.getByLabel('Motif').fill(REASON);
      await page.getByRole('button', { name: 'Renvoyer' }).click();
      await page.getByRole('status').filter({ hasText: 'Trimestre renvoyé' }).waitFor();
      await checkPage(page, folder, '09-region-renvoi');

      await page.goto(`${ui.url}/trimestres`);
      expect(
        await page.getByRole('cell', { name: /revoir le 1er trimestre 2025 de Barouéli/ }).innerText(),
      ).toMatch(/^renvoyé/);
      down1 = await downloadPackages(page, ui.url, 'ML0401', tmp);
    });

    // 4. The CCC sees the reason and the note, corrects, and submits again.
    await withPages(scene.cercle, async (ui, page) => {
      expect(await dropPackages(page, ui.url, down1)).toMatch(/appliqué/);
      await page.goto(`${ui.url}/`);
      const decision = page.getByRole('region', { name: 'Décision de la région' });
      expect(await decision.innerText()).toContain(REASON);
      expect(await page.getByRole('region', { name: 'Note du CSR' }).innerText()).toContain(NOTE);
      expect(await fact(page, 'État')).toMatch(/^renvoyé/);
      await checkPage(page, folder, '10-cercle-renvoye');

      await page.goto(`${ui.url}/saisie`);
      await typeCell(page, `${CONSULT} — Baraoueli`, '1250');
      await expect.poll(() => description(page, `${CONSULT} — Baraoueli`)).toMatch(/\| enregistré$/);
      await checkPage(page, folder, '11-cercle-correction');

      await page.goto(`${ui.url}/`);
      await page
        .getByRole('region', { name: 'Transmettre le trimestre' })
        .getByRole('button', { name: 'Transmettre le trimestre' })
        .click();
      await followJob(page, /\/\?/);
      await page.getByText(/1er trimestre 2025 transmis \(transmission n° 2\)/).waitFor();
      up2 = await downloadPackages(page, ui.url, 'ML04', tmp);
    });

    // 5. The CSR validates; the package for national waits in the outbox.
    await withPages(scene.region, async (ui, page) => {
      expect(await dropPackages(page, ui.url, up2)).toMatch(/appliqué/);
      await page.goto(`${ui.url}/trimestres`);
      await boardLink(page, 'transmis', 'Barouéli').click();
      await page.getByRole('heading', { level: 1, name: 'Barouéli (ML0401) — 1er trimestre 2025' }).waitFor();
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByRole('status').filter({ hasText: 'Trimestre validé' }).waitFor();
      await checkPage(page, folder, '12-region-valide');
      toNational = await downloadPackages(page, ui.url, 'ML', tmp);
    });

    // 6. National receives (consolidated on arrival) and publishes; the workbook holds the figure typed in step 1.
    let workbook = '';
    await withPages(scene.national, async (ui, page) => {
      expect(await dropPackages(page, ui.url, toNational)).toMatch(/appliqué/);
      await page.goto(`${ui.url}/`);
      // The drop consolidated what it applied: nothing waits for « Consolider maintenant ».
      const state = page.getByRole('region', { name: 'État de la consolidation' });
      expect(await state.innerText()).toMatch(/^État de la consolidation\s+à jour/);
      await checkPage(page, folder, '13-national-accueil');

      await page.goto(`${ui.url}/rapports`);
      await page.getByLabel('Trimestre', { exact: true }).selectOption({ label: '1er trimestre 2025' });
      await page.getByRole('button', { name: 'Publier les rapports' }).click();
      await page.waitForURL(/\/rapports\/publication\/[\w-]+$/, { timeout: 120_000 });
      await page.getByRole('heading', { level: 1, name: 'Rapports du 1er trimestre 2025' }).waitFor();
      await checkPage(page, folder, '14-national-publication');

      await page.goto(`${ui.url}/rapports`);
      const name = 'rapport-national-ML-2025Q1.xlsx';
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page
          .getByRole('link', { name: `Télécharger ${name}` })
          .first()
          .click(),
      ]);
      workbook = join(tmp, name);
      await download.saveAs(workbook);
      await checkPage(page, folder, '15-national-rapports');
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(workbook);
    // Ségou's curative consultations: Baraoueli's corrected 1 250 and Konobougou's 640.
    expect(figureIn(wb, 'Régions côte à côte', 'ML04', 'SAN_CONSULT_CURATIVES')).toBe(1890);
    const value = await queried(scene.national, 'SAN_CONSULT_CURATIVES', 'ML04');
    expect(value).toBe(1890);
    // The official added at the cercle came up with the quarter.
    const officials = await withNode(scene.national, async (node) =>
      (
        await listRecords(node.db, { cercle: 'ML0401', kind: OFFICIALS, quarter: '2025Q1', now: SCENE_NOW })
      ).records.map((r) => [r.full_name, r.role]),
    );
    expect(officials).toEqual([['Awa Traoré', 'maire']]);
  }, 600_000);
});
