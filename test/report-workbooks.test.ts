import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { runCli, runCliCaptured } from '@oise/cli';
import { completenessOf, consolidateAll, queryFigure } from '@oise/consolidate';
import { type GeneratedReports, generateReports, hasPngSignature, pngSize } from '@oise/report';
import { darkPixels, seedReportData } from '@oise/report/test-support';
import { openDatabase } from '@oise/store';
import { SHARED_DATA, TEST_NOW, makeTestNode, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { figureCells } from './workbook-figures.js';

const QUARTER = '2025Q1';
type Db = Parameters<typeof queryFigure>[0];

async function seededNational(tmp: string) {
  const node = await makeTestNode(tmp, 'national', 'ML');
  await seedReportData(node.db, { root: 'ML', quarter: QUARTER, owner: 'ML', now: TEST_NOW });
  await consolidateAll(node.db, { nodeCode: 'ML', now: TEST_NOW });
  return node;
}

/** Checks every figure of every table against `oise query` (queryFigure) for the same key. */
async function expectFiguresEqualQuery(db: Db, wb: ExcelJS.Workbook): Promise<number> {
  let checked = 0;
  for (const ws of wb.worksheets) {
    for (const cell of figureCells(ws)) {
      const trend = /^\d{4}Q[1-4]$/.test(cell.key);
      const answer = await queryFigure(db, {
        indicator: trend ? cell.unit : cell.key,
        unit: trend ? 'ML' : cell.unit,
        period: trend ? cell.key : QUARTER,
      });
      const shown = cell.value === null || cell.value === undefined ? null : cell.value;
      expect(shown, `${ws.name} ligne ${cell.row} ${cell.unit} ${cell.key}`).toBe(answer.value);
      checked++;
    }
  }
  return checked;
}

/** Total rows: every SUM formula's cached result equals the sum of the cells it covers. */
function expectSumsConsistent(wb: ExcelJS.Workbook): number {
  let sums = 0;
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        const v = cell.value as { formula?: string; result?: number } | null;
        const m = v?.formula ? /^SUM\(([A-Z]+)(\d+):[A-Z]+(\d+)\)$/.exec(v.formula) : null;
        if (!m) return;
        let total = 0;
        for (let r = Number(m[2]); r <= Number(m[3]); r++) {
          const x = ws.getCell(`${m[1]}${r}`).value;
          if (typeof x === 'number') total += x;
        }
        expect(v!.result).toBeCloseTo(total, 6);
        expect(typeof v!.result).toBe('number');
        sums++;
      }),
    );
  return sums;
}

function coverValue(wb: ExcelJS.Workbook, label: string): unknown {
  const ws = wb.getWorksheet('Couverture')!;
  let found: unknown;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2).value;
  });
  return found;
}

async function expectImagesValid(
  result: GeneratedReports,
  wb: ExcelJS.Workbook,
  report: string,
  unit: string,
) {
  const images = result.files.filter(
    (f) => f.kind !== 'report-workbook' && f.reportId === report && f.unitCode === unit,
  );
  expect(images.length).toBeGreaterThan(0);
  // Every chart and map is embedded in the workbook too.
  expect((wb.model as unknown as { media: unknown[] }).media.length).toBe(images.length);
  for (const f of images) {
    const bytes = readFileSync(f.path);
    expect(hasPngSignature(bytes), f.fileName).toBe(true);
    expect(pngSize(bytes), f.fileName).toEqual({ width: f.width, height: f.height });
    // The title band holds text: labels really render with the registered font.
    expect(await darkPixels(bytes, { x: 0, y: 0, width: f.width!, height: 40 }), f.fileName).toBeGreaterThan(
      100,
    );
  }
}

