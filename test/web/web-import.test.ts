import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { withNode } from '@oise/node';
import { test, writeZipFile } from '@oise/testkit';
import ExcelJS from 'exceljs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { makeScene, queried } from './web-scene.js';

/*
 * The cercle's files in Chromium, on a real cercle node made by the command line: the entry
 * workbook downloaded, filled with exceljs, checked then imported through the page (findings as a
 * table, read back with `oise query`), a CSV, hostile files, the collection forms, and
 * « Transmettre le trimestre » from the Accueil.
 */
const folder = outputFolder('web-import');
const { newPage } = useChromium();

/** The entry cell of an indicator for a commune, found as a person reads the sheet (row 3: code · unit). */
function entryCell(ws: ExcelJS.Worksheet, commune: string, indicator: string): ExcelJS.Cell {
  let row = 0;
  ws.getColumn(1).eachCell((cell, r) => {
    if (cell.value === commune) row = r;
  });
  let column = 0;
  ws.getRow(3).eachCell((cell, c) => {
    if (String(cell.value ?? '').startsWith(`${indicator} ·`) && column === 0) column = c;
  });
  expect(row * column).toBeGreaterThan(0);
  return ws.getCell(row, column);
}

/** Uploads a file with one of the two choices; resolves on the result page (the job page goes there itself). */
async function upload(
  page: Page,
  url: string,
  file: string,
  choice: 'Vérifier seulement' | 'Importer les lignes valides',
) {
  await page.goto(`${url}/saisie/import?trimestre=2025Q1`);
  await page.getByLabel('Classeur ou fichier CSV rempli').setInputFiles(file);
  await page.getByLabel(new RegExp(`^${choice}`)).check();
  await page.getByRole('button', { name: 'Importer', exact: true }).click();
  const title = choice === 'Vérifier seulement' ? 'Résultat de la vérification' : "Résultat de l'import";
  await throughJob(page, page.getByRole('heading', { level: 1, name: title }));
}

/** From a long step's progress page to its result: it goes there by itself; a step already over when drawn offers the link. */
async function throughJob(page: Page, arrived: Locator): Promise<void> {
  const link = page.getByRole('link', { name: 'Voir le résultat' });
  await arrived.or(link).first().waitFor();
  if (await link.isVisible()) await link.click();
  await arrived.first().waitFor();
}

/** The findings table as rows of cell texts. */
async function findings(page: Page): Promise<string[][]> {
  const rows = page.getByRole('region', { name: 'Constats' }).locator('tbody tr');
  const out: string[][] = [];
  for (const row of await rows.all())
    out.push((await row.locator('td').allInnerTexts()).map((t) => t.trim()));
  return out;
}

async function fact(page: Page, term: string): Promise<string> {
  return page.locator('dt', { hasText: term }).first().locator('xpath=following-sibling::dd[1]').innerText();
}

const importFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith('oise-import-'));

