import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { LoginThrottle } from '@oise/accounts';
import { fingerprintOf, withNode } from '@oise/node';
import { FIXTURES, SHARED_DATA, test } from '@oise/testkit';
import { createWebApp, listRoutes } from '@oise/web';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, followJob, outputFolder, useChromium } from './browser.js';
import { type UiProcess, oiseWithInput, startUi } from './web-process.js';
import { SCENE_NOW, enterAndSubmit, makeScene, oise } from './web-scene.js';

/*
 * Réglages in a real browser, against real `oise ui` processes on node folders made by the
 * command line: the region enrols a cercle's key through the page and then accepts its package;
 * a setting changed and a bad one refused; accounts added by an admin; the territory and the
 * map's boundaries at national. Screenshots under .tmp/web-tests/web-reglages/.
 */
const folder = outputFolder('web-reglages');
const { newPage } = useChromium();

/** The text of the definition that follows the term `term` in a fact list of `scope`. */
function fact(scope: ReturnType<Page['locator']> | Page, term: string): Promise<string> {
  return scope.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]').innerText();
}

const notice = (page: Page) => page.locator('main .message').first().innerText();

describe('Réglages, in Chromium', () => {
  test('the region enrols the cercle key through the page, then accepts its package; settings checked like oise settings', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    const cercleKey = join(tmp, 'cle-ML0401.json');
    const exported = JSON.parse(
      await oise(['key', 'export', '--dir', scene.cercle, '--out', cercleKey, '--json']),
    ) as { fingerprint: string };
    expect(exported.fingerprint).toBe(
      fingerprintOf(readFileSync(join(scene.cercle, 'keys', 'public.pem'), 'utf8')),
    );
    const regionOwn = JSON.parse(
      await oise(['key', 'export', '--dir', scene.region, '--out', join(tmp, 'cle-ML04.json'), '--json']),
    ) as { fingerprint: string };
    const garbage = join(tmp, 'cle-abimee.json');
    writeFileSync(garbage, '{"format":"photo","contenu":"pas une clé"}');

    const region = await startUi(scene.region);
    try {
      await region.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${region.url}/`);
      const nav = page.getByRole('navigation', { name: 'Navigation principale' });
      expect((await nav.getByRole('link').allInnerTexts()).at(-1)).toBe('Réglages');
      await nav.getByRole('link', { name: 'Réglages' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réglages — Voisins et clés' }).waitFor();
      const parts = page.getByRole('navigation', { name: 'Parties des réglages' });
      expect(await parts.getByRole('link').allInnerTexts()).toEqual([
        'Voisins et clés',
        'Réglages du nœud',
        'Comptes',
      ]);
      const own = page.getByRole('region', { name: 'La clé de ce nœud' });
      expect(await fact(own, 'Empreinte')).toBe(regionOwn.fingerprint);
      const neighbours = page.getByRole('table');
      expect(await neighbours.getByRole('row', { name: /ML0401/ }).innerText()).toContain(
        exported.fingerprint,
      );
      await checkPage(page, folder, 'region-voisins');

      // The public key file, as `oise key export` writes it.
      const [keyDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger la clé publique de ML04' }).click(),
      ]);
      expect(keyDownload.suggestedFilename()).toBe('cle-ML04.json');
      expect(readFileSync(await keyDownload.path(), 'utf8')).toBe(
        readFileSync(join(tmp, 'cle-ML04.json'), 'utf8'),
      );

      // Revoke the cercle, then enrol its key again through the page.
      await page.getByRole('button', { name: 'Révoquer la clé de ML0401' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réglages — Voisins et clés' }).waitFor();
      expect(await notice(page)).toMatch(/Clé de ML0401 révoquée : ses paquets sont refusés/);
      expect(await page.getByRole('row', { name: /ML0401/ }).count()).toBe(0);

      await page.getByLabel('Fichier de clé ou paquet de démarrage').setInputFiles(garbage);
      await page.getByRole('button', { name: 'Lire le fichier' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /Refusé : cle-abimee\.json : le fichier ne suit pas le format des clés OISE.*oise key export/,
      );
      await checkPage(page, folder, 'region-cle-refusee');
      await page.getByLabel('Fichier de clé ou paquet de démarrage').setInputFiles({
        name: 'grosse-cle.json',
        mimeType: 'application/json',
        buffer: Buffer.alloc(100 * 1024, 'a'),
      });
      await page.getByRole('button', { name: 'Lire le fichier' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /grosse-cle\.json : ce fichier de 100 Kio n'est pas une clé publique OISE/,
      );
      expect(readdirSync(join(scene.region, '.televersements')), 'nothing refused is kept').toEqual([]);

      await page.getByLabel('Fichier de clé ou paquet de démarrage').setInputFiles(cercleKey);
      await page.getByRole('button', { name: 'Lire le fichier' }).click();
      const confirm = page.getByRole('region', { name: "Confirmer l'enrôlement de ML0401" });
      await confirm.waitFor();
      expect(await fact(confirm, 'Empreinte')).toBe(exported.fingerprint);
      expect(await fact(confirm, 'Nœud')).toBe('ML0401 (Cercle), enfant de ce nœud');
      await checkPage(page, folder, 'region-enrolement-confirmer');
      await confirm.getByLabel("L'empreinte correspond à celle lue au téléphone").check();
      await confirm.getByRole('button', { name: 'Enrôler ML0401' }).click();
      await page.getByRole('status').first().waitFor();
      expect(await notice(page)).toBe(
        `Fait : ML0401 enrôlé comme enfant (empreinte ${exported.fingerprint}).`,
      );
      expect(await page.getByRole('row', { name: /ML0401/ }).innerText()).toContain(exported.fingerprint);
      const [starter] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le paquet de démarrage de ML0401' }).click(),
      ]);
      expect(starter.suggestedFilename()).toBe('demarrage-ML0401.oise');
      expect(readFileSync(await starter.path(), 'utf8')).toMatch(/^\{"format":"oise-demarrage"/);
      await checkPage(page, folder, 'region-enrolement-fait');
      expect(
        readdirSync(join(scene.region, '.televersements')),
        'the key read is removed once enrolled',
      ).toEqual([]);

      // The same key again: nothing to do, said in French.
      await page.getByLabel('Fichier de clé ou paquet de démarrage').setInputFiles(cercleKey);
      await page.getByRole('button', { name: 'Lire le fichier' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(/ML0401 est déjà enrôlé avec cette clé/);

      // A package from the cercle, signed with the key enrolled through the page, is applied.
      await enterAndSubmit(scene, tmp);
      const [up] = scene.outbox(scene.cercle, 'ML04');
      await page.goto(`${region.url}/paquets`);
      await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles(up!);
      await page.getByRole('button', { name: 'Déposer des paquets' }).click();
      await followJob(page, /\/paquets\/resultat\//);
      const results = page.getByRole('region', { name: 'Résultat du dépôt' });
      await results.waitFor();
      expect(await results.getByRole('row', { name: new RegExp(basename(up!)) }).innerText()).toMatch(
        /appliqué.*de ML0401, paquet n° 1/s,
      );

      // The node's settings: a value changed, a bad one refused next to its field, kept typed.
      await page.goto(`${region.url}/reglages`);
      await page
        .getByRole('navigation', { name: 'Parties des réglages' })
        .getByRole('link', { name: 'Réglages du nœud' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Réglages — Réglages du nœud' }).waitFor();
      await checkPage(page, folder, 'region-noeud');
      const dueDays = page.getByLabel('Délai de transmission du cercle (jours)');
      await dueDays.fill('20');
      await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
      await page.getByRole('status').waitFor();
      expect(await notice(page)).toMatch(/Fait : réglages enregistrés/);
      expect(await page.getByLabel('Délai de transmission du cercle (jours)').inputValue()).toBe('20');

      await page.getByLabel('Délai de transmission du cercle (jours)').fill('quinze');
      await page.getByLabel('Délai de transmission de la région (jours)').fill('35');
      await page.getByRole('button', { name: 'Enregistrer le calendrier' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /une valeur ne convient pas.*rien de ce groupe/,
      );
      const refusedField = page.getByLabel('Délai de transmission du cercle (jours)');
      expect(await refusedField.inputValue()).toBe('quinze');
      expect(await refusedField.getAttribute('aria-invalid')).toBe('true');
      expect(await page.locator('.field-error').innerText()).toContain(
        'Refusé : un délai du calendrier est un nombre de jours (par exemple 15).',
      );
      await checkPage(page, folder, 'region-noeud-refuse');

      await page.getByLabel('Adresse HTTP de ML0401').fill('ftp://ccc-baroueli');
      await page.getByRole('button', { name: 'Enregistrer les adresses' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.locator('.field-error').innerText()).toMatch(
        /seuls http:\/\/ et https:\/\/ sont possibles/,
      );
      await page.getByLabel('Adresse HTTP de ML0401').fill(' http://ccc-baroueli:8080 ');
      await page.getByRole('button', { name: 'Enregistrer les adresses' }).click();
      await page.getByRole('status').waitFor();

      // The HTTP inbox's limits (oise serve): a value saved, a word refused beside its field.
      const inbox = page.getByRole('region', { name: 'Boîte de réception HTTP' });
      await inbox.getByLabel('Envois à la fois d’une même adresse').fill('beaucoup');
      await inbox.getByRole('button', { name: 'Enregistrer la boîte de réception' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.locator('.field-error').innerText()).toContain(
        'serve.uploads-per-client est un nombre entier',
      );
      await page.getByLabel('Envois à la fois d’une même adresse').fill('4');
      await page.getByLabel('Place des paquets refusés gardés (Mio)').fill('300');
      await page.getByRole('button', { name: 'Enregistrer la boîte de réception' }).click();
      await page.getByRole('status').waitFor();
      expect(await notice(page)).toMatch(/Fait : réglages enregistrés/);
      expect(await page.getByLabel('Envois à la fois d’une même adresse').inputValue()).toBe('4');
      await checkPage(page, folder, 'region-noeud-boite');

      const settings = JSON.parse(await oise(['settings', '--dir', scene.region, '--json'])) as Record<
        string,
        string | null
      >;
      expect(settings['calendar.cercleDueDays']).toBe('20');
      expect(settings['calendar.regionDueDays'], 'nothing of a refused group is stored').toBeNull();
      expect(settings['transport.child-url.ML0401']).toBe('http://ccc-baroueli:8080');
      expect(settings['serve.uploads-per-client']).toBe('4');
      expect(settings['inbox.quota']).toBe('300');

      // The territory belongs to national: no such part here.
      expect((await fetch(`${region.url}/reglages/territoire`)).status).toBe(404);
    } finally {
      expect(await region.stop()).toBe(0);
    }

    // A new cercle applies the starter package its region wrote (oise enroll), through its own page.
    const fresh = join(tmp, 'ML0402');
    await oise(['init', '--dir', fresh, '--level', 'cercle', '--code', 'ML0402']);
    const freshKey = join(tmp, 'cle-ML0402.json');
    await oise(['key', 'export', '--dir', fresh, '--out', freshKey]);
    const starterFile = join(tmp, 'demarrage-ML0402.oise');
    await oise(['enroll', '--dir', scene.region, freshKey, '--out', starterFile]);
    const cercle = await startUi(fresh);
    try {
      await cercle.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${cercle.url}/reglages`);
      expect(
        await page.getByText("Aucun voisin enrôlé : ce nœud n'accepte encore aucun paquet.").count(),
      ).toBe(1);
      await page.getByLabel('Fichier de clé ou paquet de démarrage').setInputFiles(starterFile);
      await page.getByRole('button', { name: 'Lire le fichier' }).click();
      const confirm = page.getByRole('region', { name: "Confirmer l'enrôlement de ML04" });
      await confirm.waitFor();
      expect(await fact(confirm, 'Fichier')).toBe('demarrage-ML0402.oise (paquet de démarrage)');
      expect(await fact(confirm, 'Nœud')).toBe('ML04 (Région), parent de ce nœud');
      expect(await fact(confirm, 'Empreinte')).toBe(regionOwn.fingerprint);
      expect(await fact(confirm, 'Contenu')).toMatch(
        /dont \d+ communes de ce nœud ; catalogue : \d+ indicateurs/,
      );
      await checkPage(page, folder, 'cercle-demarrage-confirmer');
      await confirm.getByLabel("L'empreinte correspond à celle lue au téléphone").check();
      await confirm.getByRole('button', { name: 'Enrôler ML04' }).click();
      await page.getByRole('status').waitFor();
      expect(await notice(page)).toMatch(
        /^Fait : Paquet de démarrage de ML04 : ML04 enrôlé comme parent\. Territoire appliqué : [1-9]\d* communes de ce nœud/,
      );
      expect(await page.getByRole('row', { name: /ML04/ }).innerText()).toContain(regionOwn.fingerprint);
      expect(await page.getByRole('banner').innerText()).toContain('Cercle : ');
      await checkPage(page, folder, 'cercle-demarrage-fait');
    } finally {
      expect(await cercle.stop()).toBe(0);
    }
  });

  test('with accounts: an admin adds a « lecture » account, which may not change Réglages; the last admin stays', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'ML0401');
    await oise(['init', '--dir', dir, '--level', 'cercle', '--code', 'ML0401']);
    const added = await oiseWithInput(
      ['user', 'add', '--dir', dir, '--login', 'chef.ccc', '--role', 'admin', '--password-stdin'],
      'admin-barouéli\n',
    );
    expect(added.code, added.stderr).toBe(0);
    const routes = await withNode(dir, async (node) =>
      listRoutes(
        createWebApp({
          node,
          mode: 'accounts',
          clock: () => SCENE_NOW,
          clockMs: () => 0,
          secureCookies: false,
          port: () => 0,
          throttle: new LoginThrottle(),
          log: () => {},
        }),
      ),
    );
    const reglagesPosts = routes.filter((r) => r.method === 'POST' && r.path.startsWith('/reglages'));
    expect(reglagesPosts.map((r) => r.path).sort()).toEqual([
      '/reglages/comptes/ajouter',
      '/reglages/comptes/mot-de-passe',
      '/reglages/comptes/supprimer',
      '/reglages/enroler',
      '/reglages/enroler/confirmer',
      '/reglages/noeud',
      '/reglages/revoquer',
      '/reglages/territoire/import',
      '/reglages/territoire/limites',
    ]);

    let ui: UiProcess | undefined;
    try {
      ui = await startUi(dir, ['--host', '0.0.0.0']);
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/reglages/comptes`);
      await page.getByLabel('Identifiant').fill('chef.ccc');
      await page.getByLabel('Mot de passe').fill('admin-barouéli');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByRole('heading', { level: 1, name: 'Réglages — Comptes' }).waitFor();
      await checkPage(page, folder, 'comptes');

      // Two passwords that differ: refused, the login kept, no password sent back.
      await page.getByLabel('Identifiant').fill('lecteur');
      await page.getByLabel('Rôle').selectOption('lecture');
      await page.getByLabel('Mot de passe', { exact: true }).fill('lecture-barouéli');
      await page.getByLabel('Mot de passe, une seconde fois', { exact: true }).fill('lecture-bamako');
      await page.getByRole('button', { name: 'Ajouter le compte' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(/les deux mots de passe tapés diffèrent/);
      expect(await page.getByLabel('Identifiant').inputValue()).toBe('lecteur');
      expect(await page.getByLabel('Mot de passe', { exact: true }).inputValue()).toBe('');
      expect(await page.content()).not.toContain('lecture-barouéli');
      await checkPage(page, folder, 'comptes-refuse');

      await page.getByLabel('Rôle').selectOption('lecture');
      await page.getByLabel('Mot de passe', { exact: true }).fill('lecture-barouéli');
      await page.getByLabel('Mot de passe, une seconde fois', { exact: true }).fill('lecture-barouéli');
      await page.getByRole('button', { name: 'Ajouter le compte' }).click();
      await page.getByRole('status').waitFor();
      expect(await notice(page)).toBe('Fait : compte « lecteur » créé (rôle lecture).');
      expect(await page.getByRole('row', { name: /lecteur/ }).innerText()).toContain('lecture seule');
      expect(await page.content()).not.toContain('lecture-barouéli');

      // The last admin account stays.
      await page.getByRole('button', { name: 'Supprimer le compte chef.ccc' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(/« chef\.ccc » est le dernier compte admin/);
      await checkPage(page, folder, 'comptes-dernier-admin');
      const listed = JSON.parse(await oise(['user', 'list', '--dir', dir, '--json'])) as { login: string }[];
      expect(listed.map((a) => a.login)).toEqual(['chef.ccc', 'lecteur']);

      // « lecture » reads Réglages, but every Réglages POST is refused with 403.
      const reader = await newPage();
      await reader.goto(`${ui.url}/reglages`);
      await reader.getByLabel('Identifiant').fill('lecteur');
      await reader.getByLabel('Mot de passe').fill('lecture-barouéli');
      await reader.getByRole('button', { name: 'Se connecter' }).click();
      await reader.getByRole('heading', { level: 1, name: 'Réglages — Voisins et clés' }).waitFor();
      expect(await reader.getByRole('button', { name: /Révoquer|Lire le fichier/ }).count()).toBe(0);
      await checkPage(reader, folder, 'lecture-voisins');
      const cookies = await reader.context().cookies();
      const cookie = cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const token = /name="_csrf" value="([\w-]+)"/.exec(await reader.content())?.[1] ?? '';
      expect(token).toMatch(/^[\w-]{43}$/);
      for (const route of reglagesPosts) {
        const res = await fetch(`${ui.url}${route.path}?_csrf=${token}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'x-csrf-token': token, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            _csrf: token,
            code: 'ML04',
            login: 'chef.ccc',
            groupe: 'calendrier',
          }).toString(),
        });
        expect(res.status, `POST ${route.path} as lecture`).toBe(403);
        expect(await res.text()).toMatch(
          /Votre rôle « lecture » \(lecture seule\) ne permet pas de gérer les comptes, les réglages/,
        );
      }
      expect(
        (await fetch(`${ui.url}/reglages/comptes`, { headers: { cookie }, redirect: 'manual' })).status,
      ).toBe(403);
    } finally {
      if (ui) expect(await ui.stop()).toBe(0);
    }
  });

  test('national: the territory CSV imported through the page, with counts or findings; the map boundaries checked and stored', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'ML');
    await oise(['init', '--dir', dir, '--level', 'national', '--code', 'ML']);
    const bad = join(tmp, 'territoire-faux.csv');
    writeFileSync(
      bad,
      [
        'region_code,region_name,cercle_code,cercle_name,commune_code,commune_name',
        'ML04,Ségou,ML0401,Barouéli,ML040101,Barouéli',
        'ML04,Ségou,ML0401,Barouéli,ML050101,Konobougou',
        'ML04,Ségou,ML0401,Barouéli,ML040101,Barouéli',
      ].join('\n'),
    );
    const badMap = join(tmp, 'carte.geojson');
    writeFileSync(badMap, '{"type":"Feature","geometry":null}');

    const ui = await startUi(dir);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/reglages/territoire`);
      await page.getByRole('heading', { level: 1, name: 'Réglages — Territoire' }).waitFor();
      expect(await page.getByRole('region', { name: 'Territoire', exact: true }).innerText()).toContain(
        '0 communes',
      );
      await checkPage(page, folder, 'national-territoire');

      await page.getByLabel('Fichier du territoire (CSV)').setInputFiles(bad);
      await page.getByRole('button', { name: 'Importer le territoire' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /territoire-faux\.csv : 2 problème\(s\), rien n'a été enregistré/,
      );
      const findings = page.getByRole('region', { name: /Problèmes du fichier/ });
      expect(await findings.getByRole('row', { name: /ML050101/ }).innerText()).toMatch(
        /territoire-faux\.csv\s+3\s+E \(commune_code\)/,
      );
      expect(await findings.getByRole('row', { name: /en double/ }).innerText()).toMatch(/\s4\s/);
      await checkPage(page, folder, 'national-territoire-refuse');

      await page.getByLabel('Fichier du territoire (CSV)').setInputFiles(FIXTURES.demoTerritory);
      await page.getByRole('button', { name: 'Importer le territoire' }).click();
      await page.getByRole('status').waitFor();
      const lines = readFileSync(FIXTURES.demoTerritory, 'utf8').trim().split('\n').length - 1;
      const result = page.getByRole('region', { name: 'Territoire importé' });
      const cells = await result.getByRole('cell').allInnerTexts();
      expect(cells[2], 'communes').toBe(String(lines));
      const status = JSON.parse(
        await oise(['territory', 'import', '--dir', dir, FIXTURES.demoTerritory, '--json']),
      ) as {
        byLevel: { region: number; cercle: number; commune: number };
        units: number;
        unchanged: number;
      };
      expect(cells.slice(0, 3)).toEqual(
        [status.byLevel.region, status.byLevel.cercle, status.byLevel.commune].map(String),
      );
      expect(status.unchanged, 'the page stored what the command line would').toBe(status.units);
      await checkPage(page, folder, 'national-territoire-importe');

      await page.getByLabel('Fichier des limites (GeoJSON)').setInputFiles(badMap);
      await page.getByRole('button', { name: 'Importer les limites' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toBe(
        "Refusé : Le fichier « carte.geojson » n'est pas une FeatureCollection GeoJSON non vide.",
      );
      const stored = () =>
        oise(['territory', 'boundaries', 'import', '--dir', dir, SHARED_DATA.regionsGeojson, '--json']);

      if (SHARED_DATA.available) {
        await page.getByLabel('Fichier des limites (GeoJSON)').setInputFiles(SHARED_DATA.regionsGeojson);
        await page.getByRole('button', { name: 'Importer les limites' }).click();
        await page.getByRole('status').waitFor();
        // The demo territory has 3 of Mali's 9 regions: 3 kept, the 6 others listed.
        expect(await notice(page)).toMatch(
          /Fait : mali-regions\.geojson : limites de 3 régions du territoire \(3 ajoutées, 0 modifiée, 0 inchangée\)\./,
        );
        const limits = page.getByRole('region', { name: 'Limites de la carte' });
        expect(await limits.innerText()).toContain(
          "6 entités hors du territoire, non enregistrées (leur code n'est pas une région du territoire) :",
        );
        expect(await limits.getByRole('listitem').allInnerTexts()).toEqual([
          'ML01 Kayes',
          'ML05 Mopti',
          'ML06 Tombouctou',
          'ML07 Gao',
          'ML08 Kidal',
          'ML09 Bamako',
        ]);
        expect(await limits.innerText()).toContain(
          'Limites enregistrées : 3 régions, 0 cercle et 0 commune.',
        );
        // Stored as the command line stores them: the same file again changes nothing.
        expect(JSON.parse(await stored())).toEqual([expect.objectContaining({ kept: 3, unchanged: 3 })]);
        const set = JSON.parse(await oise(['settings', '--dir', dir, 'report.boundaries', '--json']));
        expect(set).toEqual({ 'report.boundaries': null });
        await checkPage(page, folder, 'national-limites');
      }
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });
});