describe('standard reports read back', () => {
  test('national consolidated report: figures equal oise query, cover equals consolidate, charts and map valid', async ({
    tmp,
  }) => {
    const node = await seededNational(tmp);
    const result = await generateReports(node.db, {
      level: 'national',
      unitCode: 'ML',
      quarter: QUARTER,
      now: TEST_NOW,
      outDir: join(tmp, 'out'),
      ...(SHARED_DATA.available ? { boundariesFile: SHARED_DATA.regionsGeojson } : {}),
    });
    const report = result.reports[0]!;
    expect(report.workbook).toMatch(/rapport-national-ML-2025Q1\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(report.workbook);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Couverture',
      'Statuts des régions',
      'Complétude par région',
      'Régions côte à côte',
      'Tendances',
      'Élus par sexe et scolarisation',
      'Formations',
      'Partenariats',
      'Cartes',
    ]);
    expect(coverValue(wb, 'Trimestre')).toBe('1er trimestre 2025');
    expect(coverValue(wb, 'Niveau')).toBe('National');
    const c = await completenessOf(node.db, 'ML', QUARTER);
    expect(coverValue(wb, 'Communes ayant saisi')).toBe(c.reporting);
    expect(coverValue(wb, 'Communes attendues')).toBe(c.expected);
    expect(coverValue(wb, 'Complétude des données')).toBe(c.reporting / c.expected);
    expect(coverValue(wb, 'Date de génération')).toEqual(new Date(TEST_NOW));

    const checked = await expectFiguresEqualQuery(node.db, wb);
    // 3 regions + Mali × 12 indicators, 9 indicators × 8 quarters, the map's regions.
    expect(checked).toBeGreaterThanOrEqual(4 * 12 + 9 * 8);
    expect(expectSumsConsistent(wb)).toBeGreaterThan(5);

    const sides = wb.getWorksheet('Régions côte à côte')!;
    expect(sides.views[0]).toMatchObject({ state: 'frozen' });
    expect(String(sides.getRow(5).getCell(3).value)).toBe('Nombre de consultations curatives (nombre)');
    expect(sides.getRow(6).getCell(3).value).toBe('SAN_CONSULT_CURATIVES');
    expect(sides.getRow(7).getCell(3).numFmt).toBe('#,##0');
    expect(sides.views[0]).toMatchObject({ ySplit: 6, xSplit: 2 });

    // Officials by sex: the workbook's totals are the officials stored.
    const officials = await node.db
      .selectFrom('elected_official')
      .select(['sex'])
      .where('deleted', '=', 0)
      .execute();
    const elus = wb.getWorksheet('Élus par sexe et scolarisation')!;
    const totals: unknown[] = [];
    elus.eachRow((row) => {
      if (row.getCell(1).value === 'Total') totals.push(row.getCell(2).value, row.getCell(3).value);
    });
    expect((totals[0] as { result: number }).result).toBe(officials.filter((o) => o.sex === 'F').length);
    expect((totals[1] as { result: number }).result).toBe(officials.filter((o) => o.sex === 'M').length);

    await expectImagesValid(result, wb, 'national-consolidated', 'ML');
    // The map is drawn when Mali's boundaries are given (../shared/data), and only then.
    expect(result.files.some((f) => f.kind === 'report-map')).toBe(SHARED_DATA.available);
    await node.close();
  });

  test('CCC activity report and regional synthesis: commune and cercle figures, activities, statuses, notes', async ({
    tmp,
  }) => {
    const node = await seededNational(tmp);
    const result = await generateReports(node.db, {
      level: 'region',
      unitCode: 'ML04',
      quarter: QUARTER,
      now: TEST_NOW,
      outDir: join(tmp, 'out'),
    });
    // The synthesis and the CCC report of each of Ségou's three demo cercles.
    expect(result.reports.map((r) => `${r.id}:${r.unitCode}`)).toEqual([
      'regional-synthesis:ML04',
      'synthese-cro:ML04',
      'ccc-activity:ML0401',
      'ccc-activity:ML0402',
      'ccc-activity:ML0403',
    ]);
    // The CRO's synthesis has its own checks (packages/report committee-synthesis.test.ts).
    for (const report of result.reports.filter((r) => r.id !== 'synthese-cro')) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(report.workbook);
      expect(await expectFiguresEqualQuery(node.db, wb)).toBeGreaterThan(20);
      expectSumsConsistent(wb);
      const c = await completenessOf(node.db, report.unitCode, QUARTER);
      expect(coverValue(wb, 'Communes ayant saisi')).toBe(c.reporting);
      await expectImagesValid(result, wb, report.id, report.unitCode);
    }
    const ccc = new ExcelJS.Workbook();
    await ccc.xlsx.readFile(result.reports[2]!.workbook);
    const activities = await node.db
      .selectFrom('ccc_activity')
      .select(['org_unit_code', 'days'])
      .where('org_unit_code', 'like', 'ML0401%')
      .execute();
    const sheet = ccc.getWorksheet('Activités du CCC')!;
    let total: { result: number }[] = [];
    sheet.eachRow((row) => {
      if (row.getCell(1).value === 'Total')
        total = [row.getCell(2).value, row.getCell(3).value] as { result: number }[];
    });
    expect(total[0]!.result).toBe(activities.length);
    expect(total[1]!.result).toBe(activities.reduce((t, a) => t + a.days, 0));

    const synthesis = new ExcelJS.Workbook();
    await synthesis.xlsx.readFile(result.reports[0]!.workbook);
    const statuses = synthesis.getWorksheet('Statuts des trimestres')!;
    const byCercle = new Map<string, unknown[]>();
    statuses.eachRow((row) => {
      const code = row.getCell(1).value;
      if (typeof code === 'string' && /^ML04\d\d$/.test(code))
        byCercle.set(code, (row.values as unknown[]).slice(1));
    });
    // Seeded: the 1st cercle validated, the 2nd returned with a reason, the 3rd submitted.
    expect(byCercle.get('ML0401')?.[2]).toBe('Validé');
    expect(byCercle.get('ML0402')?.[2]).toBe('Renvoyé');
    expect(byCercle.get('ML0402')?.[9]).toMatch(/incomplètes/);
    expect(byCercle.get('ML0403')?.[2]).toBe('Transmis');
    const notes: string[] = [];
    synthesis.getWorksheet('Notes du CSR')!.eachRow((row) => {
      const text = row.getCell(5).value;
      if (typeof text === 'string' && text.startsWith('Le cercle')) notes.push(text);
    });
    expect(notes).toHaveLength(2);
    await node.close();
  });

  test('oise report at national registers the files as documents; re-running changes nothing', async ({
    tmp,
  }) => {
    const node = await seededNational(tmp);
    await node.close();
    const dir = join(tmp, 'ML');
    const run = async (now: string) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(
        [
          'report',
          '--dir',
          dir,
          '--quarter',
          '2025T1',
          '--json',
          ...(SHARED_DATA.available ? ['--boundaries', SHARED_DATA.cerclesGeojson] : []),
        ],
        {
          stdout: (s) => {
            stdout += s;
          },
          stderr: (s) => {
            stderr += s;
          },
          env: { OISE_NOW: now },
        },
      );
      expect(stderr).toBe('');
      expect(code).toBe(0);
      return JSON.parse(stdout);
    };
    const first = await run('2025-05-15T08:00:00.000Z');
    expect(first.period).toBe('2025Q1');
    expect(first.files[0].path).toBe(join(dir, 'reports', 'rapport-national-ML-2025Q1.xlsx'));
    expect(first.documents).toMatchObject({ inserted: first.files.length, updated: 0, removed: 0 });
    const second = await run('2025-05-16T08:00:00.000Z');
    expect(second.documents).toEqual({ inserted: 0, updated: 0, unchanged: first.files.length, removed: 0 });
    expect(second.reports[0].generatedAt).toBe('2025-05-15T08:00:00.000Z');

    const store = await openDatabase(join(dir, 'node.sqlite'));
    const docs = await store.db.selectFrom('document').selectAll().execute();
    expect(docs).toHaveLength(first.files.length);
    for (const d of docs) {
      expect(d).toMatchObject({ owner: 'ML', period: '2025Q1', revision: 1, deleted: 0 });
      expect(Buffer.from(d.content).length).toBe(d.size);
    }
    // New data: the workbook changes (revision 2), an unchanged chart keeps revision 1.
    await store.db
      .updateTable('data_value')
      .set({ value: 99_999, revision: 2 })
      .where('indicator_code', '=', 'SAN_CONSULT_CURATIVES')
      .where('period', '=', '2025Q1')
      .where('org_unit_code', '=', 'ML040101')
      .execute();
    await consolidateAll(store.db, { nodeCode: 'ML', now: TEST_NOW });
    await store.close();
    const third = await run('2025-05-17T08:00:00.000Z');
    expect(third.documents.updated).toBeGreaterThanOrEqual(1);
    const again = await openDatabase(join(dir, 'node.sqlite'));
    const workbook = await again.db
      .selectFrom('document')
      .selectAll()
      .where('kind', '=', 'report-workbook')
      .executeTakeFirstOrThrow();
    expect(workbook.revision).toBe(2);
    expect(workbook.updated_at).toBe('2025-05-17T08:00:00.000Z');
    const partners = await again.db
      .selectFrom('document')
      .select('revision')
      .where('file_name', 'like', '%partenariats-pays.png')
      .executeTakeFirstOrThrow();
    expect(partners.revision).toBe(1);
    await again.close();
  });

  test('maps: one per domain with data, the completeness map, the indicators of report.map-indicators; none all grey', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'national', 'ML');
    await seedReportData(node.db, { root: 'ML', quarter: QUARTER, owner: 'ML', now: TEST_NOW });
    // Nobody reported culture this quarter: its map would be grey all over.
    await node.db
      .deleteFrom('data_value')
      .where('indicator_code', 'like', 'CUL_%')
      .where('period', '=', QUARTER)
      .execute();
    await consolidateAll(node.db, { nodeCode: 'ML', now: TEST_NOW });
    await node.close();
    const dir = join(tmp, 'ML');
    const cli = async (...args: string[]) => {
      const run = await runCliCaptured(args, { OISE_NOW: TEST_NOW });
      expect(run.stderr, args.join(' ')).toBe('');
      expect(run.code, args.join(' ')).toBe(0);
      return run.stdout;
    };
    await cli('settings', '--dir', dir, 'report.boundaries', demoRegions(join(tmp, 'regions.geojson')));
    await cli('settings', '--dir', dir, 'report.map-indicators', 'HYD_PEM_FONCT, CUL_VISITEURS,NOPE');
    expect(JSON.parse(await cli('settings', '--dir', dir, '--json'))).toMatchObject({
      'report.map-indicators': 'HYD_PEM_FONCT, CUL_VISITEURS,NOPE',
    });
    expect(await cli('settings', '--dir', dir, '--help')).toContain('report.map-indicators');

    const result = JSON.parse(await cli('report', '--dir', dir, '--quarter', '2025T1', '--json'));
    const maps = (result.files as { kind: string; path: string }[]).filter((f) => f.kind === 'report-map');
    const stem = 'rapport-national-ML-2025Q1-carte-';
    expect(maps.map((f) => basename(f.path).replace(stem, ''))).toEqual([
      'completude.png',
      'san-tx-acc-assistes.png', // santé: its first rate with data
      'edu-tbs.png',
      'hyd-pem-fonct.png', // hydraulique: the indicator set in report.map-indicators
      'eco-marches.png', // no rate in économie: its first indicator
      'soc-assoc-femmes.png',
      'gov-tx-exec-budget.png',
      'elu-tx-alpha.png',
      'coop-tx-cofinancement.png',
    ]);
    for (const f of maps) expect(hasPngSignature(readFileSync(f.path)), f.path).toBe(true);

    // The sheet says why culture has no map, and every map's column holds values.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.reports[0].workbook);
    const ws = wb.getWorksheet('Cartes')!;
    const text: string[] = [];
    ws.getColumn(1).eachCell((c) => {
      text.push(String(c.value));
    });
    const notes = text.join('\n');
    expect(notes).toMatch(
      /« Nombre de visiteurs des sites touristiques » \(CUL_VISITEURS\) non publiée : aucune donnée/,
    );
    expect(notes).toMatch(/« NOPE » .*code absent du catalogue/);
    expect(notes).toMatch(/Culture : aucune donnée au 1er trimestre 2025, pas de carte/);
    expect(notes).toContain(
      'Carte 4 sur 9 — Nombre de PEM fonctionnels (nombre), choisi dans report.map-indicators',
    );
    let header = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(1).value === 'code') header = n;
    });
    const keys = (ws.getRow(header).values as unknown[]).slice(4);
    expect(keys).toEqual([
      'SAN_TX_ACC_ASSISTES',
      'EDU_TBS',
      'HYD_PEM_FONCT',
      'ECO_MARCHES',
      'SOC_ASSOC_FEMMES',
      'GOV_TX_EXEC_BUDGET',
      'ELU_TX_ALPHA',
      'COOP_TX_COFINANCEMENT',
    ]);
    for (let col = 3; col <= 11; col++) {
      const values = [1, 2, 3].map((i) => ws.getRow(header + i).getCell(col).value);
      expect(
        values.some((v) => typeof v === 'number'),
        `colonne ${col}`,
      ).toBe(true);
    }
  });
});

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
