import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { type UiProcess, oiseWithInput, startUi } from './web-process.js';
import { carry, enterAndSubmit, makeScene, oise } from './web-scene.js';

/*
 * Trimestres, the CSR's and national's quarter in a real browser: the children × quarters
 * board, a cercle's quarter in review (values beside the quarters before, the unusual one
 * highlighted, entries per commune), the note, « Renvoyer » with its « Motif », « Valider »,
 * checked against `oise status`; a « lecture » account refused on every POST; national's
 * board of regions and its review of a region's quarter. Screenshots under
 * .tmp/web-tests/web-trimestres/.
 */
const folder = outputFolder('web-trimestres');
const { newPage } = useChromium();

/** The text of the definition that follows the term `term` in the page's fact lists. */
async function fact(page: Page, term: string): Promise<string> {
  return page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').innerText();
}

/** The board's cell of a child (row header `name`) in the column of `quarter` (« 1er trimestre 2025 »). */
async function boardCell(page: Page, name: string, quarter: string): Promise<string> {
  const table = page.getByRole('table', { name: /× trimestres/ });
  const headers = await table.locator('thead th').allInnerTexts();
  const column = headers.indexOf(quarter);
  expect(column, `colonne ${quarter} dans ${headers.join(' | ')}`).toBeGreaterThan(0);
  const row = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: new RegExp(name) }) });
  return row.locator('th, td').nth(column).innerText();
}

/** What `oise status` says of a child's quarter at a node: « ML0401 : transmis (transmission n° 1…) ». */
async function statusLine(dir: string, unit: string): Promise<string> {
  const out = await oise(['status', '--dir', dir]);
  // The quarters part indents its units by four spaces (the bundles part by two).
  return out.split('\n').find((l) => l.startsWith(`    ${unit} :`)) ?? '';
}

