import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_DATA, test } from '@oise/testkit';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { startUi } from './web-process.js';
import { carry, makeScene, oise, quarterUpToRegion, queried } from './web-scene.js';

/*
 * The *Tableau de bord* in Chromium on a national node holding a cercle's quarters (made by the
 * command line): the figures equal `oise query`, the chart is drawn, drill-down and the
 * breadcrumb, the exports read back, a bookmarked URL and a saved view reopen the same view, a
 * package sent over HTTP to the running national shows as new figures without a restart, and a
 * cercle's dashboard shows its communes.
 */
const folder = outputFolder('web-tableau');
const { newPage } = useChromium();
const INDICATOR = 'SAN_CONSULT_CURATIVES';
const INDICATOR_LABEL = 'Nombre de consultations curatives';

/** A figure as the table shows it: French (« 1 590 », « — » for none), or English (« 1,590 »). */
const figureOf = (text: string, lang: 'fr' | 'en' = 'fr'): number | null =>
  /aucun chiffre|no figure/.test(text)
    ? null
    : Number(
        lang === 'fr' ? text.replace(/[\s\u202f\u00a0]/g, '').replace(',', '.') : text.replace(/[\s,]/g, ''),
      );

/** The table as a person reads it: each row's unit code, and per period its figure and completeness. */
async function shownTable(page: Page, lang: 'fr' | 'en' = 'fr') {
  const table = page.getByRole('table', {
    name: lang === 'fr' ? /et ses collectivités, par période/ : /and its units, by period/,
  });
  const periods = (await table.locator('thead th').allInnerTexts()).slice(1);
  const rows: { unit: string; cells: { value: string; completeness: string }[] }[] = [];
  for (const tr of await table.locator('tbody tr').all()) {
    const cells = [];
    for (const td of await tr.locator('td').all())
      cells.push({
        value: await td.locator('.value').innerText(),
        completeness: await td.locator('.completeness').innerText(),
      });
    rows.push({ unit: (await tr.getAttribute('data-unit')) ?? '', cells });
  }
  return {
    periods,
    rows: rows.map((r) => ({ ...r, cells: r.cells.map((c) => ({ ...c, figure: figureOf(c.value, lang) })) })),
  };
}

/** Period codes of the columns, from the page's URL-independent labels. */
const quarterOf = (label: string) => {
  const m = /^(\d)(?:er|e) trimestre (\d{4})$/.exec(label);
  if (!m) throw new Error(`période inattendue : ${label}`);
  return `${m[2]}Q${m[1]}`;
};

/** The unit codes of the map's paths, once the map is drawn. */
async function mapCodes(page: Page): Promise<string[]> {
  await page.locator('figure.carte[data-carte-dessinee]').waitFor();
  return page
    .locator('figure.carte svg path[data-code]')
    .evaluateAll((paths) => paths.map((p) => p.getAttribute('data-code') ?? ''));
}

/** Non-white pixels of the chart's canvas. */
const drawnPixels = (page: Page) =>
  page.locator('#graphique-tableau').evaluate((canvas) => {
    // biome-ignore lint/suspicious/noExplicitAny: the page's canvas (no DOM types in the tests)
    const ctx = (canvas as any).getContext('2d');
    const { data } = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height) as { data: number[] };
    let n = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! < 240 || data[i + 1]! < 240 || data[i + 2]! < 240) n++;
    return n;
  });

