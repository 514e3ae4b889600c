import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, followJob, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { enterAndSubmit, makeScene, oise } from './web-scene.js';

/*
 * The first pages in a real browser: Debian's chromium driven by playwright-core, against real
 * `oise ui` processes on node folders made by the command line. Every page is checked by axe
 * and leaves a screenshot under .tmp/web-tests/web-pages/.
 */
const folder = outputFolder('web-pages');
const { newPage } = useChromium();

/** The text of the definition that follows the term `term` in the page's fact lists. */
async function fact(page: Page, term: string): Promise<string> {
  return page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').innerText();
}

describe('the pages of a node, in Chromium', () => {
  test('the region drops the cercle package; the cercle sees the return and the note, and downloads its package', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    await enterAndSubmit(scene, tmp);
    const [up] = scene.outbox(scene.cercle, 'ML04');
    const garbage = join(tmp, 'pas-un-paquet.oise.gz');
    writeFileSync(garbage, 'ceci est un courriel, pas un paquet');

    // The region's PC: its home page, then the drop of what the cercle sent.
    const region = await startUi(scene.region);
    try {
      expect(region.firstLine).toMatch(
        /^Pages de ML04 : http:\/\/127\.0\.0\.1:\d+\/ \(Ctrl\+C pour arrêter\)\.$/,
      );
      await region.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${region.url}/`);
      await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
      expect(await page.title()).toBe('Accueil — OISE ML04');
      expect(await page.getByRole('banner').innerText()).toContain('Région : Ségou (ML04)');
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual([
        'Accueil',
        'Tableau de bord',
        'Trimestres',
        'Paquets',
        'Rapports',
        'Réglages',
      ]);
      expect(await page.getByRole('heading', { level: 2, name: '1er trimestre 2025' }).count()).toBe(1);
      expect(await fact(page, 'État')).toBe('ouvert');
      expect(await fact(page, 'À transmettre au plus tard le')).toBe('30 avril 2025');
      await checkPage(page, folder, 'region-accueil');

      await nav.getByRole('link', { name: 'Paquets' }).click();
      await page.getByRole('heading', { level: 1, name: 'Paquets' }).waitFor();
      await checkPage(page, folder, 'region-paquets');
      // A file that is not a package refuses the whole drop at once, naming it: nothing is kept.
      await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles([up!, garbage]);
      await page.getByRole('button', { name: 'Déposer des paquets' }).click();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /Le fichier « pas-un-paquet\.oise\.gz » est refusé : .*Aucun fichier de ce dépôt n'a été gardé\./s,
      );
      await checkPage(page, folder, 'region-paquets-refus');
      await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles([up!]);
      await page.getByRole('button', { name: 'Déposer des paquets' }).click();
      // The drop runs as a step in the background; its progress page leads to the verdicts.
      await followJob(page, /\/paquets\/resultat\//);
      const results = page.getByRole('region', { name: 'Résultat du dépôt' });
      await results.waitFor();
      const applied = results.getByRole('row', { name: new RegExp(basename(up!)) });
      expect(await applied.innerText()).toMatch(
        /appliqué.*de ML0401, paquet n° 1 — appliqué : \d+ lignes nouvelles/s,
      );
      await checkPage(page, folder, 'region-paquets-depot');
    } finally {
      expect(await region.stop()).toBe(0);
    }
    expect(region.output()).toMatch(/Pages arrêtées\./);

    // The CSR returns the quarter with a note (command line), and the package goes down.
    await oise([
      'note',
      '--dir',
      scene.region,
      '--unit',
      'ML0401',
      '--quarter',
      '2025Q1',
      '--text',
      'Les CSCOM de Konobougou manquent.',
    ]);
    await oise([
      'quarter',
      'return',
      '--dir',
      scene.region,
      '--unit',
      'ML0401',
      '--quarter',
      '2025Q1',
      '--reason',
      'Complétez les CSCOM fonctionnels de Konobougou.',
    ]);
    await oise(['export', '--dir', scene.region]);
    const down = scene.outbox(scene.region, 'ML0401').at(-1)!;

    // The cercle's PC: drops the region's package, then reads the decision and the note.
    const cercle = await startUi(scene.cercle);
    try {
      await cercle.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${cercle.url}/paquets`);
      await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles([down]);
      await page.getByRole('button', { name: 'Déposer des paquets' }).click();
      await followJob(page, /\/paquets\/resultat\//);
      const results = page.getByRole('region', { name: 'Résultat du dépôt' });
      await results.waitFor();
      expect(await results.getByRole('row', { name: new RegExp(basename(down)) }).innerText()).toMatch(
        /appliqué/,
      );

      await page.getByRole('link', { name: 'Accueil' }).click();
      await page.getByRole('heading', { level: 1, name: 'Accueil' }).waitFor();
      expect(await page.getByRole('banner').innerText()).toContain('Cercle : Barouéli (ML0401)');
      expect(await fact(page, 'État')).toMatch(/^renvoyé — transmission n° 1 du 10 avril 2025 à 09:00$/);
      expect(await fact(page, 'À transmettre au plus tard le')).toBe('15 avril 2025');
      const decision = page.getByRole('region', { name: 'Décision de la région' });
      expect(await decision.innerText()).toMatch(/renvoyé le 10 avril 2025 à 09:00 par ML04/);
      expect(await decision.innerText()).toContain('Complétez les CSCOM fonctionnels de Konobougou.');
      const note = page.getByRole('region', { name: 'Note du CSR' });
      expect(await note.innerText()).toContain('Les CSCOM de Konobougou manquent.');
      await checkPage(page, folder, 'cercle-accueil');

      // Another quarter, chosen with the keyboard.
      await page.getByLabel('Trimestre', { exact: true }).selectOption({ label: '4e trimestre 2024' });
      await page.getByRole('button', { name: 'Afficher' }).press('Enter');
      await page.getByRole('heading', { level: 2, name: '4e trimestre 2024' }).waitFor();
      expect(await fact(page, 'État')).toBe('ouvert');

      // The package still waiting for the region, downloaded as it is on disk.
      await page.goto(`${cercle.url}/paquets`);
      const waiting = page.getByRole('region', { name: 'À envoyer' });
      const download = page.waitForEvent('download');
      await waiting.getByRole('link', { name: `Télécharger ${basename(up!)}` }).click();
      const file = join(tmp, 'telecharge.oise.gz');
      await (await download).saveAs(file);
      expect(readFileSync(file).equals(readFileSync(up!))).toBe(true);
      await checkPage(page, folder, 'cercle-paquets');
    } finally {
      expect(await cercle.stop()).toBe(0);
    }
  });
});