describe('Trimestres: the board and the review, in Chromium', () => {
  test('the CSR reviews a cercle’s quarter, writes the note, returns it with a reason, then validates it', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    // Barouéli's history: about 1 200 consultations a quarter in Baraoueli, then 12 500 typed
    // (an extra zero); the import stores it with its warning.
    const history = join(tmp, 'historique.csv');
    writeFileSync(
      history,
      [
        'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
        'ML040101;SAN_CONSULT_CURATIVES;2024Q3;;1180;',
        'ML040101;SAN_CONSULT_CURATIVES;2024Q4;;1200;',
        'ML040106;SAN_CONSULT_CURATIVES;2024Q3;;800;',
        'ML040106;SAN_CONSULT_CURATIVES;2024Q4;;820;',
      ].join('\n'),
    );
    await oise(['import', '--dir', scene.cercle, history]);
    const typed = join(tmp, 'consultations-2025Q1.csv');
    writeFileSync(
      typed,
      [
        'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
        'ML040101;SAN_CONSULT_CURATIVES;2025Q1;;12500;',
        'ML040106;SAN_CONSULT_CURATIVES;2025Q1;;790;',
      ].join('\n'),
    );
    expect(await oise(['import', '--dir', scene.cercle, typed])).toMatch(/1 avertissement/);
    await enterAndSubmit(scene, tmp);
    await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);

    const region = await startUi(scene.region);
    try {
      await region.waitForOutput(/Passage \(démarrage\)/);
      // What the start-up pass left for the cercle; each step below adds its package.
      const downBefore = scene.outbox(scene.region, 'ML0401').length;
      const page = await newPage();
      await page.goto(`${region.url}/`);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect(await nav.getByRole('link').allInnerTexts()).toEqual([
        'Accueil',
        'Tableau de bord',
        'Trimestres',
        'Paquets',
        'Rapports',
        'Réglages',
      ]);
      await nav.getByRole('link', { name: 'Trimestres' }).click();
      await page.getByRole('heading', { level: 1, name: 'Trimestres' }).waitFor();

      // The board: the last four quarters; Barouéli's 1st quarter sent and received in time.
      const q1 = await boardCell(page, 'Barouéli', '1er trimestre 2025');
      expect(q1).toMatch(/^transmis\b/);
      expect(q1).toContain('reçu le 10 avril 2025 à 09:00, à temps');
      expect(q1).toContain('2 / 5 communes');
      expect(q1).toContain('transmission n° 1');
      expect(await boardCell(page, 'Barouéli', '4e trimestre 2024')).toMatch(/^non transmis\b/);
      expect(await boardCell(page, 'Bla', '1er trimestre 2025')).toMatch(
        /^non transmis\b[\s\S]*attendu le 15 avril 2025[\s\S]*0 \/ 5 communes$/,
      );
      await checkPage(page, folder, 'region-tableau');

      // Other quarters, chosen with the keyboard.
      await page.getByLabel('3e trimestre 2024').uncheck();
      await page.getByLabel('2e trimestre 2024').uncheck();
      await page.getByRole('button', { name: 'Afficher' }).press('Enter');
      await page.waitForURL(/trimestres=2025Q1&trimestres=2024Q4$/);
      expect(
        await page
          .getByRole('table', { name: /× trimestres/ })
          .locator('thead th')
          .allInnerTexts(),
      ).toEqual(['Cercle', '1er trimestre 2025', '4e trimestre 2024']);

      // The review of Barouéli's 1st quarter.
      await page.getByRole('link', { name: 'transmis — revoir le 1er trimestre 2025 de Barouéli' }).click();
      await page.getByRole('heading', { level: 1, name: 'Barouéli (ML0401) — 1er trimestre 2025' }).waitFor();
      expect(await fact(page, 'État')).toBe(
        'transmis — transmission n° 1 du 10 avril 2025 à 09:00 par ML0401',
      );
      expect(await fact(page, 'Saisies manquantes à la transmission')).toBe('465');
      expect(await fact(page, 'Réception')).toBe('reçu le 10 avril 2025 à 09:00, à temps');
      expect(await fact(page, 'Date limite')).toBe('15 avril 2025');
      const sante = page.getByRole('table', { name: 'Santé' });
      const headers = await sante.locator('thead th').allInnerTexts();
      expect(headers.slice(0, 4)).toEqual([
        'Indicateur',
        'Commune',
        '1er trimestre 2025 (en revue)',
        '4e trimestre 2024',
      ]);
      const unusual = sante.getByRole('row', { name: /Nombre de consultations curatives.*Baraoueli/ });
      const cells = await unusual.locator('td').allInnerTexts();
      expect(cells.slice(0, 4)).toEqual(['Baraoueli', '12 500', '1 200', '1 180']);
      expect(cells.at(-1)).toMatch(
        /^inhabituel\s+12 500 est inhabituel pour Baraoueli : la médiane des 2 trimestres précédents est 1 190/,
      );
      const usual = await sante
        .getByRole('row', { name: /Nombre de consultations curatives.*Konobougou/ })
        .locator('td')
        .allInnerTexts();
      expect(usual.slice(0, 3)).toEqual(['Konobougou', '790', '820']);
      expect(usual.at(-1)).toBe('—');
      expect(await page.getByText('1 valeur inhabituelle').count()).toBe(1);
      const all = page.getByRole('table', { name: 'Valeurs inhabituelles, tous domaines' });
      expect(await all.locator('tbody tr').allInnerTexts()).toEqual([
        expect.stringMatching(/^Santé\s+Nombre de consultations curatives\s+Baraoueli\s+12 500\s+1 200/),
      ]);
      const communes = page.getByRole('table', { name: /Indicateurs saisis par commune/ });
      expect(
        await communes
          .getByRole('row', { name: /Baraoueli/ })
          .locator('td')
          .first()
          .innerText(),
      ).toBe('3');
      expect(
        await communes
          .getByRole('row', { name: /Konobougou/ })
          .locator('td')
          .first()
          .innerText(),
      ).toBe('2');
      expect(
        await communes
          .getByRole('row', { name: /Tamani/ })
          .locator('td')
          .first()
          .innerText(),
      ).toBe('0 (aucune valeur)');
      await checkPage(page, folder, 'region-revue');

      // The CSR's note.
      await page
        .getByRole('textbox', { name: 'Note du CSR' })
        .fill('Les consultations de Baraoueli semblent décuplées.');
      await page.getByRole('button', { name: 'Enregistrer la note' }).click();
      await page.getByRole('status').filter({ hasText: 'Note du CSR enregistrée' }).waitFor();
      expect(await page.getByRole('region', { name: 'Note du CSR' }).innerText()).toContain(
        'Les consultations de Baraoueli semblent décuplées.',
      );
      expect(scene.outbox(scene.region, 'ML0401').length).toBe(downBefore + 1);

      // « Renvoyer » without a reason: refused, in French, nothing changed.
      await page.getByRole('button', { name: 'Renvoyer' }).click();
      const refusal = page.getByRole('alert');
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('Le motif est obligatoire');
      expect(await fact(page, 'État')).toMatch(/^transmis/);
      expect(await statusLine(scene.region, 'ML0401')).toMatch(/ML0401 : transmis \(transmission n° 1/);
      expect(scene.outbox(scene.region, 'ML0401').length).toBe(downBefore + 1);
      await checkPage(page, folder, 'region-renvoi-sans-motif');

      // With its reason: returned, and the package for the cercle is in the outbox.
      await page.getByLabel('Motif').fill('Corrigez les consultations de Baraoueli (12 500).');
      await page.getByRole('button', { name: 'Renvoyer' }).click();
      await page.getByRole('status').filter({ hasText: 'Trimestre renvoyé' }).waitFor();
      expect(await fact(page, 'État')).toMatch(/^renvoyé/);
      expect(await fact(page, 'Motif du dernier renvoi')).toBe(
        'Corrigez les consultations de Baraoueli (12 500).',
      );
      const down = scene.outbox(scene.region, 'ML0401');
      expect(down.length).toBe(downBefore + 2);
      const waiting = page.getByRole('region', { name: 'Paquets en attente pour Barouéli (ML0401)' });
      expect(await waiting.innerText()).toContain(down.at(-1)!.split('/').at(-1)!);
      expect(await page.getByRole('button', { name: 'Valider' }).count()).toBe(0);
      await checkPage(page, folder, 'region-renvoye');
      expect(await statusLine(scene.region, 'ML0401')).toMatch(
        /ML0401 : renvoyé \(transmission n° 1.*motif : Corrigez les consultations/,
      );
      await page.getByRole('link', { name: 'Retour au tableau des trimestres' }).click();
      expect(await boardCell(page, 'Barouéli', '1er trimestre 2025')).toMatch(/^renvoyé\s/);

      // The cercle gets the decision, corrects and submits again; the region receives it.
      await carry(down, scene.cercle);
      const fix = join(tmp, 'correction.csv');
      writeFileSync(
        fix,
        'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire\nML040101;SAN_CONSULT_CURATIVES;2025Q1;;1250;\n',
      );
      await oise(['import', '--dir', scene.cercle, fix]);
      await oise(['quarter', 'submit', '--dir', scene.cercle, '--quarter', '2025Q1']);
      await oise(['export', '--dir', scene.cercle]);
      await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);

      await page.goto(`${region.url}/trimestres/ML0401/2025Q1`);
      expect(await fact(page, 'État')).toMatch(/^transmis — transmission n° 2/);
      expect(await page.getByText('Aucune valeur inhabituelle.').count()).toBe(1);
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByRole('status').filter({ hasText: 'Trimestre validé' }).waitFor();
      expect(await fact(page, 'État')).toMatch(/^validé — transmission n° 2/);
      expect(await fact(page, 'Décision')).toMatch(/^validé le 10 avril 2025 à 09:00 par ML04$/);
      await checkPage(page, folder, 'region-valide');
      expect(await statusLine(scene.region, 'ML0401')).toMatch(/ML0401 : validé \(transmission n° 2/);
      expect(scene.outbox(scene.region, 'ML').length).toBeGreaterThan(0);
      await page.goto(`${region.url}/trimestres`);
      expect(await boardCell(page, 'Barouéli', '1er trimestre 2025')).toMatch(
        /^validé\s.*\btransmission n° 2/s,
      );

      // A quarter that is no child's here, or no quarter at all: a French 404.
      for (const path of ['/trimestres/ML0201/2025Q1', '/trimestres/ML0401/2025Q9', '/trimestres/x/y']) {
        const res = await page.goto(`${region.url}${path}`);
        expect(res?.status(), path).toBe(404);
        expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Trimestre introuvable');
      }
      const badDomain = await page.goto(`${region.url}/trimestres/ML0401/2025Q1?domaine=meteo`);
      expect(badDomain?.status()).toBe(404);
      expect(await page.locator('main').innerText()).toContain("« meteo » n'est pas un domaine");
      const badQuery = await page.goto(`${region.url}/trimestres?trimestres=hier`);
      expect(badQuery?.status()).toBe(400);
      expect(await page.locator('main').innerText()).toContain("« hier » n'est pas un trimestre");
    } finally {
      expect(await region.stop()).toBe(0);
    }

    // National: the regions' board, and Ségou's quarter once the region has forwarded it.
    await oise(['quarter', 'submit', '--dir', scene.region, '--quarter', '2025Q1']);
    await oise(['export', '--dir', scene.region]);
    await carry(scene.outbox(scene.region, 'ML'), scene.national);
    const national = await startUi(scene.national);
    try {
      await national.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${national.url}/trimestres`);
      await page.getByRole('heading', { level: 1, name: 'Trimestres' }).waitFor();
      expect(
        await page
          .getByRole('table', { name: /× trimestres/ })
          .locator('thead th')
          .first()
          .innerText(),
      ).toBe('Région');
      expect(await boardCell(page, 'Ségou', '1er trimestre 2025')).toMatch(
        /^transmis\b.*reçu le 10 avril 2025/s,
      );
      expect(await boardCell(page, 'Koulikoro', '1er trimestre 2025')).toMatch(/^non transmis\b/);
      await checkPage(page, folder, 'national-tableau');
      await page.getByRole('link', { name: 'transmis — revoir le 1er trimestre 2025 de Ségou' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ségou (ML04) — 1er trimestre 2025' }).waitFor();
      // The region's quarter by its cercles: Barouéli's sum of its two communes beside the quarters before.
      const cercles = page.getByRole('table', { name: /^Complétude, saisies manquantes/ });
      expect(await cercles.getByRole('row', { name: /Barouéli \(ML0401\)/ }).innerText()).toMatch(
        /^Barouéli \(ML0401\)\s+2 \/ \d+ communes\s/,
      );
      const byCercle = page.getByRole('table', { name: 'Santé' });
      expect(
        await byCercle
          .getByRole('row', { name: /Nombre de consultations curatives.*Barouéli/ })
          .locator('td')
          .allInnerTexts(),
      ).toEqual(expect.arrayContaining(['Barouéli', expect.stringMatching(/^2 040\n2 \/ \d+ communes$/)]));
      await checkPage(page, folder, 'national-revue-cercles');
      // Its communes on demand: the commune review restricted to Barouéli.
      await cercles.getByRole('link', { name: 'Communes de Barouéli' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Communes de Barouéli — Ségou (ML04) — 1er trimestre 2025' })
        .waitFor();
      const sante = page.getByRole('table', { name: 'Santé' });
      expect(
        await sante
          .getByRole('row', { name: /Nombre de consultations curatives.*Baraoueli/ })
          .locator('td')
          .allInnerTexts(),
      ).toEqual(expect.arrayContaining(['Baraoueli', '1 250']));
      // Only Barouéli's communes: no cercle column, and Bla's Bla is absent.
      expect(await sante.locator('thead th').allInnerTexts()).not.toContain('Cercle');
      const communes = page.getByRole('table', { name: /Indicateurs saisis par commune/ });
      expect(await communes.getByRole('rowheader').allInnerTexts()).toEqual(
        expect.arrayContaining([expect.stringMatching(/^Baraoueli \(ML040101\)$/)]),
      );
      expect(await communes.getByRole('rowheader', { name: /ML0403/ }).count()).toBe(0);
      await checkPage(page, folder, 'national-revue-communes');
      await page.getByRole('link', { name: 'Retour aux cercles de Ségou' }).click();
      await page.getByRole('heading', { level: 1, name: 'Ségou (ML04) — 1er trimestre 2025' }).waitFor();
      // National neither returns nor writes the CSR's note: only « Valider » (consolidated).
      expect(await page.getByRole('button', { name: 'Renvoyer' }).count()).toBe(0);
      expect(await page.getByRole('textbox', { name: 'Note du CSR' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Notes du CSR sur les cercles' }).innerText()).toMatch(
        /Barouéli \(ML0401\)\s+Les consultations de Baraoueli semblent décuplées\./,
      );
      await checkPage(page, folder, 'national-revue');
      await page.getByRole('button', { name: 'Valider' }).click();
      await page.getByRole('status').filter({ hasText: 'consolidé' }).waitFor();
      expect(await fact(page, 'État')).toMatch(/^consolidé/);
      expect(await statusLine(scene.national, 'ML04')).toMatch(/ML04 : consolidé/);
      await checkPage(page, folder, 'national-consolide');
    } finally {
      expect(await national.stop()).toBe(0);
    }
  });

  test('a « lecture » account reads the review but every POST of Trimestres is refused', async ({ tmp }) => {
    const scene = await makeScene(tmp);
    await enterAndSubmit(scene, tmp);
    await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);
    const added = await oiseWithInput(
      ['user', 'add', '--dir', scene.region, '--login', 'lecteur', '--role', 'lecture', '--password-stdin'],
      'lecture-ségou\n',
    );
    expect(added.code, added.stderr).toBe(0);
    let ui: UiProcess | undefined;
    try {
      ui = await startUi(scene.region, ['--host', '0.0.0.0']);
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/trimestres/ML0401/2025Q1`);
      await page.getByLabel('Identifiant').fill('lecteur');
      await page.getByLabel('Mot de passe').fill('lecture-ségou');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Barouéli (ML0401) — 1er trimestre 2025' }).waitFor();
      expect(await page.getByRole('button', { name: 'Valider' }).count()).toBe(0);
      expect(await page.getByRole('textbox', { name: 'Note du CSR' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Décision' }).innerText()).toContain(
        'Votre rôle ne permet pas de décider',
      );
      await checkPage(page, folder, 'lecture-revue');

      // The session's token, as a form would carry it: still 403 for each POST.
      const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const home = await fetch(`${ui.url}/`, { headers: { cookie } });
      const token = /name="_csrf" value="([\w-]+)"/.exec(await home.text())?.[1] ?? '';
      expect(token).not.toBe('');
      for (const [action, fields] of [
        ['note', { note: 'Une note.' }],
        ['valider', {}],
        ['renvoyer', { motif: 'Un motif.' }],
      ] as const) {
        const res = await fetch(`${ui.url}/trimestres/ML0401/2025Q1/${action}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
        });
        expect(res.status, action).toBe(403);
        expect(await res.text()).toMatch(/Votre rôle « lecture » \(lecture seule\) ne permet pas de/);
      }
    } finally {
      expect(await ui?.stop()).toBe(0);
    }
    expect(await statusLine(scene.region, 'ML0401')).toMatch(/ML0401 : transmis \(transmission n° 1/);
  });
});