describe('the Tableau de bord', () => {
  test('national: figures of `oise query`, chart, drill-down, exports, bookmarks, saved views, fresh on arrival; a cercle sees its communes', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp);
    // The map's boundaries at national, carried down with the territory to the region and the cercle.
    await oise([
      'territory',
      'boundaries',
      'import',
      '--dir',
      scene.national,
      SHARED_DATA.regionsGeojson,
      SHARED_DATA.cerclesGeojson,
      SHARED_DATA.communesGeojson,
    ]);
    await oise(['export', '--dir', scene.national]);
    await carry(scene.outbox(scene.national, 'ML04'), scene.region);
    await oise(['export', '--dir', scene.region]);
    await carry(scene.outbox(scene.region, 'ML0401'), scene.cercle);
    const q4 = await quarterUpToRegion(scene, tmp, '2024Q4', [
      `ML040101;${INDICATOR};2024Q4;;1100;`,
      `ML040106;${INDICATOR};2024Q4;;300;`,
      'ML040101;EDU_ENSEIGNANTS;2024Q4;;30;',
      'ML040101;EDU_ENSEIGNANTS;2024Q4;F;10;',
      'ML040101;EDU_ENSEIGNANTS;2024Q4;M;20;',
    ]);
    await carry(q4, scene.national);
    // The next quarter waits at the region: it goes to national over HTTP while the dashboard is open.
    const q1 = await quarterUpToRegion(scene, tmp, '2025Q1', [
      `ML040101;${INDICATOR};2025Q1;;1250;`,
      `ML040106;${INDICATOR};2025Q1;;340;`,
    ]);
    expect(q1.length).toBeGreaterThan(0);

    const ui = await startUi(scene.national, ['--inbox-port', '0']);
    try {
      await ui.waitForOutput(/Passage \(démarrage\)/);
      const inbox = /à l'écoute sur (http:\/\/127\.0\.0\.1:\d+)\/paquets\./.exec(ui.output())?.[1];
      expect(inbox).toBeDefined();
      const page = await newPage();
      await page.goto(`${ui.url}/`);
      await page
        .getByRole('navigation', { name: 'Navigation principale' })
        .getByRole('link', { name: 'Tableau de bord' })
        .click();
      await page.waitForURL(/\/tableau$/);

      // Choose the indicator by typing part of its label, with the keyboard.
      await page.getByLabel('Filtrer les indicateurs').fill('curatives');
      await page.getByLabel('Indicateur', { exact: true }).selectOption({ label: INDICATOR_LABEL });
      await page.getByLabel('Type de graphique').selectOption({ label: 'Barres par collectivité' });
      await page.getByRole('button', { name: 'Afficher' }).press('Enter');
      await page.waitForURL(new RegExp(`indicateur=${INDICATOR}`));
      const bookmarked = page.url();
      let shown = await shownTable(page);
      expect(shown.rows[0]!.unit).toBe('ML');
      expect(shown.rows.map((r) => r.unit)).toContain('ML04');
      const firstValues = shown.rows.map((r) => r.cells.map((c) => c.value));
      const periods = shown.periods.map(quarterOf);
      expect(periods).toEqual(['2024Q2', '2024Q3', '2024Q4', '2025Q1']);
      // Every figure equals `oise query` for the same unit and quarter, with completeness beside it.
      for (const row of shown.rows)
        for (const [i, period] of periods.entries())
          expect(row.cells[i]!.figure, `${row.unit} ${period}`).toBe(
            await queried(scene.national, INDICATOR, row.unit, { period }),
          );
      const segou = shown.rows.find((r) => r.unit === 'ML04')!;
      expect(segou.cells[2]!.figure).toBe(1400);
      expect(segou.cells[2]!.completeness).toMatch(/^2 \/ \d+ communes$/);
      expect(segou.cells[3]!.figure).toBeNull();

      // The chart is drawn in the browser.
      await page.locator('#graphique-tableau[data-drawn="true"]').waitFor();
      expect(await drawnPixels(page)).toBeGreaterThan(500);
      // The map: one path per region shown, Ségou's with its figure.
      expect((await mapCodes(page)).sort()).toEqual(
        shown.rows
          .slice(1)
          .map((r) => r.unit)
          .sort(),
      );
      expect(await page.locator('figure.carte a[aria-label^="Ségou"]').getAttribute('aria-label')).toBe(
        'Ségou : 1 400 (2 / 15 communes)',
      );
      await checkPage(page, folder, 'national-tableau');

      // Exports: the shown figures, read back.
      const [xlsxDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le tableau (Excel)' }).click(),
      ]);
      const xlsxPath = join(tmp, 'tableau.xlsx');
      await xlsxDownload.saveAs(xlsxPath);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(xlsxPath);
      const ws = wb.getWorksheet('Tableau de bord')!;
      expect(ws.getRow(2).getCell(3).value).toBe(shown.periods[0]);
      const [csvDownload] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('link', { name: 'Télécharger le tableau (CSV pour Excel)' }).click(),
      ]);
      const csvPath = join(tmp, 'tableau.csv');
      await csvDownload.saveAs(csvPath);
      const csvBytes = readFileSync(csvPath);
      expect(csvBytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const csv = parse(csvBytes, { bom: true, delimiter: ';' }) as string[][];
      expect(csv[0]!.slice(0, 3)).toEqual(['Collectivité', 'Code', shown.periods[0]]);
      shown.rows.forEach((row, r) => {
        const xlsxRow = ws.getRow(3 + r);
        expect(xlsxRow.getCell(2).value).toBe(row.unit);
        expect(csv[1 + r]![1]).toBe(row.unit);
        row.cells.forEach((cell, i) => {
          const x = xlsxRow.getCell(3 + 2 * i).value;
          expect(x === null || x === undefined ? null : x).toBe(cell.figure);
          expect(xlsxRow.getCell(4 + 2 * i).value).toBe(cell.completeness);
          const c = csv[1 + r]![2 + 2 * i]!;
          expect(c === '' ? null : Number(c.replace(',', '.'))).toBe(cell.figure);
        });
      });

      // Drill down: Ségou's cercles, then Barouéli's communes; back up by the breadcrumb.
      await page.getByRole('link', { name: 'Ouvrir Ségou : ses collectivités' }).click();
      await page.waitForURL(/unite=ML04/);
      shown = await shownTable(page);
      expect(shown.rows[0]!.unit).toBe('ML04');
      expect(shown.rows.map((r) => r.unit)).toContain('ML0401');
      for (const row of shown.rows)
        expect(row.cells[2]!.figure).toBe(
          await queried(scene.national, INDICATOR, row.unit, { period: '2024Q4' }),
        );
      await page.getByRole('link', { name: /^Ouvrir Barouéli/ }).click();
      await page.waitForURL(/unite=ML0401/);
      shown = await shownTable(page);
      expect(shown.rows.slice(1).every((r) => /^ML0401\d\d$/.test(r.unit))).toBe(true);
      expect(shown.rows.find((r) => r.unit === 'ML040101')!.cells[2]!.figure).toBe(1100);
      expect(shown.rows.find((r) => r.unit === 'ML040101')!.cells[2]!.completeness).toBe('1 / 1 commune');
      const crumbs = page.getByRole('navigation', { name: "Fil d'Ariane" });
      expect(await crumbs.getByRole('link').allInnerTexts()).toEqual(['Mali', 'Ségou', 'Barouéli']);
      await checkPage(page, folder, 'national-tableau-communes');
      await crumbs.getByRole('link', { name: 'Ségou' }).click();
      await page.waitForURL(/unite=ML04&/);
      await crumbs.getByRole('link', { name: 'Mali' }).click();
      await page.waitForURL(/unite=ML&/);
      // A unit on the map goes down too, by keyboard (the map's link, then Enter), and shows the cercles' map.
      await mapCodes(page);
      await page.locator('figure.carte a[aria-label^="Ségou"]').focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/unite=ML04&/);
      expect((await mapCodes(page)).every((c) => /^ML04\d\d$/.test(c))).toBe(true);
      await page.goBack();
      await page.waitForURL(/unite=ML&/);

      // A click on a chart's bar goes down too.
      await page.locator('#graphique-tableau[data-drawn="true"]').scrollIntoViewIfNeeded();
      const bar = await page.evaluate(() => {
        // biome-ignore lint/suspicious/noExplicitAny: chart.js's global, in the page
        const chart = (globalThis as any).Chart.getChart('graphique-tableau');
        const index = chart.data.labels.indexOf('Ségou');
        // The 4th quarter 2024's bar (the third period), the one with a figure.
        const el = chart.getDatasetMeta(2).data[index];
        return { x: el.x, y: (el.y + el.base) / 2 };
      });
      const box = (await page.locator('#graphique-tableau').boundingBox())!;
      await page.mouse.click(box.x + bar.x, box.y + bar.y);
      await page.waitForURL(/unite=ML04/);

      // Sex split: the chart's bars stacked women + men, the table the total, F alone when chosen.
      await page.goto(
        `${ui.url}/tableau?indicateur=EDU_ENSEIGNANTS&unite=ML0401&periodes=4&graphique=barres`,
      );
      const stacked = await page.evaluate(() => {
        // biome-ignore lint/suspicious/noExplicitAny: chart.js's global, in the page
        const chart = (globalThis as any).Chart.getChart('graphique-tableau');
        return {
          labels: chart.data.datasets.map((d: { label: string }) => d.label),
          stacked: chart.options.scales.y.stacked,
        };
      });
      expect(stacked.stacked).toBe(true);
      expect(stacked.labels.slice(4, 6)).toEqual([
        'Femmes — 4e trimestre 2024',
        'Hommes — 4e trimestre 2024',
      ]);
      expect((await shownTable(page)).rows.find((r) => r.unit === 'ML040101')!.cells[2]!.figure).toBe(30);
      await page.getByLabel('Catégorie').selectOption({ label: 'Femmes' });
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/categorie=F/);
      expect((await shownTable(page)).rows.find((r) => r.unit === 'ML040101')!.cells[2]!.figure).toBe(
        await queried(scene.national, 'EDU_ENSEIGNANTS', 'ML040101', { period: '2024Q4', category: 'F' }),
      );

      // Lines over the quarters, and the PNG of the chart.
      await page.getByLabel('Type de graphique').selectOption({ label: 'Lignes au fil des trimestres' });
      await page.getByRole('button', { name: 'Afficher' }).click();
      await page.waitForURL(/graphique=lignes/);
      await page.locator('#graphique-tableau[data-drawn="true"]').waitFor();
      expect(await drawnPixels(page)).toBeGreaterThan(500);
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Télécharger le graphique (PNG)' }).click(),
      ]);
      const pngPath = join(tmp, 'graphique.png');
      await png.saveAs(pngPath);
      expect(readFileSync(pngPath).subarray(1, 4).toString()).toBe('PNG');

      // A bookmarked URL reopens the same view, in a fresh browser.
      const again = await newPage();
      await again.goto(bookmarked);
      expect(await again.getByLabel('Indicateur', { exact: true }).inputValue()).toBe(INDICATOR);
      const reopened = await shownTable(again);
      expect(reopened.rows.map((r) => r.cells.map((c) => c.value))).toEqual(firstValues);

      // A saved view: saved under a name, listed, reopened, deleted.
      await again.getByLabel('Nom de la vue').fill('Consultations par région');
      await again.getByRole('button', { name: 'Enregistrer la vue' }).click();
      expect(await again.locator('output.message').innerText()).toBe(
        'Vue « Consultations par région » enregistrée.',
      );
      await again.goto(`${ui.url}/tableau`);
      const savedList = again.getByRole('region', { name: 'Vues enregistrées' });
      await savedList.getByRole('link', { name: 'Consultations par région' }).click();
      await again.waitForURL(new RegExp(`indicateur=${INDICATOR}`));
      expect(await again.getByLabel('Indicateur', { exact: true }).inputValue()).toBe(INDICATOR);
      expect((await shownTable(again)).rows.map((r) => r.cells.map((c) => c.value))).toEqual(firstValues);
      await checkPage(again, folder, 'national-vue-enregistree');

      // Fresh on arrival: the region's next quarter sent over HTTP to the running national.
      expect(segou.cells[3]!.figure).toBeNull();
      await oise(['settings', '--dir', scene.region, 'transport.parent-url', inbox!]);
      await oise(['send', '--dir', scene.region]);
      const fresh = again.getByText('De nouveaux chiffres sont arrivés.');
      await fresh.waitFor({ timeout: 40_000 });
      await checkPage(again, folder, 'national-nouveaux-chiffres');
      await again.getByRole('button', { name: 'Recharger' }).click();
      await again.waitForLoadState('load');
      const after = await shownTable(again);
      const ml04 = after.rows.find((r) => r.unit === 'ML04')!;
      expect(ml04.cells[3]!.figure).toBe(1590);
      expect(ml04.cells[3]!.figure).toBe(
        await queried(scene.national, INDICATOR, 'ML04', { period: '2025Q1' }),
      );
      await savedList.getByRole('button', { name: 'Supprimer la vue « Consultations par région »' }).click();
      expect(await again.locator('output.message').innerText()).toBe('Vue supprimée.');
      expect(await savedList.innerText()).toContain('Aucune vue enregistrée');
    } finally {
      await ui.stop();
    }

    // A cercle's dashboard: its communes.
    const cercle = await startUi(scene.cercle);
    try {
      await cercle.waitForOutput(/Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${cercle.url}/tableau?indicateur=${INDICATOR}`);
      const shown = await shownTable(page);
      expect(shown.rows[0]!.unit).toBe('ML0401');
      expect(shown.rows.slice(1).map((r) => r.unit)).toContain('ML040106');
      expect(shown.rows.slice(1).every((r) => /^ML0401\d\d$/.test(r.unit))).toBe(true);
      expect(shown.rows.find((r) => r.unit === 'ML040106')!.cells[3]!.figure).toBe(340);
      for (const row of shown.rows)
        expect(row.cells[3]!.figure, row.unit).toBe(
          await queried(scene.cercle, INDICATOR, row.unit, { period: '2025Q1' }),
        );
      expect(await page.getByRole('link', { name: /^Ouvrir/ }).count()).toBe(0);
      // Its communes on the commune map.
      expect((await mapCodes(page)).sort()).toEqual(
        shown.rows
          .slice(1)
          .map((r) => r.unit)
          .sort(),
      );
      await page.locator('#graphique-tableau[data-drawn="true"]').waitFor();
      await checkPage(page, folder, 'cercle-tableau');
    } finally {
      await cercle.stop();
    }
  }, 240_000);

  test('in English (`oise ui --lang en`): the dashboard, its exports and map, and the completeness page', async ({
    tmp,
  }) => {
    const scene = await makeScene(tmp, {
      boundaries: [SHARED_DATA.regionsGeojson, SHARED_DATA.cerclesGeojson, SHARED_DATA.communesGeojson],
    });
    await carry(
      await quarterUpToRegion(scene, tmp, '2024Q4', [
        `ML040101;${INDICATOR};2024Q4;;1100;`,
        `ML040106;${INDICATOR};2024Q4;;300;`,
        'ML040101;EDU_ENSEIGNANTS;2024Q4;;30;',
        'ML040101;EDU_ENSEIGNANTS;2024Q4;F;10;',
        'ML040101;EDU_ENSEIGNANTS;2024Q4;M;20;',
      ]),
      scene.national,
    );
    const ui = await startUi(scene.national, ['--lang', 'en']);
    try {
      await ui.waitForOutput(/Pass \(start-up\)|Passage \(démarrage\)/);
      const page = await newPage();
      await page.goto(`${ui.url}/tableau?indicateur=${INDICATOR}&periodes=4&graphique=barres`);
      await page.getByRole('heading', { level: 1, name: 'Dashboard', exact: true }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      await page.getByLabel('Filter the indicators').waitFor();
      expect(await page.getByLabel('Kind of chart').locator('option').allInnerTexts()).toEqual([
        'Bars by unit',
        'Lines over the quarters',
      ]);
      await page.getByRole('button', { name: 'Show', exact: true }).waitFor();
      await page.getByRole('button', { name: 'Save the view' }).waitFor();
      // The figures in English numbers, the periods in English, the data (labels, names) French.
      const shown = await shownTable(page, 'en');
      expect(shown.periods).toEqual([
        '2nd quarter 2024',
        '3rd quarter 2024',
        '4th quarter 2024',
        '1st quarter 2025',
      ]);
      const segou = shown.rows.find((r) => r.unit === 'ML04')!;
      expect(segou.cells[2]).toMatchObject({ value: '1,400', completeness: '2 / 15 communes', figure: 1400 });
      expect(segou.cells[2]!.figure).toBe(
        await queried(scene.national, INDICATOR, 'ML04', { period: '2024Q4' }),
      );
      expect(segou.cells[3]!.value).toContain('no figure');
      await page
        .getByRole('heading', { level: 2, name: `Table: ${INDICATOR_LABEL}`, exact: false })
        .waitFor();
      // The chart in English numbers; the map's legend and units in English.
      await page.locator('#graphique-tableau[data-drawn="true"]').waitFor();
      expect(await drawnPixels(page)).toBeGreaterThan(500);
      expect(
        await page.evaluate(
          // biome-ignore lint/suspicious/noExplicitAny: chart.js's global, in the page
          () => (globalThis as any).Chart.getChart('graphique-tableau').options.locale,
        ),
      ).toBe('en-GB');
      await mapCodes(page);
      expect(await page.locator('figure.carte a[aria-label^="Ségou"]').getAttribute('aria-label')).toBe(
        'Ségou: 1,400 (2 / 15 communes)',
      );
      const legend = page.locator('figure.carte .carte-legende');
      expect(await legend.locator('li').allInnerTexts()).toEqual([
        '1,400',
        expect.stringMatching(/^no data \(\d+\)$/),
      ]);
      await page.getByRole('button', { name: 'Download the map (PNG)' }).waitFor();
      await checkPage(page, folder, 'national-tableau-en');

      // The exports' headers in English (the figures as numbers, as in French).
      const xlsxHref = await page
        .getByRole('link', { name: 'Download the table (Excel)' })
        .getAttribute('href');
      const xlsx = await page.request.get(`${ui.url}${xlsxHref}`);
      const wb = new ExcelJS.Workbook();
      const xlsxPath = join(tmp, 'tableau-en.xlsx');
      writeFileSync(xlsxPath, await xlsx.body());
      await wb.xlsx.readFile(xlsxPath);
      const ws = wb.getWorksheet('Dashboard')!;
      expect(ws.getRow(2).getCell(1).value).toBe('Unit');
      expect(ws.getRow(2).getCell(7).value).toBe('4th quarter 2024');
      expect(ws.getRow(2).getCell(8).value).toBe('Completeness — 4th quarter 2024');
      const csvHref = await page
        .getByRole('link', { name: 'Download the table (CSV for Excel)' })
        .getAttribute('href');
      const csv = parse(await (await page.request.get(`${ui.url}${csvHref}`)).body(), {
        bom: true,
        delimiter: ';',
      }) as string[][];
      expect(csv[0]!.slice(0, 4)).toEqual([
        'Unit',
        'Code',
        '2nd quarter 2024',
        'Completeness — 2nd quarter 2024',
      ]);

      // Down to Barouéli's communes: two figures, two classes in English numbers.
      await page.goto(`${ui.url}/tableau?indicateur=${INDICATOR}&unite=ML0401&periodes=4&graphique=barres`);
      await mapCodes(page);
      expect((await legend.locator('li').allInnerTexts()).slice(0, 2)).toEqual(['300', '1,100']);
      const crumbs = page.getByRole('navigation', { name: 'Breadcrumb' });
      expect(await crumbs.getByRole('link').allInnerTexts()).toEqual(['Mali', 'Ségou', 'Barouéli']);

      // A refusal in English.
      const refused = await page.goto(`${ui.url}/tableau?periodes=douze`);
      expect(refused?.status()).toBe(400);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Unknown periods');

      // Completeness and timeliness.
      await page.goto(`${ui.url}/tableau/completude?trimestre=2024Q4`);
      await page
        .getByRole('heading', { level: 1, name: 'Completeness and timeliness: Mali, 4th quarter 2024' })
        .waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      const table = page.getByRole('table', { name: 'Who has sent, who is late: Mali, 4th quarter 2024' });
      expect(await table.locator('thead th').allInnerTexts()).toEqual([
        'Unit',
        'State',
        'Reception',
        'Communes that sent',
        'Completeness',
        'On time',
      ]);
      await page.getByRole('button', { name: 'Show', exact: true }).waitFor();
      await page.getByLabel('Quarter', { exact: true }).waitFor();
      await mapCodes(page);
      expect(await page.locator('figure.carte .carte-legende-titre').innerText()).toBe(
        'Communes that sent (%)',
      );
      expect(await page.locator('figure.carte a[aria-label^="Ségou"]').getAttribute('aria-label')).toMatch(
        /^Ségou: \d+% of communes/,
      );
      await checkPage(page, folder, 'national-completude-en');
      await page.getByRole('link', { name: 'See the units of Ségou' }).click();
      await page
        .getByRole('heading', { level: 1, name: 'Completeness and timeliness: Ségou, 4th quarter 2024' })
        .waitFor();
      expect(await page.getByRole('navigation', { name: 'See by' }).innerText()).toMatch(
        /^See by: cercles · communes/,
      );
      await checkPage(page, folder, 'national-completude-segou-en');
      const badQuarter = await page.goto(`${ui.url}/tableau/completude?trimestre=bientot`);
      expect(badQuarter?.status()).toBe(400);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Unknown quarter');
    } finally {
      await ui.stop();
    }
  }, 180_000);
});
