import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tryAcquireNodeLock } from '@oise/node';
import { test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { figureIn } from '../workbook-figures.js';
import { checkPage, followJob, outputFolder, useChromium } from './browser.js';
import { oiseWithInput, startUi } from './web-process.js';
import { SCENE_NOW, carry, makeScene, oise, quarterUpToRegion, queried } from './web-scene.js';

/*
 * National in the browser: the state of consolidation (what arrived since, then « à jour »),
 * « Consolider maintenant » and « Publier les rapports » as background steps with their
 * progress pages, the Rapports page and its downloads, and the « lecture » role refused.
 */
const folder = outputFolder('web-national');
const WORKBOOK = 'rapport-national-ML-2025Q1.xlsx';
const { newPage } = useChromium();

/** The cercle's figures of a quarter: two curative consultation figures and the CSCOM count. */
const quarterLines = (quarter: string, consultations: [number, number]) => [
  `ML040101;SAN_CONSULT_CURATIVES;${quarter};;${consultations[0]};`,
  `ML040106;SAN_CONSULT_CURATIVES;${quarter};;${consultations[1]};`,
  `ML040101;SAN_CSCOM;${quarter};;4;`,
];

/** Ségou's figure for the 1st quarter 2025 on the Tableau de bord's table, null when it shows none. */
async function segouOnDashboard(page: Page, origin: string): Promise<number | null> {
  await page.goto(`${origin}/tableau?indicateur=SAN_CONSULT_CURATIVES`);
  const table = page.getByRole('table', { name: /et ses collectivités, par période/ });
  const periods = await table.locator('thead th').allInnerTexts();
  const column = periods.indexOf('1er trimestre 2025');
  expect(column).toBeGreaterThan(0);
  const text = await table
    .locator('tbody tr[data-unit="ML04"] td')
    .nth(column - 1)
    .locator('.value')
    .innerText();
  return /aucun chiffre/.test(text) ? null : Number(text.replace(/\D/g, ''));
}

/** The text of the definition list, section or table a heading names. */
const section = (page: Page, name: string) => page.getByRole('region', { name });

/** A step's state as its progress page's script reads it (`/travaux/:id/etat`). */
async function jobState(page: Page, jobPath: string) {
  const res = await page.request.get(`${new URL(page.url()).origin}${jobPath}/etat`);
  expect(res.status()).toBe(200);
  return (await res.json()) as { state: string; done: number; total: number; step: string };
}

/** The main-frame addresses a page went through (a progress page opens its result by itself). */
function visited(page: Page): string[] {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(new URL(frame.url()).pathname);
  });
  return urls;
}

