import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { runCliCaptured } from '@oise/cli';
import { FIXTURES, test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { type UiProcess, startUi } from './web-process.js';
import { SCENE_NOW, oise } from './web-scene.js';

/*
 * The first start from a folder (issue 19): `oise ui --dir` on a folder without a node serves
 * « Premier démarrage d'OISE », whose form creates the node as `oise init` does; the same process
 * then serves the new node's pages. Then national → region → cercle set up through their own
 * pages, each taking its parent's starter package. Screenshots under .tmp/web-tests/web-premier/.
 */
const folder = outputFolder('web-premier');
const { newPage } = useChromium();

interface Status {
  node: { code: string; level: string; parentCode: string | null };
  territory: { commune: number };
  indicators: number;
  neighbours: { code: string; relation: string; fingerprint: string; revoked: boolean }[];
}

async function status(dir: string): Promise<Status> {
  const r = await runCliCaptured(['status', '--dir', dir, '--json'], { OISE_NOW: SCENE_NOW });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Status;
}

/** Fills « Créer le nœud » and sends it. */
async function createNode(page: Page, level: RegExp, code: string): Promise<void> {
  await page.getByRole('radio', { name: level }).check();
  await page.getByLabel('Code du nœud').fill(code);
  await page.getByRole('button', { name: 'Créer le nœud' }).click();
}

/** `oise ui` on a folder without a node; its first line is the address of the first start. */
async function firstStart(dir: string): Promise<UiProcess> {
  const ui = await startUi(dir);
  expect(ui.firstLine).toContain("Premier démarrage d'OISE dans");
  return ui;
}

/** Downloads the key from « Mise en place » into `dir` and returns its path. */
async function downloadKey(page: Page, code: string, dir: string): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: `Télécharger la clé de ce nœud (cle-${code}.json)` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`cle-${code}.json`);
  const file = join(dir, `cle-${code}.json`);
  await download.saveAs(file);
  return file;
}

/** On « Mise en place »: the parent's starter package read, its fingerprint confirmed, applied. */
async function takeStarter(page: Page, parent: string, file: string): Promise<void> {
  await page.getByLabel(`Paquet de démarrage de ${parent}`, { exact: true }).setInputFiles(file);
  await page.getByRole('button', { name: 'Lire le fichier' }).click();
  const confirm = page.getByRole('region', { name: `Confirmer l'enrôlement de ${parent}` });
  await confirm.waitFor();
  await confirm.getByLabel("L'empreinte correspond à celle lue au téléphone").check();
  await confirm.getByRole('button', { name: `Enrôler ${parent}` }).click();
  await page.getByRole('status').waitFor();
}

/** The status of `GET /` sent with the `Host` header `host` (fetch cannot set it). */
function statusWithHost(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpGet({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
  });
}

const fingerprintOnPage = (page: Page) => page.locator('main code.fingerprint').first().innerText();

