import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { colourCounts } from '@oise/report/test-support';
import { makeTestNode, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { runCliCaptured } from '../run-cli.js';

const ENTERED = '2025-04-10T09:00:00.000Z';
/** After the national due date of 2025Q1 (45 days after the quarter's end). */
const PASS = '2025-05-20T06:30:00.000Z';
const REPORT = '2025-05-21T08:00:00.000Z';

async function cli(now: string, ...args: string[]) {
  const run = await runCliCaptured(args, { OISE_NOW: now });
  expect(run.stderr, args.join(' ')).toBe('');
  expect(run.code, args.join(' ')).toBe(0);
  return run;
}

/**
 * Cercle ML0401 → region ML04 → national ML with the real command line: one cercle's figures
 * of 2025Q1 entered, submitted, validated and forwarded; at national, the map's boundaries set.
 */
async function forwardedToNational(tmp: string): Promise<string> {
  const dirs: Record<string, string> = {};
  for (const [level, code] of [
    ['national', 'ML'],
    ['region', 'ML04'],
    ['cercle', 'ML0401'],
  ] as const) {
    const node = await makeTestNode(tmp, level, code);
    await node.close();
    dirs[code] = join(tmp, code);
    await cli(ENTERED, 'key', 'export', '--dir', dirs[code], '--out', join(tmp, `${code}.json`));
  }
  const [national, region, cercle] = [dirs.ML!, dirs.ML04!, dirs.ML0401!];
  for (const [dir, other] of [
    [national, 'ML04'],
    [region, 'ML'],
    [region, 'ML0401'],
    [cercle, 'ML04'],
  ] as const)
    await cli(ENTERED, 'enroll', '--dir', dir, join(tmp, `${other}.json`));

  const values = join(tmp, 'valeurs.csv');
  writeFileSync(
    values,
    [
      'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
      'ML040101;EDU_ELEVES_INSCRITS;2025Q1;F;310;',
      'ML040101;EDU_ELEVES_INSCRITS;2025Q1;M;295;',
      'ML040101;EDU_POP_SCOLARISABLE;2025Q1;;1400;',
      'ML040106;SAN_CSCOM;2025Q1;;4;',
      '',
    ].join('\n'),
  );
  await cli(ENTERED, 'import', '--dir', cercle, values);
  // Each step writes the bundles it must carry at once and names them (issue 13, item 1).
  const written = async (...args: string[]) =>
    JSON.parse((await cli(ENTERED, ...args, '--json')).stdout).bundles.written as {
      recipient: string;
      file: string;
    }[];
  const up = await written('quarter', 'submit', '--dir', cercle, '--quarter', '2025Q1');
  await cli(ENTERED, 'ingest', '--dir', region, up[0]!.file);
  const forwarded = [
    ...(await written('quarter', 'validate', '--dir', region, '--unit', 'ML0401', '--quarter', '2025Q1')),
    ...(await written('quarter', 'submit', '--dir', region, '--quarter', '2025Q1')),
  ];
  for (const bundle of forwarded.filter((b) => b.recipient === 'ML'))
    await cli(ENTERED, 'ingest', '--dir', national, bundle.file);
  const boundaries = demoRegions(join(tmp, 'regions.geojson'));
  await cli(ENTERED, 'settings', '--dir', national, 'report.boundaries', boundaries);
  return national;
}

/** A GeoJSON of the demo territory's regions, one square each: enough for a real map. */
function demoRegions(file: string): string {
  const square = (x: number) => [
    [
      [x, 13],
      [x + 1, 13],
      [x + 1, 14],
      [x, 14],
      [x, 13],
    ],
  ];
  const features = ['ML02', 'ML03', 'ML04'].map((code, i) => ({
    type: 'Feature',
    properties: { region_code: code },
    geometry: { type: 'Polygon', coordinates: square(-8 + i) },
  }));
  writeFileSync(file, JSON.stringify({ type: 'FeatureCollection', features }));
  return file;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('oise report and oise run publish the same set', () => {
  test('with report.boundaries set, oise report writes the map oise run published and withdraws nothing', async ({
    tmp,
  }) => {
    const national = await forwardedToNational(tmp);

    // The national pass publishes 2025Q1 (one region in, past the due date) with the map.
    const pass = JSON.parse((await cli(PASS, 'run', '--dir', national, '--once', '--json')).stdout);
    expect(pass.steps.find((s: { name: string }) => s.name === 'publish')).toMatchObject({
      outcome: 'done',
      counts: { rapports: 1 },
    });
    // Having published, the pass rebuilt the public site in the node's site/.
    const site = pass.steps.find((s: { name: string }) => s.name === 'site');
    expect(site).toMatchObject({ outcome: 'done' });
    expect(site.counts.pages).toBeGreaterThan(3);
    expect(readFileSync(join(national, 'site', 'index.html'), 'utf8')).toContain('1er trimestre 2025');
    // Only maps with data: completeness, and per domain an indicator someone reported.
    const maps = readdirSync(join(national, 'reports'))
      .filter((f) => /-carte-.+\.png$/.test(f))
      .sort();
    expect(maps).toEqual([
      'rapport-national-ML-2025Q1-carte-completude.png',
      'rapport-national-ML-2025Q1-carte-edu-tbs.png',
      'rapport-national-ML-2025Q1-carte-san-cscom.png',
    ]);
    const published = new Map(
      maps.map((f) => [join(national, 'reports', f), sha256(join(national, 'reports', f))]),
    );

    // The same quarter by hand, without --boundaries: the setting gives the same maps.
    const json = JSON.parse(
      (await cli(REPORT, 'report', '--dir', national, '--quarter', '2025T1', '--json')).stdout,
    );
    const written = json.files.filter((f: { kind: string }) => f.kind === 'report-map');
    expect(new Map(written.map((f: { path: string; sha256: string }) => [f.path, f.sha256]))).toEqual(
      published,
    );
    const mapFile = [...published.keys()][0]!;
    expect(existsSync(mapFile)).toBe(true);
    expect(json.documents.removed).toBe(0);
    expect(json.documents.inserted).toBe(0);
    expect(json.documents.unchanged).toBeGreaterThanOrEqual(1);

    // In words, as issue 13 saw it: « 0 retirés », not « 1 retirés ».
    const text = await cli(REPORT, 'report', '--dir', national, '--quarter', '2025T1');
    expect(text.stdout).toContain(mapFile);
    expect(text.stdout).toMatch(/Documents publiés : 0 nouveau, \d+ mis à jour, \d+ inchangés?, 0 retiré\./);

    // oise report recorded the publication: the next pass has nothing new to publish.
    const again = JSON.parse((await cli(REPORT, 'run', '--dir', national, '--once', '--json')).stdout);
    expect(again.steps.find((s: { name: string }) => s.name === 'publish')).toMatchObject({
      outcome: 'skipped',
      counts: { rapports: 0 },
    });
    expect(again.steps.find((s: { name: string }) => s.name === 'site')).toMatchObject({
      outcome: 'skipped',
      counts: { pages: 0 },
    });
  });

  test('--boundaries overrides the setting for one run', async ({ tmp }) => {
    const dir = join(tmp, 'ML');
    const node = await makeTestNode(tmp, 'national', 'ML');
    await node.close();
    await cli(REPORT, 'settings', '--dir', dir, 'report.boundaries', join(tmp, 'absent.geojson'));
    // The setting names a missing file: the report says so…
    const refused = await runCliCaptured(['report', '--dir', dir, '--quarter', '2025T1'], {
      OISE_NOW: REPORT,
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/absent\.geojson/);
    // …and a file given on the command line is taken instead.
    const good = demoRegions(join(tmp, 'limites.geojson'));
    // (No figures on this bare node: the report warns on stderr, and is written all the same.)
    const run = await runCliCaptured(
      ['report', '--dir', dir, '--quarter', '2025T1', '--boundaries', good, '--json'],
      { OISE_NOW: REPORT },
    );
    expect(run.code).toBe(0);
    // Nobody reported: no map is drawn all grey, and the sheet names the file it was given.
    const files = JSON.parse(run.stdout).files as { kind: string; path: string }[];
    expect(files.map((f) => f.kind)).not.toContain('report-map');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(files.find((f) => f.kind === 'report-workbook')!.path);
    const notes: string[] = [];
    wb.getWorksheet('Cartes')!
      .getColumn(1)
      .eachCell((c) => {
        notes.push(String(c.value));
      });
    expect(notes).toContain('Limites : limites.geojson');
    expect(notes.join('\n')).toMatch(/Aucune carte : aucune donnée par région/);
  });

  test('stored boundaries win over report.boundaries: the map is drawn from them', async ({ tmp }) => {
    const national = await forwardedToNational(tmp);
    // National imports the boundaries; the setting now names a file that is gone.
    const stored = demoRegions(join(tmp, 'limites-stockees.geojson'));
    const imported = await cli(REPORT, 'territory', 'boundaries', 'import', '--dir', national, stored);
    expect(imported.stdout).toContain(
      'limites-stockees.geojson : limites de 3 régions du territoire (3 ajoutées',
    );
    await cli(REPORT, 'settings', '--dir', national, 'report.boundaries', join(tmp, 'parti.geojson'));
    const json = JSON.parse(
      (await cli(REPORT, 'report', '--dir', national, '--quarter', '2025T1', '--json')).stdout,
    );
    const maps = json.files.filter((f: { kind: string }) => f.kind === 'report-map') as { path: string }[];
    expect(maps.length).toBeGreaterThanOrEqual(1);
    // The PNG is drawn: the three stored squares in the palette's blues, not a blank page.
    const colours = await colourCounts(readFileSync(maps[0]!.path));
    const blue = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'].reduce(
      (n, c) => n + (colours.get(c) ?? 0),
      0,
    );
    expect(blue).toBeGreaterThan(100_000);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(json.files.find((f: { kind: string }) => f.kind === 'report-workbook')!.path);
    const notes: string[] = [];
    wb.getWorksheet('Cartes')!
      .getColumn(1)
      .eachCell((c) => {
        notes.push(String(c.value));
      });
    expect(notes).toContain('Limites : limites-stockees.geojson');
  });
});
