import { test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, followJob, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { enterAndSubmit, makeScene } from './web-scene.js';

/*
 * Paquets and Réglages in English (`oise ui --lang en`) at the region: the cercle's bundle
 * dropped as a background step, the bundles prepared, the log; the neighbours and keys, the
 * node's settings with the HTTP inbox's group and a refusal, the accounts. What comes from the
 * packages (a setting's description, the log's states) stays French. Screenshots (axe clean)
 * under .tmp/web-tests/web-paquets-en/.
 */
const folder = outputFolder('web-paquets-en');
const { newPage } = useChromium();

const PASS = /Passage \(démarrage\)|Pass \(start-up\)/;
const h1 = (page: Page, name: string) => page.getByRole('heading', { level: 1, name, exact: true }).waitFor();
const h2 = (page: Page, name: string) => page.getByRole('heading', { level: 2, name, exact: true }).waitFor();

describe('Paquets and Réglages in English', () => {
  test('the region drops, prepares and reads its log, and edits its settings, in English', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    await enterAndSubmit(scene, tmp);

    const region = await startUi(scene.region, ['--lang', 'en']);
    try {
      await region.waitForOutput(PASS);
      const page = await newPage();
      await page.goto(`${region.url}/paquets`);
      await h1(page, 'Bundles');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await h2(page, 'Send and receive over HTTP');
      const addresses = page.getByRole('table', { name: 'Address of the inbox of each enrolled neighbour.' });
      expect(await addresses.locator('thead th').allInnerTexts()).toEqual([
        'Neighbour',
        'Address',
        'Waiting',
      ]);
      expect(await addresses.getByRole('rowheader').allInnerTexts()).toEqual(
        expect.arrayContaining(['ML (parent node)', 'ML0401 (child)']),
      );
      expect(await addresses.innerText()).toMatch(/no address\s+1 bundle/);
      await page.getByRole('button', { name: 'Prepare the bundles', exact: true }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'To send' }).waitFor();
      const waiting = page.getByRole('table', { name: /^Bundles written for the neighbours/ });
      expect(await waiting.locator('tbody').innerText()).toMatch(/\d+ bytes|\d+(\.\d)? KB/);
      expect(await waiting.locator('tbody').innerText()).not.toMatch(/octets|Ko/);
      await checkPage(page, folder, 'region-paquets-en');

      // The cercle's bundle dropped: a background step whose page and result are in English.
      await page
        .getByLabel('Bundles received (.oise.gz files)')
        .setInputFiles(scene.outbox(scene.cercle, 'ML04'));
      await page.getByRole('button', { name: 'Drop bundles', exact: true }).click();
      await followJob(page, /\/paquets\/resultat\/[\w-]+$/);
      await h2(page, 'Result of the drop');
      expect(await page.locator('output').innerText()).toMatch(
        /^\d+ files? dropped: \d+ applied, 0 already received, 0 refused\.$/,
      );
      const dropped = page.getByRole('table', { name: 'Each file dropped, and what became of it.' });
      expect(await dropped.locator('thead th').allInnerTexts()).toEqual(['File', 'Outcome', 'Detail']);
      expect(await dropped.locator('tbody').innerText()).toMatch(
        /applied\s+from ML0401, bundle no\. 1 — applied: \d+ new or changed rows?\./,
      );
      await checkPage(page, folder, 'region-depot-en');

      await page.getByRole('button', { name: 'Prepare the bundles', exact: true }).click();
      await followJob(page, /\/paquets\/resultat\/[\w-]+$/);
      await h2(page, 'Bundles prepared');
      expect(await page.locator('output').innerText()).toMatch(
        /^\d+ bundles? written for .*, in the outbox\.$/,
      );
      expect(
        await page
          .getByRole('table', { name: /^The bundles written/ })
          .locator('thead th')
          .allInnerTexts(),
      ).toEqual(['Recipient', 'File', 'Number', 'Content', 'Size']);
      await checkPage(page, folder, 'region-preparer-en');

      await page.getByRole('link', { name: 'Log of bundles' }).click();
      await h1(page, 'Log of bundles');
      const log = page.getByRole('table', { name: /^Newest first: rows 1 to \d+ of \d+\.$/ });
      expect(await log.locator('thead th').allInnerTexts()).toEqual([
        'Date',
        'Way',
        'Neighbour',
        'Number',
        'State',
        'Reason or content',
        'Size',
      ]);
      expect(await log.locator('tbody').innerText()).toMatch(/received\s+from ML0401/);
      await page
        .getByRole('navigation', { name: 'Filter of the log' })
        .getByRole('link', { name: 'The refused bundles' })
        .click();
      await h2(page, 'The refused bundles');
      await page.getByText('No bundle refused.').waitFor();
      await checkPage(page, folder, 'region-journal-en');
      const unknown = await page.goto(`${region.url}/paquets/journal?filtre=perdus`);
      expect(unknown?.status()).toBe(400);
      await h1(page, 'Unknown filter');

      // Réglages: the neighbours and keys.
      await page.goto(`${region.url}/reglages`);
      await h1(page, 'Settings — Neighbours and keys');
      await h2(page, 'Trusted neighbours');
      const trusted = page.getByRole('table', {
        name: /^The bundles signed by these keys are accepted \(2 neighbours\)\.$/,
      });
      expect(await trusted.locator('thead th').allInnerTexts()).toEqual([
        'Neighbour',
        'Relationship',
        'Fingerprint',
        'Enrolled on',
        'Action',
      ]);
      await page.getByRole('button', { name: 'Revoke the key of ML0401' }).waitFor();
      await page.getByRole('button', { name: 'Read the file', exact: true }).waitFor();
      await page.getByRole('link', { name: 'Download the public key of ML04' }).waitFor();
      await checkPage(page, folder, 'region-voisins-en');

      // The node's settings, the HTTP inbox's group among them; a refusal in English.
      await page
        .getByRole('navigation', { name: 'Parts of the settings' })
        .getByRole('link', { name: 'Node settings' })
        .click();
      await h1(page, 'Settings — Node settings');
      const inbox = page.getByRole('region', { name: 'HTTP inbox' });
      for (const label of [
        'Room for the refused bundles kept (MiB)',
        'Uploads received at a time, all addresses',
        'Uploads at a time from one address',
        'Requests per minute from one address',
        'Silence of an upload before it is cut (seconds)',
        'Lowest rate of an upload (bytes per second)',
      ])
        await inbox.getByLabel(label, { exact: true }).waitFor();
      await inbox.getByLabel('Uploads at a time from one address').fill('many');
      await inbox.getByRole('button', { name: 'Save the inbox', exact: true }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').innerText()).toMatch(
        /^Refused: one value does not fit \(see the field\): nothing of this group was saved\.$/,
      );
      expect(await page.getByLabel('Uploads at a time from one address').inputValue()).toBe('many');
      expect(await page.locator('.field-error .field-message').innerText()).toMatch(
        /^Refused: serve\.uploads-per-client/,
      );
      await checkPage(page, folder, 'region-noeud-refuse-en');
      await page.getByLabel('Uploads at a time from one address').fill('3');
      await page.getByRole('button', { name: 'Save the inbox', exact: true }).click();
      await page
        .getByRole('status')
        .filter({ hasText: 'Done: settings saved; they count from the next pass.' })
        .waitFor();

      await page.goto(`${region.url}/reglages/comptes`);
      await h1(page, 'Settings — Accounts');
      await page.getByRole('button', { name: 'Add the account', exact: true }).waitFor();
      await page.getByLabel('Password, a second time').waitFor();
      await checkPage(page, folder, 'region-comptes-en');
    } finally {
      expect(await region.stop()).toBe(0);
    }
  });
});