describe('first start from a folder, in Chromium', () => {
  test('an empty folder: the first-start page creates a cercle node, then the same process serves its Accueil', async ({
    tmp,
  }) => {
    const dir = join(tmp, 'ML0401');
    mkdirSync(dir);
    const ui = await firstStart(dir);
    try {
      const page = await newPage();
      await page.goto(`${ui.url}/`);
      await page.getByRole('heading', { name: "Premier démarrage d'OISE", level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('fr');
      await checkPage(page, folder, 'premier-demarrage');
      // Serving the page wrote nothing into the folder.
      expect(readdirSync(dir)).toEqual([]);

      // The same security chain as the node's pages: a foreign Host (DNS rebinding) and a form
      // without its token are refused, and nothing is written.
      expect(await statusWithHost(ui.port, `oise.example:${ui.port}`)).toBe(403);
      const forged = await fetch(`${ui.url}/premier-demarrage`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'niveau=cercle&code=ML0401',
        redirect: 'manual',
      });
      expect(forged.status).toBe(403);
      expect(readdirSync(dir)).toEqual([]);

      // In English through the same switch as every page, and back.
      await page.getByRole('link', { name: 'Show the pages in English' }).click();
      await page.getByRole('heading', { name: 'First start of OISE', level: 1 }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await checkPage(page, folder, 'premier-demarrage-en');
      await page.getByRole('link', { name: 'Afficher les pages en français' }).click();
      await page.getByRole('heading', { name: "Premier démarrage d'OISE", level: 1 }).waitFor();

      // A code of another level: the refusal of `oise init`, beside the field; nothing written.
      await createNode(page, /^Cercle/, 'ML04');
      await page.getByRole('heading', { name: "Premier démarrage d'OISE", level: 1 }).waitFor();
      const code = page.getByLabel('Code du nœud');
      expect(await code.getAttribute('aria-invalid')).toBe('true');
      expect(await code.inputValue()).toBe('ML04');
      expect(await page.locator('#code-erreur').innerText()).toBe(
        "Erreur : Le code « ML04 » ne correspond pas au niveau cercle : un code de ce niveau s'écrit comme ML0301.",
      );
      expect(await page.getByRole('alert').innerText()).toBe(
        'Le nœud n’est pas créé : corrigez le champ signalé ci-dessous.',
      );
      expect(await page.getByRole('radio', { name: /^Cercle/ }).isChecked()).toBe(true);
      expect(readdirSync(dir)).toEqual([]);
      await checkPage(page, folder, 'premier-demarrage-refus');

      await createNode(page, /^Cercle/, 'ML0401');
      await page.waitForURL(/\/mise-en-place\?cree=1$/);
      expect(await page.getByRole('status').innerText()).toBe(`Nœud cercle ML0401 créé dans ${dir}.`);
      expect(await page.getByRole('banner').innerText()).toContain('Cercle ML0401');
      await checkPage(page, folder, 'mise-en-place-cercle');

      // The node is the one `oise init` would have made: identity, catalog, keys.
      const made = await status(dir);
      expect(made.node).toEqual({ code: 'ML0401', level: 'cercle', parentCode: 'ML04', name: null });
      expect(made.indicators).toBeGreaterThan(50);
      const keyFile = await downloadKey(page, 'ML0401', tmp);
      const key = JSON.parse(readFileSync(keyFile, 'utf8')) as { code: string; fingerprint: string };
      expect(key.code).toBe('ML0401');
      expect(await fingerprintOnPage(page)).toBe(key.fingerprint);
      const exported = join(tmp, 'exportee.json');
      await oise(['key', 'export', '--dir', dir, '--out', exported]);
      expect(JSON.parse(readFileSync(exported, 'utf8'))).toEqual(key);

      await page.getByRole('link', { name: "Aller à l'accueil" }).click();
      await page.waitForURL(`${ui.url}/`);
      expect(await page.getByRole('navigation', { name: 'Navigation principale' }).innerText()).toContain(
        'Saisie',
      );
      // Not set up yet (no parent enrolled): the Accueil leads back to « Mise en place ».
      expect(await page.getByRole('link', { name: 'Mise en place du nœud' }).count()).toBe(1);
      await checkPage(page, folder, 'accueil-nouveau-cercle');
      // The first start is gone (it sent any other path back to its form): the node's pages answer now.
      expect((await fetch(`${ui.url}/premier-demarrage`, { redirect: 'manual' })).status).toBe(404);
      await ui.waitForOutput(/Nœud cercle ML0401 créé dans/);
    } finally {
      expect(await ui.stop()).toBe(0);
    }
    // Started again, the folder is a node: its pages at once.
    const again = await startUi(dir);
    try {
      expect(again.firstLine).toContain('Pages de ML0401');
    } finally {
      expect(await again.stop()).toBe(0);
    }
  });

  test('refused: a folder holding something else, the network on a folder without a node; stopped before creating, nothing written', async ({
    tmp,
  }) => {
    const documents = join(tmp, 'Documents');
    mkdirSync(documents);
    writeFileSync(join(documents, 'lettre.docx'), 'à garder');
    const refused = await runCliCaptured(['ui', '--dir', documents, '--port', '0'], { OISE_NOW: SCENE_NOW });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      `Le dossier « ${documents} » contient déjà autre chose qu'un nœud OISE (« lettre.docx ») et pas de node.sqlite : OISE n'y écrit rien.`,
    );
    expect(readdirSync(documents)).toEqual(['lettre.docx']);
    expect(readFileSync(join(documents, 'lettre.docx'), 'utf8')).toBe('à garder');

    const fresh = join(tmp, 'nouveau');
    const network = await runCliCaptured(['ui', '--dir', fresh, '--host', '0.0.0.0', '--port', '0'], {
      OISE_NOW: SCENE_NOW,
    });
    expect(network.code).not.toBe(0);
    expect(network.stderr).toContain('son premier démarrage se fait sur ce poste seulement');
    expect(existsSync(fresh)).toBe(false);

    // Started, then stopped before anything is created: nothing written, a clean exit.
    const idle = await firstStart(fresh);
    expect((await fetch(`${idle.url}/`)).status).toBe(200);
    expect(await idle.stop()).toBe(0);
    expect(idle.output()).toContain('Pages arrêtées.');
    expect(existsSync(fresh)).toBe(false);
  });

  test('national, then a region and a cercle set up through their pages, each taking its parent’s starter package', async ({
    tmp,
  }) => {
    // National, by the command line, holds the territory.
    const national = join(tmp, 'ML');
    await oise(['init', '--dir', national, '--level', 'national', '--code', 'ML']);
    await oise(['territory', 'import', '--dir', national, FIXTURES.demoTerritory]);

    const regionDir = join(tmp, 'ML04');
    const cercleDir = join(tmp, 'ML0401');
    const region = await firstStart(regionDir);
    let regionKey = '';
    try {
      const page = await newPage();
      await page.goto(`${region.url}/`);
      await createNode(page, /^Région/, 'ML04');
      await page.waitForURL(/\/mise-en-place\?cree=1$/);
      expect(await page.getByRole('heading', { level: 2, name: /paquet de démarrage de ML$/ }).count()).toBe(
        1,
      );
      regionKey = await downloadKey(page, 'ML04', tmp);
      // National enrols the region's key (oise enroll) and writes its starter package.
      const starter = join(tmp, 'demarrage-ML04.oise');
      await oise(['enroll', '--dir', national, regionKey, '--out', starter]);
      await region.waitForOutput(/Passage \(démarrage\)/);
      await takeStarter(page, 'ML', starter);
      expect(await page.locator('main .message').first().innerText()).toMatch(
        /^Fait : Paquet de démarrage de ML : ML enrôlé comme parent\. Territoire appliqué : [1-9]/,
      );
      await page.goto(`${region.url}/mise-en-place`);
      expect(await page.getByText(/^Fait : ML est enrôlé comme parent/).count()).toBe(1);
      expect(await page.getByText(/^Territoire : [1-9][\d\s]* communes de ce nœud\.$/).count()).toBe(1);
      await checkPage(page, folder, 'mise-en-place-region-prete');
    } finally {
      expect(await region.stop()).toBe(0);
    }
    const regionStatus = await status(regionDir);
    expect(regionStatus.neighbours).toMatchObject([{ code: 'ML', relation: 'parent', revoked: false }]);
    expect(regionStatus.territory.commune).toBeGreaterThan(0);

    const cercle = await firstStart(cercleDir);
    try {
      const page = await newPage();
      await page.goto(`${cercle.url}/`);
      await createNode(page, /^Cercle/, 'ML0401');
      await page.waitForURL(/\/mise-en-place\?cree=1$/);
      const cercleKey = await downloadKey(page, 'ML0401', tmp);
      const fingerprint = await fingerprintOnPage(page);
      await cercle.waitForOutput(/Passage \(démarrage\)/);

      // A file that is not a starter package: its French refusal, nothing enrolled, nothing kept.
      const garbage = join(tmp, 'demarrage-ML0401.oise');
      writeFileSync(garbage, 'ceci n’est pas un paquet\n');
      await page.getByLabel('Paquet de démarrage de ML04', { exact: true }).setInputFiles(garbage);
      await page.getByRole('button', { name: 'Lire le fichier' }).click();
      const refusal = page.locator('main .message.error').first();
      await refusal.waitFor();
      expect(await refusal.innerText()).toContain('demarrage-ML0401.oise');
      expect(await refusal.innerText()).toContain('ni un paquet de démarrage');
      expect(await page.getByRole('region', { name: /Confirmer l'enrôlement/ }).count()).toBe(0);
      await checkPage(page, folder, 'mise-en-place-refus');
      expect((await status(cercleDir)).neighbours).toEqual([]);
      expect(readdirSync(join(cercleDir, '.televersements'))).toEqual([]);

      // The region enrols the cercle's key (oise enroll) and writes its starter package.
      const starter = join(tmp, 'demarrage-ML0401-vrai.oise');
      const enrolled = await oise(['enroll', '--dir', regionDir, cercleKey, '--out', starter]);
      expect(enrolled).toContain(`ML0401 enrôlé comme enfant (empreinte ${fingerprint})`);
      await page.goto(`${cercle.url}/mise-en-place`);
      await takeStarter(page, 'ML04', starter);
      expect(await page.locator('main .message').first().innerText()).toMatch(
        /^Fait : Paquet de démarrage de ML04 : ML04 enrôlé comme parent\. Territoire appliqué : [1-9]\d* communes de ce nœud/,
      );
      await page.goto(`${cercle.url}/mise-en-place`);
      expect(await page.getByText('Ce nœud est prêt : ses pages servent dès maintenant.').count()).toBe(1);
      await checkPage(page, folder, 'mise-en-place-cercle-pret');
      // The territory came with the package: the banner names the cercle; the Accueil no longer
      // points to « Mise en place ».
      await page.goto(`${cercle.url}/`);
      expect(await page.getByRole('banner').innerText()).toContain('Barouéli (ML0401)');
      expect(await page.getByRole('link', { name: 'Mise en place du nœud' }).count()).toBe(0);
    } finally {
      expect(await cercle.stop()).toBe(0);
    }
    const cercleStatus = await status(cercleDir);
    expect(cercleStatus.node).toMatchObject({ code: 'ML0401', level: 'cercle', parentCode: 'ML04' });
    const regionFingerprint = (JSON.parse(readFileSync(regionKey, 'utf8')) as { fingerprint: string })
      .fingerprint;
    expect(cercleStatus.neighbours).toMatchObject([
      { code: 'ML04', relation: 'parent', fingerprint: regionFingerprint, revoked: false },
    ]);
    expect(cercleStatus.territory.commune).toBeGreaterThan(0);
  });
});
