import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCliCaptured } from '@oise/cli';
import { formatNumberFr } from '@oise/core';
import { FIXTURES, SHARED_DATA, test } from '@oise/testkit';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { checkPage, outputFolder, useChromium } from './browser.js';
import { SCENE_NOW, carry, makeScene, oise, quarterUpToRegion, queried } from './web-scene.js';

/*
 * The public static site (`oise site`) opened from file:// in Chromium, on real node folders
 * made by the command line: national publishes two quarters and holds a third unpublished;
 * the pages show what `oise query` gives, the search folds accents, every link stays in the
 * folder, axe finds nothing grave, a phone's width needs no sideways scroll; the unpublished
 * quarter and the officials' names are in no file; the downloads read back (csv-parse, oise
 * dhis2 compare). Then the region's own site, and the cercle refused.
 */
const folder = outputFolder('site');
const chromium = useChromium();
const { newPage } = chromium;
const MAPPING = join(FIXTURES.catalog, '..', 'dhis2-correspondances.csv');
/** An official entered by the cercle: never on the public site. */
const OFFICIAL = 'Zerbo Kadiatou';
/** The unpublished quarter's tell-tale figure. */
const UNPUBLISHED_VALUE = 43_217;

const lines = (quarter: string, consultations: [number, number], pupils: [number, number]) => [
  `ML040101;SAN_CONSULT_CURATIVES;${quarter};;${consultations[0]};`,
  `ML040106;SAN_CONSULT_CURATIVES;${quarter};;${consultations[1]};`,
  `ML040101;EDU_ELEVES_INSCRITS;${quarter};F;${pupils[0]};`,
  `ML040101;EDU_ELEVES_INSCRITS;${quarter};M;${pupils[1]};`,
  `ML040101;SAN_CSCOM;${quarter};;4;`,
  `ML040106;SAN_CSCOM;${quarter};;2;`,
];

/** Every file under a folder, relative paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => statSync(join(dir, f)).isFile())
    .sort();
}

/** The value cell of a key indicator's row in the « Indicateurs clés » table. */
async function keyValue(page: Page, label: string): Promise<string> {
  const table = page.getByRole('table', { name: /^Indicateurs clés .*, \S+ trimestre \d{4}$/ });
  return (
    await table
      .getByRole('row', { name: new RegExp(`^${label}`) })
      .locator('td')
      .first()
      .innerText()
  ).trim();
}