describe('the cercle imports its workbook, downloads its forms and submits, in the browser', () => {
  test('workbook downloaded, filled, checked then imported; CSV; hostile files; fiches; « Transmettre le trimestre »', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    const ui = await startUi(scene.cercle);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();

      // From the Saisie page to the files of the quarter.
      await page.goto(`${ui.url}/saisie`);
      await page
        .getByRole('link', { name: /télécharger le classeur de saisie, importer un fichier rempli/ })
        .click();
      await page
        .getByRole('heading', { level: 1, name: 'Classeur et import — 1er trimestre 2025' })
        .waitFor();
      await checkPage(page, folder, 'import');

      // The entry workbook of the quarter, as `oise template` writes it.
      const download = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Télécharger le classeur de saisie' }).click();
      const got = await download;
      expect(got.suggestedFilename()).toBe('saisie-ML0401-2025T1.xlsx');
      const blank = join(tmp, 'classeur.xlsx');
      await got.saveAs(blank);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(blank);
      expect(wb.getWorksheet('_oise')?.state).toBe('veryHidden');
      const sante = wb.getWorksheet('Santé')!;
      entryCell(sante, 'ML040101', 'SAN_CSCOM').value = 4;
      entryCell(sante, 'ML040106', 'SAN_CSCOM').value = 99;
      const filled = join(tmp, 'saisie-rempli.xlsx');
      await wb.xlsx.writeFile(filled);

      // « Vérifier seulement »: the findings, nothing stored.
      await upload(page, ui.url, filled, 'Vérifier seulement');
      expect(await page.getByRole('status').innerText()).toMatch(
        /« saisie-rempli\.xlsx » : vérification seule, rien n'a été enregistré : 1 ligne serait enregistrée, 1 ligne refusée\./,
      );
      expect(await fact(page, 'Lignes lues')).toBe('2');
      expect(await fact(page, 'Lignes qui seraient enregistrées')).toBe('1');
      expect(await fact(page, 'Lignes refusées')).toBe('1');
      const checked = await findings(page);
      expect(checked).toHaveLength(1);
      expect(checked[0]!.slice(0, 4)).toEqual([
        'Santé',
        expect.stringMatching(/^\d+$/),
        expect.stringMatching(/^[A-Z]+$/),
        'refusé',
      ]);
      expect(checked[0]![4]).toMatch(
        /^99 est hors des bornes de « Nombre de CSCOM » \(de 0 à 30.*\) : corrigez la saisie\.$/,
      );
      await checkPage(page, folder, 'import-verification');
      expect(await queried(scene.cercle, 'SAN_CSCOM', 'ML040101')).toBeNull();

      // « Importer les lignes valides »: the good value stored, the refused one listed and not stored.
      await upload(page, ui.url, filled, 'Importer les lignes valides');
      expect(await page.getByRole('status').innerText()).toMatch(
        /1 ligne enregistrée, 1 ligne refusée ; \d+ changements? au journal\./,
      );
      expect(await fact(page, 'Lignes enregistrées')).toBe('1');
      expect((await findings(page)).map((r) => r[4])).toEqual([
        expect.stringMatching(/^99 est hors des bornes/),
      ]);
      await checkPage(page, folder, 'import-resultat');
      expect(await queried(scene.cercle, 'SAN_CSCOM', 'ML040101')).toBe(4);
      expect(await queried(scene.cercle, 'SAN_CSCOM', 'ML040106')).toBeNull();

      // A CSV of values.
      const csv = join(tmp, 'complement.csv');
      writeFileSync(
        csv,
        'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\nML040106;SAN_CSCOM;2025Q1;;2;\nML040101;SAN_CSCOM_FONCT;2025Q1;;3;\n',
      );
      await upload(page, ui.url, csv, 'Importer les lignes valides');
      expect(await fact(page, 'Lignes enregistrées')).toBe('2');
      expect(await page.getByRole('region', { name: 'Constats' }).innerText()).toContain('Aucun constat');
      expect(await queried(scene.cercle, 'SAN_CSCOM', 'ML040106')).toBe(2);
      expect(await queried(scene.cercle, 'SAN_CSCOM_FONCT', 'ML040101')).toBe(3);

      // Hostile files: a letter renamed .xlsx, a zip bomb, a file of another kind; a French message, nothing stored.
      const letter = join(tmp, 'lettre.xlsx');
      writeFileSync(letter, 'Monsieur le Préfet, veuillez trouver ci-joint…');
      await upload(page, ui.url, letter, 'Importer les lignes valides');
      expect(await page.getByRole('alert').innerText()).toMatch(
        /« lettre\.xlsx » : rien n'a été enregistré : aucune ligne valide/,
      );
      expect((await findings(page))[0]![4]).toMatch(/^Ce fichier n'est pas un classeur Excel lisible/);
      await checkPage(page, folder, 'import-pas-un-classeur');
      const bomb = join(tmp, 'bombe.xlsx');
      writeZipFile(bomb, [
        { name: '[Content_Types].xml', data: Buffer.alloc(16 * 1024 * 1024), declaredSize: 4096 },
        { name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') },
      ]);
      await upload(page, ui.url, bomb, 'Importer les lignes valides');
      expect((await findings(page))[0]![4]).toMatch(/^Ce classeur se décompresse en plus de 16 Mio/);
      const pdf = join(tmp, 'rapport.pdf');
      writeFileSync(pdf, '%PDF-1.4');
      await page.goto(`${ui.url}/saisie/import?trimestre=2025Q1`);
      await page.getByLabel('Classeur ou fichier CSV rempli').setInputFiles(pdf);
      await page.getByRole('button', { name: 'Importer', exact: true }).click();
      expect(await page.getByRole('alert').innerText()).toBe(
        "« rapport.pdf » n'est ni un classeur Excel (.xlsx) ni un fichier CSV (.csv, .tsv, .txt) : rien n'a été enregistré. Choisissez le classeur de saisie rempli ou un fichier CSV.",
      );
      await checkPage(page, folder, 'import-refuse');

      // Over 64 Mio: 413, nothing kept, nothing stored.
      const token = decodeURIComponent(
        /_csrf=([^"&]+)/.exec(
          (await page.locator('form[enctype="multipart/form-data"]').getAttribute('action')) ?? '',
        )?.[1] ?? '',
      );
      const cookies = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const big = new FormData();
      big.append('trimestre', '2025Q1');
      big.append('mode', 'importer');
      big.append('fichier', new Blob([Buffer.alloc(64 * 1024 * 1024 + 1, 0x41)]), 'enorme.csv');
      const over = await fetch(`${ui.url}/saisie/import?_csrf=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { cookie: cookies },
        body: big,
      });
      expect(over.status).toBe(413);
      expect(await over.text()).toContain(
        'dépasse la limite de 64 Mio : rien n&#39;a été gardé ni enregistré.',
      );
      expect(await queried(scene.cercle, 'SAN_CSCOM', 'ML040101')).toBe(4);
      expect(importFolders()).toEqual([]);
      const pdfForm = new FormData();
      pdfForm.append('trimestre', '2025Q1');
      pdfForm.append('mode', 'importer');
      pdfForm.append('fichier', new Blob([readFileSync(pdf)]), 'rapport.pdf');
      const notAFile = await fetch(`${ui.url}/saisie/import?_csrf=${encodeURIComponent(token)}`, {
        method: 'POST',
        headers: { cookie: cookies },
        body: pdfForm,
      });
      expect(notAFile.status).toBe(400);
      expect(importFolders()).toEqual([]);
      // A quarter that is not one, a result that does not exist: French refusals with their status.
      const badQuarter = await fetch(`${ui.url}/saisie/import/classeur/2025Q9`);
      expect(badQuarter.status).toBe(400);
      expect(await badQuarter.text()).toContain('« 2025Q9 » n&#39;est pas un trimestre');
      expect((await fetch(`${ui.url}/saisie/import/resultat/inconnu-1234`)).status).toBe(404);

      // The collection forms: a real workbook, one sheet per commune.
      await page.goto(`${ui.url}/saisie/import?trimestre=2025Q1`);
      const forms = page.waitForEvent('download');
      await page.getByRole('link', { name: 'Télécharger les fiches de collecte' }).click();
      const formsFile = join(tmp, 'fiches.xlsx');
      const gotForms = await forms;
      expect(gotForms.suggestedFilename()).toBe('fiches-collecte-ML0401-2025T1.xlsx');
      await gotForms.saveAs(formsFile);
      expect(readFileSync(formsFile).subarray(0, 2).toString()).toBe('PK');
      const fiches = new ExcelJS.Workbook();
      await fiches.xlsx.readFile(formsFile);
      expect(fiches.worksheets.map((w) => w.name)).toContain('Baraoueli');

      // « Transmettre le trimestre »: refused while a stored figure is blocking (a bound tightened since)…
      await withNode(scene.cercle, (node) =>
        node.db.updateTable('indicator').set({ max_value: 3 }).where('code', '=', 'SAN_CSCOM').execute(),
      );
      await page.goto(`${ui.url}/`);
      const panel = page.getByRole('region', { name: 'Transmettre le trimestre' });
      expect(await panel.getByRole('alert').innerText()).toMatch(
        /1 problème bloquant : la transmission est refusée tant qu'il reste\.[\s\S]*Baraoueli, Nombre de CSCOM : 4 est hors des bornes/,
      );
      expect(await panel.getByRole('button', { name: 'Transmettre le trimestre' }).count()).toBe(0);
      await checkPage(page, folder, 'accueil-bloque');
      const waitingBefore = scene.outbox(scene.cercle, 'ML04');
      const refused = await fetch(`${ui.url}/transmettre`, {
        method: 'POST',
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, trimestre: '2025Q1' }),
        redirect: 'manual',
      });
      expect(refused.status).toBe(303);
      await page.goto(`${ui.url}${refused.headers.get('location')}`);
      await throughJob(page, page.getByRole('heading', { level: 1, name: 'Accueil' }));
      expect(await panel.innerText()).toMatch(/Transmission refusée : 1 problème bloquant\./);
      expect(await fact(page, 'État')).toBe('ouvert');
      expect(scene.outbox(scene.cercle, 'ML04')).toEqual(waitingBefore);

      // … then transmitted once it is fixed: the package waits in the outbox.
      await withNode(scene.cercle, (node) =>
        node.db.updateTable('indicator').set({ max_value: 30 }).where('code', '=', 'SAN_CSCOM').execute(),
      );
      await page.goto(`${ui.url}/`);
      expect(await panel.innerText()).toContain('Aucun problème bloquant.');
      expect(await panel.innerText()).toMatch(/\d+ saisies manquantes sur \d+ attendues/);
      await checkPage(page, folder, 'accueil-transmettre');
      await panel.getByRole('button', { name: 'Transmettre le trimestre' }).click();
      await throughJob(page, page.getByText(/1er trimestre 2025 transmis \(transmission n° 1\)/));
      expect(await fact(page, 'État')).toMatch(/^transmis — transmission n° 1/);
      const added = scene.outbox(scene.cercle, 'ML04').filter((f) => !waitingBefore.includes(f));
      expect(added).toHaveLength(1);
      expect(added[0]).toMatch(/ML0401-ML04-\d+\.oise\.gz$/);
      expect(await panel.innerText()).toContain(
        `Le paquet pour ML04 (${basename(added[0]!)}) est dans la boîte d'envoi, prêt à télécharger dans Paquets`,
      );
      // Submitted: read-only until a return, and no second button.
      expect(await panel.innerText()).toContain(
        "Le trimestre 2025T1 de ML0401 est déjà transmis (transmission n° 1) : il ne peut être transmis de nouveau qu'après un renvoi de la région.",
      );
      expect(await panel.getByRole('button', { name: 'Transmettre le trimestre' }).count()).toBe(0);
      await checkPage(page, folder, 'accueil-transmis');
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });
});
