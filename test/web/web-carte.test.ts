import { readFileSync } from 'node:fs';
import { colourCounts } from '@oise/report/test-support';
import { SHARED_DATA, test } from '@oise/testkit';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { carry, enterAndSubmit, makeScene, oise } from './web-scene.js';

/*
 * The choropleth in Chromium, on real node folders: national with all of Mali's territory and
 * its boundaries imported by the command line, the boundaries carried down to the region and
 * the cercle, the cercle's quarter entered, validated and forwarded. Completeness and
 * timeliness are drawn at national (regions, then Ségou's cercles) and at the cercle (its
 * communes).
 */
const folder = outputFolder('web-carte');
const { newPage } = useChromium();

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface DrawnMap {
  svg: Box;
  paths: (Box & { code: string; fill: string })[];
}

/** The drawn map: its SVG's box and each unit path's box and code. */
async function drawnMap(page: Page): Promise<DrawnMap> {
  await page.locator('figure.carte[data-carte-dessinee]').waitFor();
  // In the page (a string: the tests' types have no DOM).
  return page.evaluate(`(() => {
    const svg = document.querySelector('figure.carte svg');
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    };
    return {
      svg: box(svg),
      paths: [...svg.querySelectorAll('path[data-code]')].map((p) => ({
        code: p.getAttribute('data-code'),
        fill: p.getAttribute('fill'),
        ...box(p),
      })),
    };
  })()`) as Promise<DrawnMap>;
}

/** Each path lies inside the SVG and covers only part of it (not the globe minus the unit). */
function expectOwnBoxes(map: DrawnMap) {
  const area = map.svg.width * map.svg.height;
  for (const p of map.paths) {
    expect(p.width * p.height, p.code).toBeLessThan(area * 0.6);
    expect(p.width, p.code).toBeGreaterThan(0);
    expect(p.x, p.code).toBeGreaterThanOrEqual(map.svg.x - 1);
    expect(p.y, p.code).toBeGreaterThanOrEqual(map.svg.y - 1);
    expect(p.x + p.width, p.code).toBeLessThanOrEqual(map.svg.x + map.svg.width + 1);
    expect(p.y + p.height, p.code).toBeLessThanOrEqual(map.svg.y + map.svg.height + 1);
  }
}

/** Tabs until the focused element's accessible name starts with `name` (at most `max` presses). */
async function tabTo(page: Page, name: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const label = String(await page.evaluate("document.activeElement?.getAttribute('aria-label') ?? ''"));
    if (label.startsWith(name)) return;
  }
  throw new Error(`« ${name} » jamais atteint au clavier`);
}