describe('the public site', () => {
  test('oise site: file://, same figures as oise query, search, links, axe, phone width, nothing unpublished or personal, downloads read back', async ({
    tmp,
  }) => {
    const scene = await makeScene(
      tmp,
      SHARED_DATA.available
        ? {
            boundaries: [SHARED_DATA.regionsGeojson, SHARED_DATA.cerclesGeojson, SHARED_DATA.communesGeojson],
          }
        : {},
    );
    const officials = join(tmp, 'elus.csv');
    writeFileSync(
      officials,
      `code_collectivite;periode;nom;sexe;fonction;scolarite;alphabetise;debut_mandat\nML040101;2025T1;${OFFICIAL};F;maire;secondaire;oui;2023\n`,
    );
    await oise(['import', '--dir', scene.cercle, officials]);
    await carry(
      await quarterUpToRegion(scene, tmp, '2024Q4', lines('2024Q4', [1100, 300], [410, 390])),
      scene.national,
    );
    await carry(
      await quarterUpToRegion(scene, tmp, '2025Q1', lines('2025Q1', [1250, 340], [420, 401])),
      scene.national,
    );
    await oise(['consolidate', '--dir', scene.national, '--changes']);
    await oise(['report', '--dir', scene.national, '--quarter', '2024T4']);
    await oise(['report', '--dir', scene.national, '--quarter', '2025T1']);
    // The 2nd quarter arrives and is consolidated, never published: absent from the site.
    const q2 = lines('2025Q2', [UNPUBLISHED_VALUE, 350], [430, 410]);
    await carry(await quarterUpToRegion(scene, tmp, '2025Q2', q2), scene.national);
    await oise(['consolidate', '--dir', scene.national, '--changes'], '2025-07-20T09:00:00.000Z');

    const site = join(tmp, 'site');
    const built = JSON.parse(
      await oise(['site', '--dir', scene.national, '--out', site, '--dhis2-mapping', MAPPING, '--json']),
    ) as {
      quarters: string[];
      latest: string;
      pages: number;
      files: number;
      dhis2: boolean;
      warnings: string[];
    };
    expect(built).toMatchObject({ quarters: ['2024Q4', '2025Q1'], latest: '2025Q1', dhis2: true });
    // The 2nd quarter's consolidation rewrote the year 2025, which the 1st quarter's report holds.
    expect(built.warnings).toEqual([
      "Les chiffres du 1er trimestre 2025 ont changé depuis sa publication : publiez-le d'abord (oise report --quarter 2025T1), le site montre les chiffres d'aujourd'hui.",
    ]);
    const files = filesUnder(site);
    expect(files).toEqual(
      expect.arrayContaining([
        'index.html',
        'unites/ML04.html',
        'unites/ML0401.html',
        'unites/ML040101.html',
        'domaines/index.html',
        'domaines/sante.html',
        'recherche.html',
        'recherche.js',
        'recherche-index.js',
        'site.css',
        'telechargements.html',
        'telechargements/chiffres-ML-2025T1.csv',
        'telechargements/chiffres-ML-2025T1.json',
        'telechargements/dhis2-ML-2025T1.json',
        'telechargements/chiffres-ML-2024T4.csv',
        'telechargements/classeurs/rapport-national-ML-2025Q1.xlsx',
      ]),
    );
    expect(built.pages).toBe(files.filter((f) => f.endsWith('.html')).length);

    // Every link and source of every page is a file of the site; nothing points outside.
    const pages = files.filter((f) => f.endsWith('.html'));
    for (const p of pages) {
      const text = readFileSync(join(site, p), 'utf8');
      expect(text, p).toMatch(/^<!doctype html>\n<html lang="fr">/);
      for (const [, target] of text.matchAll(/(?:href|src)="([^"]*)"/g)) {
        expect(target, `${p} → ${target}`).not.toMatch(/^[a-z]+:|^\/\//i);
        const path = target!.split('#')[0]!;
        if (path === '') continue;
        const file = resolve(dirname(join(site, p)), path);
        expect(relative(site, file).startsWith('..'), `${p} → ${target}`).toBe(false);
        expect(existsSync(file), `${p} → ${target}`).toBe(true);
      }
    }

    // Neither the unpublished quarter nor an official's name, in any file (workbooks read by exceljs).
    for (const f of files) {
      if (f.endsWith('.xlsx')) {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(join(site, f));
        const cells: string[] = [];
        book.eachSheet((sheet) =>
          sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text ?? '')))),
        );
        expect(cells.join('\n'), f).not.toContain(OFFICIAL);
        expect(cells.join('\n'), f).not.toMatch(/2e trimestre 2025|2025T2|2025Q2/);
        continue;
      }
      const text = readFileSync(join(site, f), 'utf8');
      expect(text, f).not.toContain(OFFICIAL);
      expect(text, f).not.toMatch(/2e trimestre 2025|2025T2|2025Q2|T2 2025/);
      expect(text, f).not.toContain(String(UNPUBLISHED_VALUE));
      expect(text, f).not.toContain(formatNumberFr(UNPUBLISHED_VALUE, 0));
    }

    // The CSV reads back with csv-parse and holds oise query's figures.
    const csv = parse(readFileSync(join(site, 'telechargements/chiffres-ML-2025T1.csv')), {
      bom: true,
      delimiter: ';',
      columns: true,
    }) as Record<string, string>[];
    const mali = await queried(scene.national, 'SAN_CONSULT_CURATIVES', 'ML');
    expect(mali).toBe(1590);
    expect(
      csv.find(
        (r) =>
          r.code_collectivite === 'ML' && r.code_indicateur === 'SAN_CONSULT_CURATIVES' && r.categorie === '',
      ),
    ).toMatchObject({ periode: '2025T1', valeur: '1590', niveau: 'pays' });
    expect(
      csv.find(
        (r) =>
          r.code_collectivite === 'ML040101' &&
          r.code_indicateur === 'EDU_ELEVES_INSCRITS' &&
          r.categorie === 'F',
      ),
    ).toMatchObject({
      valeur: String(await queried(scene.national, 'EDU_ELEVES_INSCRITS', 'ML040101', { category: 'F' })),
    });
    expect(csv.every((r) => r.periode === '2025T1')).toBe(true);
    const json = JSON.parse(readFileSync(join(site, 'telechargements/chiffres-ML-2025T1.json'), 'utf8')) as {
      period: string;
      columns: string[];
      figures: unknown[][];
    };
    expect(json).toMatchObject({
      period: '2025Q1',
      columns: ['unit', 'indicator', 'category', 'value', 'reporting', 'expected'],
    });
    expect(json.figures).toContainEqual(['ML', 'SAN_CONSULT_CURATIVES', '', 1590, 2, 45]);
    expect(json.figures.length).toBe(csv.length);
    // The DHIS2 value set: compared with the publishing node, no gap.
    const compared = await runCliCaptured(
      [
        'dhis2',
        'compare',
        '--dir',
        scene.national,
        join(site, 'telechargements/dhis2-ML-2025T1.json'),
        '--mapping',
        MAPPING,
        '--json',
      ],
      { OISE_NOW: SCENE_NOW },
    );
    expect(compared.code, compared.stderr).toBe(0);
    const gaps = JSON.parse(compared.stdout) as { compared: number; identical: number; gaps: unknown[] };
    expect(gaps.compared).toBeGreaterThan(0);
    expect(gaps.identical).toBe(gaps.compared);
    expect(gaps.gaps).toEqual([]);

    // In Chromium from file://: no request leaves the folder.
    const siteUrl = pathToFileURL(site).href;
    const outside: string[] = [];
    const page = await newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(`${siteUrl}/`)) outside.push(r.url());
    });
    await page.goto(`${siteUrl}/index.html`);
    expect(await page.locator('h1').innerText()).toBe('Mali');
    // When national published the quarter (its documents' date, `oise report` at SCENE_NOW), in Bamako time.
    expect(await page.locator('.chapeau').innerText()).toBe(
      'Chiffres validés et publiés du 1er trimestre 2025 (publiés le 10 avril 2025 à 09:00, heure de Bamako).',
    );
    expect(await keyValue(page, 'Nombre de consultations curatives')).toBe(formatNumberFr(mali!, 0));
    const malis = page.getByRole('table', { name: /^Indicateurs clés .*, \S+ trimestre \d{4}$/ });
    expect(await malis.getByRole('row', { name: /^Nombre de consultations curatives/ }).innerText()).toMatch(
      /2 \/ \d+ communes$/,
    );
    if (SHARED_DATA.available) {
      const map = page.getByRole('img', { name: /régions du Mali, 1er trimestre 2025/ });
      const regions = files.filter((f) => /^unites\/ML\d\d\.html$/.test(f)).length;
      expect(regions).toBeGreaterThan(1);
      expect(await map.locator('path').count()).toBe(regions);
    }
    await checkPage(page, folder, 'accueil');

    // A commune's page, reached by the links (Ségou → Barouéli → Baraoueli).
    await page.getByRole('link', { name: 'Ségou', exact: true }).first().click();
    await page.getByRole('link', { name: 'Barouéli', exact: true }).first().click();
    await page.getByRole('link', { name: 'Baraoueli', exact: true }).first().click();
    expect(page.url()).toBe(`${siteUrl}/unites/ML040101.html`);
    expect(await page.locator('h1').innerText()).toBe('Commune de Baraoueli');
    const commune = await queried(scene.national, 'SAN_CONSULT_CURATIVES', 'ML040101');
    expect(await keyValue(page, 'Nombre de consultations curatives')).toBe(formatNumberFr(commune!, 0));
    expect(await page.getByRole('navigation', { name: "Fil d'Ariane" }).innerText()).toMatch(
      /Mali\s*›?\s*Ségou\s*›?\s*Barouéli\s*›?\s*Baraoueli/,
    );
    expect(await page.getByRole('region', { name: 'Parmi ses voisins' }).innerText()).toMatch(
      /Baraoueli est 1re sur 2 communes du cercle de Barouéli ayant un chiffre/,
    );
    const trend = page.getByRole('table', {
      name: 'Indicateurs clés de la commune de Baraoueli par trimestre',
    });
    expect(await trend.locator('thead th').allInnerTexts()).toEqual([
      'Indicateur',
      '4e trimestre 2024',
      '1er trimestre 2025',
    ]);
    if (SHARED_DATA.available) {
      const map = page.getByRole('img', { name: /communes du cercle de Barouéli.*Baraoueli entouré/ });
      expect(await map.locator('path[stroke-width="3"]').count()).toBe(1);
    }
    await checkPage(page, folder, 'commune');

    // The search folds accents and case: « baroueli » finds the cercle Barouéli, « segou » Ségou.
    await page.getByRole('link', { name: 'Rechercher une commune' }).click();
    const search = page.getByLabel('Nom de la commune, du cercle ou de la région');
    await search.fill('baroueli');
    const results = page.locator('#resultats');
    await expect.poll(() => results.getByRole('link').allInnerTexts()).toContain('Barouéli');
    expect(await page.getByRole('status').innerText()).toMatch(/collectivités? trouvées?/);
    await search.fill('SEGOU');
    await expect
      .poll(() => results.getByRole('link').allInnerTexts())
      .toEqual(expect.arrayContaining(['Ségou']));
    await checkPage(page, folder, 'recherche');
    await results.getByRole('link', { name: 'Ségou' }).first().click();
    expect(page.url()).toMatch(/\/unites\/ML04(02)?\.html$/);

    await page.goto(`${siteUrl}/telechargements.html`);
    expect(await page.getByRole('link', { name: /Jeu de valeurs DHIS2 du 1er trimestre 2025/ }).count()).toBe(
      1,
    );
    await checkPage(page, folder, 'telechargements');
    await page.goto(`${siteUrl}/domaines/sante.html`);
    await checkPage(page, folder, 'domaine-sante');
    expect(outside).toEqual([]);

    // Without JavaScript the search page lists every unit, alphabetically, with links.
    const plain = await newPage({ javaScriptEnabled: false });
    await plain.goto(`${siteUrl}/recherche.html`);
    expect(await plain.getByLabel('Nom de la commune, du cercle ou de la région').isVisible()).toBe(false);
    const all = await plain
      .getByRole('region', { name: 'Toutes les collectivités, de A à Z' })
      .getByRole('link')
      .allInnerTexts();
    expect(all.length).toBe(files.filter((f) => f === 'index.html' || f.startsWith('unites/')).length);
    expect(all).toEqual([...all].sort((a, b) => a.localeCompare(b, 'fr')));

    // A phone: 360×740, no sideways scroll on any kind of page.
    const phone = await (
      await chromium.browser.newContext({ viewport: { width: 360, height: 740 } })
    ).newPage();
    for (const p of [
      'index.html',
      'unites/ML04.html',
      'unites/ML040101.html',
      'recherche.html',
      'telechargements.html',
      'domaines/sante.html',
      'domaines/education.html',
    ]) {
      await phone.goto(`${siteUrl}/${p}`);
      const { scroll, client } = (await phone.evaluate(
        '({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })',
      )) as { scroll: number; client: number };
      expect(scroll, p).toBeLessThanOrEqual(client);
    }
    await phone.goto(`${siteUrl}/unites/ML040101.html`);
    await checkPage(phone, folder, 'commune-360');
    await phone.goto(`${siteUrl}/index.html`);
    await checkPage(phone, folder, 'accueil-360');

    // --quarter 2024T4: the 1st quarter 2025 is then absent too.
    const older = join(tmp, 'site-2024');
    await oise(['site', '--dir', scene.national, '--out', older, '--quarter', '2024T4']);
    const home = readFileSync(join(older, 'index.html'), 'utf8');
    expect(home).toContain('4e trimestre 2024');
    expect(home).not.toContain('1er trimestre 2025');
    expect(existsSync(join(older, 'telechargements/dhis2-ML-2024T4.json'))).toBe(false);
    expect(readFileSync(join(older, 'telechargements.html'), 'utf8')).toContain(
      'Pas de jeu de valeurs DHIS2',
    );

    // A folder that holds something else is refused and left alone; the cercle builds no site.
    const foreign = join(tmp, 'autre');
    mkdirSync(foreign);
    writeFileSync(join(foreign, 'notes.txt'), 'à garder');
    const refused = await runCliCaptured(['site', '--dir', scene.national, '--out', foreign], {
      OISE_NOW: SCENE_NOW,
    });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain("n'est pas vide et ne contient pas un site écrit par « oise site »");
    expect(readdirSync(foreign)).toEqual(['notes.txt']);
    const cercle = await runCliCaptured(['site', '--dir', scene.cercle, '--out', join(tmp, 'site-cercle')], {
      OISE_NOW: SCENE_NOW,
    });
    expect(cercle.code).not.toBe(0);
    expect(cercle.stderr).toContain('est un cercle : le site public se construit au nœud national');
    expect(existsSync(join(tmp, 'site-cercle'))).toBe(false);

    // The region's site: national's published quarters came down, its own region only.
    await oise(['export', '--dir', scene.national]);
    await carry(scene.outbox(scene.national, 'ML04'), scene.region);
    const regional = join(tmp, 'site-ML04');
    const region = JSON.parse(await oise(['site', '--dir', scene.region, '--out', regional, '--json'])) as {
      quarters: string[];
    };
    expect(region.quarters).toEqual(['2024Q4', '2025Q1']);
    const regionFiles = filesUnder(regional);
    expect(regionFiles).toContain('unites/ML040101.html');
    expect(regionFiles.filter((f) => f.startsWith('unites/') && !f.startsWith('unites/ML04'))).toEqual([]);
    expect(readFileSync(join(regional, 'index.html'), 'utf8')).toContain('<h1>Région de Ségou</h1>');
  }, 150_000);
});
