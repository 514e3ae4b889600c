import { OFFICIALS, listRecords } from '@oise/entry';
import { withNode } from '@oise/node';
import { test } from '@oise/testkit';
import type { Page, Response } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { SCENE_NOW, carry, makeScene, oise } from './web-scene.js';

/*
 * The cercle's *Listes* in Chromium, on real node folders made by the command line: an elected
 * official added with the keyboard, a refused one fixed, one changed, one deleted; the packages
 * carry them to the region, deletion included; a submitted quarter's list is read-only.
 */
const folder = outputFolder('web-listes');
const { newPage } = useChromium();

/** The label of the focused element (its first words), to follow the keyboard (run in the page). */
const focused = (page: Page): Promise<string> =>
  page.evaluate(
    "document.activeElement?.labels?.[0]?.textContent?.trim() ?? document.activeElement?.textContent?.trim() ?? ''",
  );

/** Tab until the field whose label starts with `label` has the focus. */
async function tabTo(page: Page, label: string): Promise<void> {
  for (let i = 0; i < 40 && !(await focused(page)).startsWith(label); i++) await page.keyboard.press('Tab');
  expect(await focused(page)).toMatch(new RegExp(`^${label}`));
}

/** Types into the field `label`, reached with Tab; a list takes the first letters of its choice. */
async function typeIn(page: Page, label: string, text: string): Promise<void> {
  await tabTo(page, label);
  await page.keyboard.type(text);
}

/** Presses a key that sends a form, and returns the page's answer. */
async function send(page: Page, key = 'Enter'): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.keyboard.press(key),
  ]);
  await page.waitForLoadState();
  return response;
}

/** The officials of the 1st quarter 2025 a node holds for ML0401, as `@oise/entry` lists them. */
const officialsAt = (dir: string) =>
  withNode(dir, async (node) =>
    (
      await listRecords(node.db, { cercle: 'ML0401', kind: OFFICIALS, quarter: '2025Q1', now: SCENE_NOW })
    ).records.map((r) => [r.full_name, r.role]),
  );