describe('national in the browser', () => {
  test('consolidation state, « Consolider maintenant », « Publier les rapports », Rapports and the national workbook', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    // The 4th quarter 2024 arrives by `oise ingest` (no consolidation), the 1st quarter 2025 by the pages' drop.
    const q4Bundles = await quarterUpToRegion(scene, tmp, '2024Q4', quarterLines('2024Q4', [1100, 300]));
    expect(q4Bundles.length).toBeGreaterThan(0);
    const upBundles = await quarterUpToRegion(scene, tmp, '2025Q1', quarterLines('2025Q1', [1250, 340]));
    expect(upBundles.length).toBeGreaterThan(q4Bundles.length);

    const ui = await startUi(scene.national);
    let downloaded = '';
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/`);
      const state = section(page, 'État de la consolidation');
      expect(await state.innerText()).toMatch(/à jour/);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual([
        'Accueil',
        'Tableau de bord',
        'Trimestres',
        'Paquets',
        'Rapports',
        'Réglages',
      ]);

      // `oise ingest` on the command line applies without consolidating: now something arrived since.
      await carry(q4Bundles, scene.national);
      await page.reload();
      expect(await state.innerText()).toMatch(
        /pas à jour\s+arrivé depuis la dernière consolidation : \d+ lignes/,
      );
      const barouéli = state.getByRole('row', { name: /Barouéli \(ML0401\)/ });
      expect((await barouéli.innerText()).split('\t').map((s) => s.trim())).toEqual([
        '4e trimestre 2024',
        'Barouéli (ML0401)',
        '3',
        '1',
        expect.stringMatching(/^\d+$/),
      ]);
      await checkPage(page, folder, 'national-accueil-arrive');

      // « Consolider maintenant »: its progress page, then « à jour ».
      const urls = visited(page);
      await state.getByRole('button', { name: 'Consolider maintenant' }).click();
      // The progress page opens the result by itself once done: the home page's state.
      await page.waitForURL(/\/#consolidation$/, { timeout: 60_000 });
      const consolidationPath = urls.find((u) => u.startsWith('/travaux/'))!;
      expect(consolidationPath).toMatch(/^\/travaux\/[\w-]+$/);
      const consolidation = await jobState(page, consolidationPath);
      expect(consolidation).toMatchObject({ state: 'done', done: 3, total: 3 });
      expect(consolidation.step).toMatch(
        /^Terminé : consolidation des changements : \d+ collectivités \(trimestres de \d{4}\) ; \d+ chiffres calculés — \d+ nouveaux/,
      );
      await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
      expect(await state.innerText()).toMatch(
        /^État de la consolidation\s+à jour les agrégats comptent tout/,
      );
      // Without its script, the progress page shows the outcome and the way to the result.
      await page.goto(`${ui.url}${consolidationPath}`);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Consolidation des agrégats');
      expect(await page.getByRole('status').innerText()).toMatch(/^Terminé : consolidation des changements/);
      await checkPage(page, folder, 'national-consolidation-termine');
      await page.getByRole('link', { name: 'Voir le résultat' }).click();
      await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
      await checkPage(page, folder, 'national-accueil-a-jour');

      // The pages' drop applies the region's 1st quarter 2025 and consolidates it at once:
      // the home page stays « à jour » and the dashboard shows the new figure, no click needed.
      expect(await segouOnDashboard(page, ui.url)).toBeNull();
      await nav.getByRole('link', { name: 'Paquets' }).click();
      await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles(upBundles);
      const dropUrls = visited(page);
      await page.getByRole('button', { name: 'Déposer des paquets' }).click();
      await followJob(page, /\/paquets\/resultat\//);
      await section(page, 'Résultat du dépôt').waitFor();
      expect(await section(page, 'Résultat du dépôt').innerText()).toMatch(/appliqué/);
      const dropPath = dropUrls.find((u) => u.startsWith('/travaux/'))!;
      expect((await jobState(page, dropPath)).state).toBe('done');
      await nav.getByRole('link', { name: 'Accueil' }).click();
      expect(await state.innerText()).toMatch(
        /^État de la consolidation\s+à jour les agrégats comptent tout/,
      );
      expect(await segouOnDashboard(page, ui.url)).toBe(1590);
      expect(await queried(scene.national, 'SAN_CONSULT_CURATIVES', 'ML04', { period: '2025Q1' })).toBe(1590);
      await checkPage(page, folder, 'national-tableau-apres-depot');

      // The Rapports page, nothing published yet.
      await nav.getByRole('link', { name: 'Rapports' }).click();
      await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
      expect(await page.getByText('Aucun rapport pour le moment').count()).toBe(1);
      await checkPage(page, folder, 'national-rapports-vide');
      await page.getByLabel('Trimestre', { exact: true }).selectOption({ label: '1er trimestre 2025' });

      // Two posts while a pass holds the node: one step, the same page for both.
      const token = await page.locator('form[action="/rapports/publier"] input[name="_csrf"]').inputValue();
      const lock = tryAcquireNodeLock(join(scene.national, 'node.lock'), SCENE_NOW);
      expect(lock).toBeDefined();
      let jobPath = '';
      try {
        const post = () =>
          page.request.post(`${ui.url}/rapports/publier`, {
            form: { _csrf: token, trimestre: '2025Q1' },
            maxRedirects: 0,
          });
        const [first, second] = [await post(), await post()];
        expect(first.status()).toBe(303);
        expect(second.status()).toBe(303);
        jobPath = first.headers().location ?? '';
        expect(jobPath).toMatch(/^\/travaux\/[\w-]+$/);
        expect(second.headers().location).toBe(jobPath);
        await page.goto(`${ui.url}${jobPath}`);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
          'Publication des rapports du 1er trimestre 2025',
        );
        expect(await page.getByRole('status').innerText()).toMatch(/en attente : un passage est en cours/);
        await checkPage(page, folder, 'national-publication-en-attente');
      } finally {
        lock?.release();
      }
      await page.waitForURL(/\/rapports\/publication\/[\w-]+$/, { timeout: 60_000 });
      const publication = await jobState(page, jobPath);
      expect(publication).toMatchObject({ state: 'done', done: 2, total: 2 });
      expect(publication.step).toMatch(
        /^Terminé : 2 classeurs écrits, \d+ fichiers, 1 paquet pour les régions\.$/,
      );

      // The result: what `oise report` prints, the files, the package for Ségou.
      await page.getByRole('heading', { level: 1, name: 'Rapports du 1er trimestre 2025' }).waitFor();
      const written = section(page, 'Rapports écrits');
      expect(await written.innerText()).toMatch(/Rapport national consolidé — Mali \(ML\) : complétude/);
      expect(await written.innerText()).toMatch(
        /Documents publiés : \d+ nouveaux, 0 mis à jour, 0 inchangé, 0 retiré\./,
      );
      // As `oise run` does, the public site is written again into the node's site/.
      expect(await written.innerText()).toMatch(/Site public réécrit : \d+ pages dans \S+site \(/);
      const siteHome = readFileSync(join(scene.national, 'site', 'index.html'), 'utf8');
      expect(siteHome).toContain('1er trimestre 2025');
      expect(siteHome).toContain('Ségou');
      expect(
        await section(page, 'Fichiers écrits')
          .getByRole('link', { name: `Télécharger ${WORKBOOK}` })
          .count(),
      ).toBe(1);
      expect(await section(page, 'Paquets pour les régions').getByRole('row', { name: /ML04/ }).count()).toBe(
        1,
      );
      await checkPage(page, folder, 'national-publication-resultat');

      // Rapports lists the workbook; its download holds the figure typed at the cercle.
      await page.getByRole('link', { name: 'Voir tous les rapports' }).click();
      const quarter = section(page, '1er trimestre 2025');
      const row = quarter.getByRole('row', { name: new RegExp(WORKBOOK) });
      expect(await row.innerText()).toMatch(
        /Rapport national consolidé\s+rapport-national-ML-2025Q1\.xlsx\s+publié ici/,
      );
      await checkPage(page, folder, 'national-rapports');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        row.getByRole('link', { name: `Télécharger ${WORKBOOK}` }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(WORKBOOK);
      downloaded = join(tmp, WORKBOOK);
      await download.saveAs(downloaded);

      const href = await row.getByRole('link', { name: `Télécharger ${WORKBOOK}` }).getAttribute('href');
      const direct = await page.request.get(`${ui.url}${href}`);
      expect(direct.headers()['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(direct.headers()['content-disposition']).toMatch(
        /^attachment; filename="rapport-national-ML-2025Q1\.xlsx"/,
      );

      // A forged key: 404 in French, whatever it names.
      for (const forged of [
        'fichier:../node.sqlite',
        'fichier:..%2Fnode.sqlite',
        'rapport:2025Q1:../../node.sqlite',
        'x',
      ]) {
        const res = await page.request.get(`${ui.url}/rapports/telecharger/${encodeURIComponent(forged)}`);
        expect(res.status(), forged).toBe(404);
        expect(await res.text()).toMatch(/Rapport introuvable.*parmi les rapports du nœud/s);
      }
      const unknownJob = await page.request.get(`${ui.url}/rapports/publication/inconnue123`);
      expect(unknownJob.status()).toBe(404);
    } finally {
      expect(await ui.stop()).toBe(0);
    }

    // The workbook's figure for Ségou is the one `oise query` gives: 1 250 + 340.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(downloaded);
    const value = await queried(scene.national, 'SAN_CONSULT_CURATIVES', 'ML04');
    expect(value).toBe(1590);
    expect(figureIn(wb, 'Régions côte à côte', 'ML04', 'SAN_CONSULT_CURATIVES')).toBe(value);

    // The DOWN package carries the documents to Ségou: its Rapports page lists the same workbook.
    await carry(scene.outbox(scene.national, 'ML04'), scene.region);
    const region = await startUi(scene.region);
    try {
      await region.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${region.url}/`);
      expect(await section(page, 'État de la consolidation').innerText()).toMatch(/à jour/);
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Rapports' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Rapports' }).waitFor();
      expect(await page.getByRole('button', { name: 'Écrire les rapports' }).count()).toBe(1);
      const row = section(page, '1er trimestre 2025').getByRole('row', { name: new RegExp(WORKBOOK) });
      expect(await row.innerText()).toMatch(
        /Rapport national consolidé\s+rapport-national-ML-2025Q1\.xlsx\s+reçu du national/,
      );
      // The CNO's synthesis came down with it, its workbook and its printable page, said as such.
      for (const [name, title] of [
        ['synthese-CNO-ML-2025Q1.xlsx', 'Synthèse pour le CNO'],
        ['synthese-CNO-ML-2025Q1.html', 'Synthèse pour le CNO : version à imprimer'],
      ]) {
        const cno = section(page, '1er trimestre 2025').getByRole('row', { name: new RegExp(name!) });
        expect(await cno.getByRole('rowheader').innerText()).toBe(
          `${title}\nPour le comité national d'orientation (CNO)`,
        );
        expect(await cno.innerText()).toMatch(/reçu du national/);
      }
      await checkPage(page, folder, 'region-rapports');
      const href = await row.getByRole('link', { name: `Télécharger ${WORKBOOK}` }).getAttribute('href');
      const res = await page.request.get(`${region.url}${href}`);
      expect(res.status()).toBe(200);
      expect(Buffer.from(await res.body()).equals(readFileSync(downloaded))).toBe(true);

      // The region writes its own reports from the page: the synthesis and each cercle's report.
      await page.getByLabel('Trimestre', { exact: true }).selectOption({ label: '1er trimestre 2025' });
      await page.getByRole('button', { name: 'Écrire les rapports' }).click();
      await page.waitForURL(/\/rapports\/publication\/[\w-]+$/, { timeout: 60_000 });
      const written = section(page, 'Rapports écrits');
      expect(await written.innerText()).toMatch(/Synthèse régionale — Ségou \(ML04\) : complétude/);
      expect(await written.innerText()).toMatch(/Rapport d'activité du CCC — Barouéli \(ML0401\)/);
      expect(await written.innerText()).toMatch(/Synthèse pour le CRO — Ségou \(ML04\) : complétude/);
      expect(await written.innerText()).not.toMatch(/Documents publiés/);
      await checkPage(page, folder, 'region-rapports-ecrits');
    } finally {
      expect(await region.stop()).toBe(0);
    }
  });

  test('a « lecture » account reads the state and the reports, and is refused both actions', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'ML');
    await oise(['init', '--dir', dir, '--level', 'national', '--code', 'ML']);
    expect(
      await oiseWithInput(
        ['user', 'add', '--dir', dir, '--login', 'lecteur', '--role', 'lecture', '--password-stdin'],
        'lecture-nationale\n',
      ),
    ).toMatchObject({ code: 0 });
    const ui = await startUi(dir, ['--host', '0.0.0.0']);
    try {
      const page = await newPage();
      await page.goto(`${ui.url}/`);
      await page.getByLabel('Identifiant').fill('lecteur');
      await page.getByLabel('Mot de passe').fill('lecture-nationale');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
      expect(await section(page, 'État de la consolidation').innerText()).toMatch(/à jour/);
      expect(await page.getByRole('button', { name: 'Consolider maintenant' }).count()).toBe(0);
      await page.goto(`${ui.url}/rapports`);
      expect(await page.getByRole('button', { name: 'Publier les rapports' }).count()).toBe(0);
      await checkPage(page, folder, 'lecture-rapports');

      const token = await page.locator('input[name="_csrf"]').first().inputValue();
      for (const [path, form] of [
        ['/consolidation', { _csrf: token }],
        ['/rapports/publier', { _csrf: token, trimestre: '2025Q1' }],
      ] as const) {
        const res = await page.request.post(`${ui.url}${path}`, { form, maxRedirects: 0 });
        expect(res.status(), path).toBe(403);
        expect(await res.text()).toMatch(/Votre rôle « lecture » .* ne permet pas de/);
      }
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });
});