describe('the completeness map in the browser', () => {
  test.skipIf(!SHARED_DATA.available)(
    "national draws Mali's regions, then Ségou's cercles; the cercle draws its communes (needs ../shared/data)",
    async ({ tmp }) => {
      const scene = await makeScene(tmp, {
        territory: SHARED_DATA.communes,
        boundaries: [SHARED_DATA.regionsGeojson, SHARED_DATA.cerclesGeojson, SHARED_DATA.communesGeojson],
      });
      await enterAndSubmit(scene, tmp);
      await carry(scene.outbox(scene.cercle, 'ML04'), scene.region);
      await oise(['quarter', 'validate', '--dir', scene.region, '--unit', 'ML0401', '--quarter', '2025Q1']);
      await carry(scene.outbox(scene.region, 'ML'), scene.national);

      const ui = await startUi(scene.national);
      try {
        const page = await newPage();
        await page.goto(`${ui.url}/tableau/completude?trimestre=2025Q1`);
        expect(await page.locator('h1').textContent()).toBe(
          'Complétude et ponctualité : Mali, 1er trimestre 2025',
        );
        const regions = await drawnMap(page);
        // One path per region of the territory, each in its own box.
        expect(regions.paths.map((p) => p.code).sort()).toEqual([
          'ML01',
          'ML02',
          'ML03',
          'ML04',
          'ML05',
          'ML06',
          'ML07',
          'ML08',
          'ML09',
        ]);
        expectOwnBoxes(regions);
        // Ségou has values (2 communes of Barouéli): another class than the regions with none.
        const fill = (code: string) => regions.paths.find((p) => p.code === code)!.fill;
        expect(fill('ML04')).not.toBe(fill('ML01'));
        // The table says the same: Ségou has not submitted its own quarter yet, which is
        // expected by the region due date, and 2 of its communes have values.
        const segouRow = page.locator('tr[data-code="ML04"]');
        expect(await segouRow.locator('td').nth(0).textContent()).toBe('non transmis');
        expect(await segouRow.locator('td').nth(1).textContent()).toBe('attendu le 30 avril 2025');
        expect(await segouRow.locator('td').nth(2).textContent()).toBe('2 / 119 communes');
        await checkPage(page, folder, '1-national-regions');

        // Keyboard: Tab reaches Ségou on the map, its label shows, Enter drills down.
        await tabTo(page, 'Ségou :');
        const label = page.locator('[data-carte-etiquette]');
        await label.waitFor({ state: 'visible' });
        expect(await label.textContent()).toMatch(/^Ségou : \d+ % des communes/);
        await page.screenshot({ path: `${folder}/2-national-focus-segou.png` });
        await page.keyboard.press('Enter');
        await page.waitForURL(/unite=ML04/);
        const cercles = await drawnMap(page);
        expect(cercles.paths.map((p) => p.code).sort()).toEqual([
          'ML0401',
          'ML0402',
          'ML0403',
          'ML0404',
          'ML0405',
          'ML0406',
          'ML0407',
        ]);
        expectOwnBoxes(cercles);
        await checkPage(page, folder, '3-national-cercles-segou');

        // « Télécharger la carte (PNG) »: drawn in the browser, not blank.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByRole('button', { name: 'Télécharger la carte (PNG)' }).click(),
        ]);
        expect(download.suggestedFilename()).toBe('carte-completude.png');
        const png = readFileSync((await download.path())!);
        const colours = await colourCounts(png);
        const painted = [...colours].filter(([c]) => c !== '#ffffff').reduce((n, [, k]) => n + k, 0);
        expect(painted).toBeGreaterThan(20_000);

        // Back up by the breadcrumb.
        await page
          .getByRole('navigation', { name: "Fil d'Ariane" })
          .getByRole('link', { name: 'Mali' })
          .click();
        await page.waitForURL(/unite=ML(&|$)/);
        expect((await drawnMap(page)).paths).toHaveLength(9);

        // « Voir par : communes »: all of Mali's 701 communes on one map, each in its own box.
        await page
          .getByRole('navigation', { name: 'Voir par' })
          .getByRole('link', { name: 'communes' })
          .click();
        await page.waitForURL(/niveau=communes/);
        const communes = await drawnMap(page);
        expect(communes.paths).toHaveLength(701);
        expectOwnBoxes(communes);
        expect(communes.paths.filter((p) => p.fill === communes.paths[0]!.fill).length).toBe(699);
        // (axe already checked this page's shape on the regions; over 701 links it takes minutes.)
        await page.screenshot({ path: `${folder}/5-national-communes.png` });

        // The boundaries route: GeoJSON once, then 304 by its ETag; bad levels and codes refused.
        const first = await page.request.get(`${ui.url}/carte/limites/cercles?parent=ML04`);
        expect(first.status()).toBe(200);
        expect(first.headers()['content-type']).toMatch(/^application\/geo\+json/);
        expect(((await first.json()) as { features: unknown[] }).features).toHaveLength(7);
        const again = await page.request.get(`${ui.url}/carte/limites/cercles?parent=ML04`, {
          headers: { 'if-none-match': first.headers().etag! },
        });
        expect(again.status()).toBe(304);
        expect((await page.request.get(`${ui.url}/carte/limites/pays`)).status()).toBe(404);
        expect((await page.request.get(`${ui.url}/carte/limites/regions?parent=S%C3%A9gou`)).status()).toBe(
          400,
        );
        expect((await page.request.get(`${ui.url}/tableau/completude?trimestre=2025Q9`)).status()).toBe(400);
        expect((await page.request.get(`${ui.url}/tableau/completude?unite=ML040101`)).status()).toBe(404);
        for (const path of ['/static/d3-array.min.js', '/static/d3-geo.min.js', '/static/carte.js']) {
          const r = await page.request.get(`${ui.url}${path}`);
          expect(r.status(), path).toBe(200);
          expect(r.headers()['content-type'], path).toMatch(/^text\/javascript/);
        }
      } finally {
        await ui.stop();
      }

      // The cercle draws its own communes, from the boundaries it received.
      const cercleUi = await startUi(scene.cercle);
      try {
        const page = await newPage();
        await page.goto(`${cercleUi.url}/tableau/completude?trimestre=2025Q1`);
        const communes = await drawnMap(page);
        expect(communes.paths).toHaveLength(13);
        expect(communes.paths.every((p) => p.code.startsWith('ML0401'))).toBe(true);
        expectOwnBoxes(communes);
        // Baraoueli and Konobougou have values; the others are coloured « aucune valeur » (0 %).
        expect(await page.locator('tr[data-code="ML040101"] td').first().textContent()).toBe(
          'valeurs reçues',
        );
        expect(await page.locator('tr[data-code="ML040102"] td').first().textContent()).toBe('aucune valeur');
        await checkPage(page, folder, '4-cercle-communes');
      } finally {
        await cercleUi.stop();
      }
    },
    120_000,
  );
});