describe('Listes: the cercle keeps its records in the browser', () => {
  test('officials added with the keyboard, refused then fixed, changed, deleted, carried to the region; read-only once submitted', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
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
      await nav.getByRole('link', { name: 'Listes' }).click();
      await page.getByRole('heading', { level: 1, name: 'Listes du cercle — 1er trimestre 2025' }).waitFor();
      const lists = page.getByRole('table', { name: "Listes du cercle et nombre d'entrées" });
      expect(await lists.getByRole('row').allInnerTexts()).toEqual([
        'Liste\tEntrées\tPériode',
        'Élus locaux\t0\t1er trimestre 2025',
        'Actions de formation\t0\t1er trimestre 2025',
        'Activités du CCC\t0\t1er trimestre 2025',
        'Partenariats de coopération décentralisée\t0\ttous les trimestres',
      ]);
      await checkPage(page, folder, 'listes');
      for (const [name, shot] of [
        ['Actions de formation', 'formations'],
        ['Activités du CCC', 'activites'],
        ['Partenariats de coopération décentralisée', 'partenariats'],
      ] as const) {
        await page.goto(`${ui.url}/listes`);
        await lists.getByRole('link', { name }).click();
        await page.getByRole('heading', { level: 1, name: new RegExp(`^${name}`) }).waitFor();
        expect(await page.getByText('Aucune entrée').count()).toBe(1);
        await checkPage(page, folder, `${shot}-vide`);
      }
      await page.goto(`${ui.url}/listes/formations/ajouter?trimestre=2025Q1`);
      await page.getByLabel('Date de début').waitFor();
      expect(await page.getByLabel('Date de début').getAttribute('type')).toBe('date');
      await checkPage(page, folder, 'formation-formulaire');

      // The officials' list, then « Ajouter », with the keyboard alone.
      await page.goto(`${ui.url}/listes`);
      await lists.getByRole('link', { name: 'Élus locaux' }).click();
      await page.getByRole('heading', { level: 1, name: 'Élus locaux — 1er trimestre 2025' }).waitFor();
      await checkPage(page, folder, 'elus-vide');
      await tabTo(page, 'Ajouter');
      await page.keyboard.press('Enter');
      await page
        .getByRole('heading', { level: 1, name: 'Ajouter — Élus locaux — 1er trimestre 2025' })
        .waitFor();
      await checkPage(page, folder, 'elu-formulaire');
      await typeIn(page, 'Collectivité', 'Baraoueli');
      await typeIn(page, 'Nom et prénom', 'Awa Traoré');
      await typeIn(page, 'Fonction', 'Maire');
      await typeIn(page, 'Sexe', 'F');
      await typeIn(page, 'Année de naissance', '1975');
      await typeIn(page, 'Scolarité', 'Secondaire');
      await typeIn(page, 'Alphabétisé', 'oui');
      await typeIn(page, 'Début du mandat', '2016');
      expect(await page.getByLabel('Collectivité').inputValue()).toBe('ML040101');
      expect(await page.getByLabel('Fonction').inputValue()).toBe('maire');
      expect((await send(page)).status()).toBe(303);
      await page.getByRole('heading', { level: 1, name: 'Élus locaux — 1er trimestre 2025' }).waitFor();
      expect(await page.getByRole('status', { name: 'Résultat' }).innerText()).toBe(
        'Entrée ajoutée : Awa Traoré.',
      );
      const table = page.getByRole('table', { name: 'Élus locaux — 1er trimestre 2025' });
      expect(await table.getByRole('row', { name: /Awa Traoré/ }).innerText()).toMatch(
        /^Baraoueli\tAwa Traoré\tMaire\tF\t1975\tSecondaire\toui\t2016\t—\t/,
      );

      // A second one, refused: no name, a birth year that is not one; then the mandate inverted.
      await page.getByRole('link', { name: /^Ajouter/ }).click();
      await typeIn(page, 'Collectivité', 'Konobougou');
      await typeIn(page, 'Fonction', 'Conseiller communal');
      await typeIn(page, 'Sexe', 'M');
      await typeIn(page, 'Année de naissance', 'vers 1970');
      await typeIn(page, 'Scolarité', 'Primaire');
      await typeIn(page, 'Alphabétisé', 'oui');
      // Enter in a text field sends the form.
      await tabTo(page, 'Début du mandat');
      let answer = await send(page);
      expect(answer.status()).toBe(400);
      const alert = page.getByRole('alert');
      expect(await alert.innerText()).toContain("L'entrée n'a pas été enregistrée");
      const name = page.getByLabel('Nom et prénom');
      expect(await name.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('#champ-full_name-erreur').innerText()).toBe(
        'Erreur : « Nom et prénom » est obligatoire : remplissez cette case.',
      );
      expect(await page.locator('#champ-birth_year-erreur').innerText()).toBe(
        "Erreur : « vers 1970 » n'est pas une année : écrivez l'année sur 4 chiffres pour « Année de naissance », par exemple 2016.",
      );
      // What was typed is kept.
      expect(await page.getByLabel('Année de naissance').inputValue()).toBe('vers 1970');
      expect(await page.getByLabel('Collectivité').inputValue()).toBe('ML040106');
      await checkPage(page, folder, 'elu-refuse');
      // The summary's link leads to the field.
      await alert.getByRole('link', { name: 'Nom et prénom' }).click();
      await name.fill('');
      await name.focus();
      await page.keyboard.type('Moussa Diarra');
      await page.getByLabel('Année de naissance').fill('1970');
      await page.getByLabel('Début du mandat').fill('2021');
      await page.getByLabel('Fin du mandat').focus();
      await page.keyboard.type('2016');
      answer = await send(page);
      expect(answer.status()).toBe(400);
      expect(await page.locator('#champ-mandate_end-erreur').innerText()).toBe(
        'Erreur : La fin du mandat précède son début : corrigez l’une des deux années.',
      );
      await page.getByLabel('Fin du mandat').fill('2026');
      await page.getByLabel('Fin du mandat').focus();
      expect((await send(page)).status()).toBe(303);
      expect(await page.getByRole('status', { name: 'Résultat' }).innerText()).toBe(
        'Entrée ajoutée : Moussa Diarra.',
      );
      expect(await table.getByRole('row').count()).toBe(3);

      // Edited: Awa becomes deputy mayor.
      await page.getByRole('link', { name: 'Modifier « Awa Traoré »' }).click();
      await page.getByRole('heading', { level: 1, name: /^Modifier « Awa Traoré »/ }).waitFor();
      expect(await page.getByLabel('Nom et prénom').inputValue()).toBe('Awa Traoré');
      expect(await page.getByLabel('Alphabétisé').inputValue()).toBe('oui');
      await checkPage(page, folder, 'elu-modifier');
      await page.getByLabel('Fonction').selectOption({ label: 'Adjoint au maire' });
      await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
      await page.getByRole('status', { name: 'Résultat' }).waitFor();
      expect(await page.getByRole('status', { name: 'Résultat' }).innerText()).toBe(
        'Entrée modifiée : Awa Traoré.',
      );
      expect(await table.getByRole('row', { name: /Awa Traoré/ }).innerText()).toContain('Adjoint au maire');
      await checkPage(page, folder, 'elus');
      // The token of this browser's forms, for a request after the submission.
      await page.getByRole('link', { name: /^Ajouter/ }).click();
      const token = await page.locator('input[name="_csrf"]').inputValue();
      await page.goBack();

      // The packages carry both officials to the region.
      await oise(['export', '--dir', scene.cercle]);
      await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);
      expect(await officialsAt(scene.region)).toEqual([
        ['Awa Traoré', 'adjoint'],
        ['Moussa Diarra', 'conseiller'],
      ]);

      // Deleted, after a confirmation that says what goes.
      await page.getByRole('link', { name: 'Supprimer « Moussa Diarra »' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Supprimer « Moussa Diarra » — Élus locaux' })
        .waitFor();
      expect(await page.locator('dl.facts').innerText()).toContain('Konobougou');
      await checkPage(page, folder, 'elu-supprimer');
      await page.getByRole('button', { name: 'Supprimer cette entrée' }).click();
      await page.getByRole('status', { name: 'Résultat' }).waitFor();
      expect(await page.getByRole('status', { name: 'Résultat' }).innerText()).toBe(
        'Entrée supprimée : Moussa Diarra.',
      );
      expect(await table.getByRole('row').count()).toBe(2);
      // The next package takes the deletion to the region.
      await oise(['export', '--dir', scene.cercle]);
      await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);
      expect(await officialsAt(scene.region)).toEqual([['Awa Traoré', 'adjoint']]);

      // Submitted: the list is read-only, with the reason; a change sent anyway is refused.
      await oise(['quarter', 'submit', '--dir', scene.cercle, '--quarter', '2025Q1']);
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Élus locaux — 1er trimestre 2025' }).waitFor();
      expect(await page.locator('#liste-verrou').innerText()).toMatch(
        /^Liste en lecture seule : Le trimestre 2025T1 de ML0401 a été transmis à la région/,
      );
      expect(await page.getByRole('link', { name: /^(Ajouter|Modifier|Supprimer)/ }).count()).toBe(0);
      await checkPage(page, folder, 'elus-verrouillee');
      const cookies = await page.context().cookies();
      const refused = await fetch(`${ui.url}/listes/elus/ajouter`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: cookies.map((c) => `${c.name}=${c.value}`).join('; '),
        },
        body: new URLSearchParams({
          _csrf: token,
          trimestre: '2025Q1',
          org_unit_code: 'ML040101',
          full_name: 'Oumar Sow',
          role: 'maire',
          sex: 'M',
          schooling: 'aucune',
          literate: 'non',
        }),
      });
      expect(refused.status).toBe(403);
      expect(await refused.text()).toContain('lecture seule');

      // Partnerships hold no quarter: the submission leaves them open.
      await page.goto(`${ui.url}/listes/partenariats`);
      await page
        .getByRole('heading', { level: 1, name: 'Partenariats de coopération décentralisée' })
        .waitFor();
      expect(await page.getByLabel('Trimestre').count()).toBe(0);
      await page.getByRole('link', { name: /^Ajouter/ }).click();
      await page.getByLabel('Collectivité malienne').selectOption({ label: 'Konobougou' });
      await page.getByLabel('Nom côté malien').fill('Commune de Konobougou');
      await page.getByLabel('Collectivité partenaire').fill('Villefranche-sur-Saône');
      await page.getByLabel('Pays du partenaire').fill('France');
      await page.getByLabel('Niveau du partenaire').selectOption({ label: 'Commune' });
      await page.getByLabel('Depuis').fill('1992');
      await page.getByLabel('Statut').selectOption({ label: 'Actif' });
      await page.getByLabel('Secteurs').fill('Éducation, santé, hydraulique');
      await page.getByRole('button', { name: "Enregistrer l'entrée" }).click();
      await page.getByRole('status', { name: 'Résultat' }).waitFor();
      expect(await page.getByRole('status', { name: 'Résultat' }).innerText()).toBe(
        'Entrée ajoutée : Villefranche-sur-Saône.',
      );
      expect(
        await page
          .getByRole('table', { name: 'Partenariats de coopération décentralisée' })
          .getByRole('row', { name: /Villefranche/ })
          .innerText(),
      ).toMatch(/^Konobougou\tCommune de Konobougou\tVillefranche-sur-Saône\tFrance\tCommune\t1992\tActif\t/);
      await checkPage(page, folder, 'partenariats');
    } finally {
      expect(await ui.stop()).toBe(0);
    }
    expect(await officialsAt(scene.cercle)).toEqual([['Awa Traoré', 'adjoint']]);
  });
});
