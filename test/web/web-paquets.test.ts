import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { acquireNodeLock } from '@oise/node';
import { test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, followJob, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { SCENE_NOW, enterAndSubmit, makeScene, oise } from './web-scene.js';

/*
 * Paquets between two real nodes: the cercle's `oise ui`, the region's `oise ui --inbox-port 0`
 * (pages and HTTP inbox in one process). The cercle prepares and sends its packages from the
 * page, the region's log shows them applied or refused with the reason; a drop runs as a
 * background step. Screenshots under .tmp/web-tests/web-paquets/.
 */
const folder = outputFolder('web-paquets');
const { newPage } = useChromium();

/** Clicks a step's button and follows its progress page to the result; returns the progress page's address. */
async function runStep(page: Page, button: string): Promise<string> {
  await page.getByRole('button', { name: button }).click();
  return followJob(page, /\/paquets\/resultat\/[\w-]+$/);
}

describe('Paquets between two nodes, in Chromium', () => {
  // Two real node processes and a dozen pages: longer than the default on a shared machine.
  test(
    'prepare, send over HTTP, applied and refused in the region’s log; the drop as a step',
    {
      timeout: 300_000,
    },
    async ({ tmp }) => {
      const scene = await makeScene(tmp);
      await enterAndSubmit(scene, tmp);
      const [first] = scene.outbox(scene.cercle, 'ML04');
      expect(first).toBeDefined();

      const region = await startUi(scene.region, ['--inbox-port', '0']);
      const cercle = await startUi(scene.cercle);
      try {
        await region.waitForOutput(/Boîte de réception HTTP de ML04 à l'écoute sur http:\/\/\S+\.\n/);
        const inbox = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)\/paquets\./.exec(region.output())?.[1];
        expect(inbox).toBeDefined();
        await region.waitForOutput(/Passage \(démarrage\)/);
        await cercle.waitForOutput(/Passage \(démarrage\)/);

        // The cercle without an address: the page says how to set one, and that nothing is pulled.
        const c = await newPage();
        await c.goto(`${cercle.url}/paquets`);
        const http = c.getByRole('region', { name: 'Envoyer et recevoir par HTTP' });
        expect(await http.getByRole('row', { name: /ML04 \(parent\)/ }).innerText()).toMatch(
          /aucune adresse\s+\d+ paquets?/,
        );
        expect(await http.innerText()).toContain(
          `oise settings --dir ${scene.cercle} transport.parent-url http://machine:8080`,
        );
        expect(await http.innerText()).toMatch(/La boîte de réception HTTP de ce nœud n'est pas ouverte/);
        expect(await http.getByRole('button', { name: 'Envoyer maintenant' }).count()).toBe(0);
        await checkPage(c, folder, 'cercle-paquets-sans-adresse');

        // The region's inbox address set at the cercle (command line); « Envoyer maintenant » delivers.
        await oise(['settings', '--dir', scene.cercle, 'transport.parent-url', inbox!]);
        await c.reload();
        expect(await http.getByRole('row', { name: /ML04 \(parent\)/ }).innerText()).toContain(inbox!);
        const progress = await runStep(c, 'Envoyer maintenant');
        const sent = c.getByRole('region', { name: "Résultat de l'envoi" });
        expect(await sent.getByRole('status').innerText()).toMatch(
          /^\d+ paquets? reçus? par les voisins, 0 refusé, 0 non envoyé\.$/,
        );
        expect(await sent.getByRole('row', { name: new RegExp(basename(first!)) }).innerText()).toMatch(
          /ML04\s+ML0401-ML04-\d+\.oise\.gz\s+appliqué\s+appliqué : \d+ ligne/,
        );
        expect(await c.getByRole('region', { name: 'À envoyer' }).innerText()).toContain(
          "Aucun paquet en attente d'envoi.",
        );
        await checkPage(c, folder, 'cercle-envoi-resultat');
        // Its progress page, once over, says how it ended and links to the result.
        await c.goto(progress);
        await c.getByRole('heading', { level: 1, name: 'Envoi des paquets par HTTP' }).waitFor();
        expect(await c.getByRole('status').innerText()).toMatch(
          /^Terminé : \d+ paquets? reçus? par les voisins/,
        );
        expect(await c.getByRole('link', { name: 'Voir le résultat' }).getAttribute('href')).toMatch(
          /^\/paquets\/resultat\//,
        );
        await checkPage(c, folder, 'cercle-envoi-travail');

        // The region's log: the cercle's package applied, with its sender, number and size.
        const r = await newPage();
        await r.goto(`${region.url}/paquets`);
        const recevoir = r.getByRole('region', { name: 'Envoyer et recevoir par HTTP' });
        expect(await recevoir.innerText()).toContain(
          `La boîte de réception de ce nœud écoute sur ${inbox}/paquets`,
        );
        await checkPage(r, folder, 'region-paquets');
        await r.getByRole('link', { name: 'Journal des paquets' }).click();
        await r.getByRole('heading', { level: 1, name: 'Journal des paquets' }).waitFor();
        const log = r.getByRole('region', { name: 'Tous les paquets' });
        const applied = log.getByRole('row', { name: new RegExp(basename(first!)) }).first();
        expect(await applied.innerText()).toMatch(
          /10 avril 2025 à 09:00\s+reçu\s+de ML0401\s+1\s+appliqué\s+.*\d+ lignes? \(1er trimestre 2025\)\s+[\d,]+ (Ko|octets)/s,
        );
        const counts = r.getByRole('region', { name: 'Par voisin' });
        expect(await counts.getByRole('row', { name: /^ML0401/ }).innerText()).toMatch(
          /^ML0401\s+[1-9]\d*\s+0\s+0\s+/,
        );
        await checkPage(r, folder, 'region-journal');

        // « Préparer les paquets » at the cercle after a new figure, then that package damaged on the way.
        const csv = join(tmp, 'saisie-2025Q2.csv');
        writeFileSync(
          csv,
          [
            'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
            'ML040101;SAN_CSCOM;2025Q2;;5;',
          ].join('\n'),
        );
        await oise(['import', '--dir', scene.cercle, csv]);
        await c.goto(`${cercle.url}/paquets`);
        await runStep(c, 'Préparer les paquets');
        const prepared = c.getByRole('region', { name: 'Paquets préparés' });
        expect(await prepared.getByRole('status').innerText()).toBe(
          "1 paquet écrit pour ML04, dans la boîte d'envoi.",
        );
        const [again] = scene.outbox(scene.cercle, 'ML04');
        expect(again).toBeDefined();
        expect(await prepared.getByRole('row', { name: new RegExp(basename(again!)) }).innerText()).toMatch(
          /ML04 \(montant\)\s+ML0401-ML04-\d+\.oise\.gz\s+2\s+\d+ lignes? \(.*2e trimestre 2025\)\s+\d+ octets/,
        );
        await checkPage(c, folder, 'cercle-preparer-resultat');
        const lines = gunzipSync(readFileSync(again!)).toString('utf8').split('\n');
        lines[1] = `${lines[1]} `;
        writeFileSync(again!, gzipSync(lines.join('\n')));
        await c.goto(`${cercle.url}/paquets`);
        await runStep(c, 'Envoyer maintenant');
        const refusedRow = c
          .getByRole('region', { name: "Résultat de l'envoi" })
          .getByRole('row', { name: new RegExp(basename(again!)) });
        const refusedText = await refusedRow.innerText();
        expect(refusedText).toMatch(/refusé par le destinataire/);
        const reason = (await refusedRow.getByRole('cell').last().innerText()).trim();
        expect(reason.length).toBeGreaterThan(20);
        await checkPage(c, folder, 'cercle-envoi-refuse');

        // The region's log of refusals shows it, with the same French reason.
        await r.goto(`${region.url}/paquets/journal`);
        await r.getByRole('link', { name: 'Les paquets refusés' }).click();
        const refusals = r.getByRole('region', { name: 'Les paquets refusés' });
        const refusedLine = refusals.getByRole('row', { name: new RegExp(basename(again!)) });
        // Its signature no longer verifies: not ML0401's own refusal, whatever its manifest claims.
        expect(await refusedLine.innerText()).toMatch(
          /reçu\s+expéditeur inconnu \(se dit ML0401\)\s+\d+\s+refusé/,
        );
        expect(await refusedLine.innerText()).toContain(reason);
        expect(await refusals.getByRole('row').count()).toBe(2);
        await checkPage(r, folder, 'region-journal-refuses');

        // A file that is not a package is refused as soon as it is dropped: nothing kept, no step.
        const garbage = join(tmp, 'pas-un-paquet.oise.gz');
        writeFileSync(garbage, 'ceci est un courriel, pas un paquet');
        await r.goto(`${region.url}/paquets`);
        await r.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles([garbage]);
        await r.getByRole('button', { name: 'Déposer des paquets' }).click();
        await r
          .getByText(/Le fichier « pas-un-paquet\.oise\.gz » est refusé : ce n'est pas un paquet OISE/)
          .waitFor();
        await checkPage(r, folder, 'region-depot-refuse');

        // The drop runs as a step: its progress page, then each file's verdict (the tampered package).
        const tampered = join(scene.cercle, 'outbox', 'ML04', 'envoyes', basename(again!));
        await r.goto(`${region.url}/paquets`);
        await r.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles([tampered]);
        const dropProgress = await runStep(r, 'Déposer des paquets');
        const dropped = r.getByRole('region', { name: 'Résultat du dépôt' });
        expect(await dropped.getByRole('status').innerText()).toBe(
          '1 fichier déposé : 0 appliqué, 0 déjà reçu, 1 refusé.',
        );
        expect(await dropped.getByRole('row', { name: new RegExp(basename(again!)) }).innerText()).toMatch(
          /refusé.*la signature ne correspond pas/s,
        );
        await checkPage(r, folder, 'region-depot-resultat');
        await r.goto(dropProgress);
        expect(await r.getByRole('heading', { level: 1 }).innerText()).toBe('Dépôt de paquets');
        expect(await r.getByRole('status').innerText()).toMatch(/^Terminé : 1 fichier déposé/);

        // The journal filters refused ones, and a bad filter or page gets a French 400.
        await r.goto(`${region.url}/paquets/journal?filtre=refuses`);
        expect(await r.getByRole('region', { name: 'Les paquets refusés' }).getByRole('row').count()).toBe(3);
        const bad = await r.request.get(`${region.url}/paquets/journal?filtre=autre`);
        expect(bad.status()).toBe(400);
        expect(await bad.text()).toContain('pas un filtre du journal');
        expect((await r.request.get(`${region.url}/paquets/journal?page=0`)).status()).toBe(400);
        expect((await r.request.get(`${region.url}/paquets/resultat/inconnu123`)).status()).toBe(404);
      } finally {
        expect(await cercle.stop()).toBe(0);
        expect(await region.stop()).toBe(0);
      }
    },
  );

  test('the log page by page: 50 lines a page, newest first, its pages linked', async ({ tmp }) => {
    const dir = join(tmp, 'ML04');
    await oise(['init', '--dir', dir, '--level', 'region', '--code', 'ML04']);
    // ML0401 enrolled, so that a drop claiming it passes the manifest check.
    const child = join(tmp, 'ML0401');
    await oise(['init', '--dir', child, '--level', 'cercle', '--code', 'ML0401']);
    await oise(['key', 'export', '--dir', child, '--out', join(tmp, 'ML0401.json')]);
    await oise(['enroll', '--dir', dir, join(tmp, 'ML0401.json'), '--out', join(tmp, 'demarrage.oise')]);
    // Sixty damaged files left in the inbox: the start-up pass refuses each one, with its reason.
    for (let i = 1; i <= 60; i++)
      writeFileSync(join(dir, 'inbox', `abime-${String(i).padStart(2, '0')}.oise.gz`), `pas un paquet ${i}`);
    const ui = await startUi(dir);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      expect(ui.output()).toMatch(/Réception des paquets \(refusés 60\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/paquets/journal?filtre=refuses`);
      const log = page.getByRole('region', { name: 'Les paquets refusés' });
      const rows = log.getByRole('row');
      expect(await rows.count()).toBe(51);
      expect(await log.locator('caption').innerText()).toBe(
        'Du plus récent au plus ancien : lignes 1 à 50 sur 60.',
      );
      expect(await rows.nth(1).innerText()).toMatch(/abime-60\.oise\.gz/);
      const pages = page.getByRole('navigation', { name: 'Pages du journal' });
      expect(await pages.innerText()).toMatch(/Page 1 sur 2/);
      expect(await pages.getByRole('link', { name: 'Page précédente' }).count()).toBe(0);
      await checkPage(page, folder, 'journal-page-1');
      await pages.getByRole('link', { name: 'Page suivante' }).click();
      await page.waitForURL(/page=2/);
      expect(await rows.count()).toBe(11);
      expect(await rows.nth(10).innerText()).toMatch(/abime-01\.oise\.gz/);
      expect(await rows.nth(10).innerText()).toMatch(/expéditeur inconnu\s+—\s+refusé/);
      expect(await pages.getByRole('link', { name: 'Page suivante' }).count()).toBe(0);
      expect(await page.getByRole('region', { name: 'Par voisin' }).innerText()).toMatch(
        /expéditeur inconnu\s+0\s+0\s+60\s+0/,
      );
      await checkPage(page, folder, 'journal-page-2');

      // A drop while another writer holds the node's lock waits for it, then is applied.
      const lock = acquireNodeLock(join(dir, 'node.lock'), SCENE_NOW);
      let released = false;
      try {
        // It claims ML0401 in its manifest, but nobody signed it.
        const late = join(tmp, 'tardif.oise.gz');
        const claim = {
          format: 'oise-bundle',
          formatVersion: 1,
          sender: 'ML0401',
          recipient: 'ML04',
          sequence: 1,
        };
        writeFileSync(late, gzipSync(`${JSON.stringify(claim)}\nencore un courriel`));
        await page.goto(`${ui.url}/paquets`);
        await page.getByLabel('Paquets reçus (fichiers .oise.gz)').setInputFiles([late]);
        await page.getByRole('button', { name: 'Déposer des paquets' }).click();
        await page.waitForURL(/\/travaux\//);
        await page.getByText(/en attente : une autre opération est en cours sur le nœud/).waitFor();
        await checkPage(page, folder, 'depot-en-attente');
        lock.release();
        released = true;
        await followJob(page, /\/paquets\/resultat\//);
        expect(
          await page
            .getByRole('region', { name: 'Résultat du dépôt' })
            .getByRole('row', { name: /tardif/ })
            .innerText(),
        ).toMatch(/refusé.*le paquet est incomplet/s);
      } finally {
        if (!released) lock.release();
      }
    } finally {
      expect(await ui.stop()).toBe(0);
    }
  });
});
