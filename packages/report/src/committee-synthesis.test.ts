import { readFileSync } from 'node:fs';
import { consolidateAll, queryFigure } from '@oise/consolidate';
import { insertSubmission } from '@oise/consolidate/test-support';
import type { Node } from '@oise/node';
import { makeTestNode, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { publishReports } from './publish-reports.js';
import { seedReportData } from './test-support/report-seed.js';

const QUARTER = '2025Q1';
const PREVIOUS = '2024Q4';
/** After every due date of 2025Q1: what has not arrived is late. */
const NOW = '2025-05-20T08:00:00.000Z';
/** The key figures' labels, as the catalog names them (a rate with its unit). */
const LABELS: Record<string, string> = {
  SAN_CONSULT_CURATIVES: 'Nombre de consultations curatives',
  SAN_TX_ACC_ASSISTES: "Taux d'accouchements assistés (%)",
  EDU_ELEVES_INSCRITS: "Nombre d'élèves inscrits au premier cycle du fondamental",
  HYD_TX_ACCES: "Taux d'accès à l'eau potable (%)",
};
const SCRIPT_NOTE = 'Saisie <script>alert("piège")</script> & santé à revoir.';

/** The synthesis' sheet as rows of cell values (merged cells give their value once, in their first cell). */
async function readSynthesis(file: string): Promise<{ ws: ExcelJS.Worksheet; rows: unknown[][] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['Synthèse']);
  const ws = wb.getWorksheet('Synthèse')!;
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    const cells: unknown[] = [];
    row.eachCell((cell) => {
      if (cell.master === cell) cells.push(cell.value);
    });
    rows[n - 1] = cells;
  });
  return { ws, rows: Array.from(rows, (r) => r ?? []) };
}

/** The rows under the table header whose first cell is `header`, until a blank or a section title. */
function tableRows(rows: unknown[][], header: string, second?: string): unknown[][] {
  const start = rows.findIndex((r) => r[0] === header && (second === undefined || r[1] === second));
  expect(start, `tableau « ${header} »`).toBeGreaterThan(-1);
  const out: unknown[][] = [];
  for (const r of rows.slice(start + 1)) {
    if (r.length === 0 || r[0] === undefined || r[0] === null) break;
    out.push(r);
  }
  return out;
}

/** Checks the key figures against `oise query` (queryFigure) for both quarters, and the change. */
async function expectKeyFigures(node: Node, unit: string, rows: unknown[][]) {
  const keyRows = tableRows(rows, 'Indicateur');
  expect(keyRows).toHaveLength(10);
  let compared = 0;
  for (const indicator of Object.keys(LABELS)) {
    const current = (await queryFigure(node.db, { indicator, unit, period: QUARTER })).value;
    const previous = (await queryFigure(node.db, { indicator, unit, period: PREVIOUS })).value;
    const row = keyRows.find((r) => r[0] === LABELS[indicator])!;
    expect(row, indicator).toBeDefined();
    expect(row[1], `${indicator} ${QUARTER}`).toBe(current ?? undefined);
    expect(row[2], `${indicator} ${PREVIOUS}`).toBe(previous ?? undefined);
    if (current === null || previous === null) continue;
    expect(row[3] as number).toBeCloseTo(current - previous, 6);
    const words = row[4] as string;
    if (indicator.includes('_TX_')) {
      const points = Math.round(Math.abs(current - previous) * 10) / 10;
      expect(words).toBe(
        points === 0
          ? 'stable'
          : `${current > previous ? 'en hausse' : 'en baisse'} de ${String(points).replace('.', ',')} point${points >= 2 ? 's' : ''}`,
      );
    } else {
      const percent = Math.round((Math.abs(current - previous) / previous) * 100);
      expect(words).toBe(
        percent === 0 ? 'stable' : `${current > previous ? 'en hausse' : 'en baisse'} de ${percent} %`,
      );
    }
    compared++;
  }
  expect(compared).toBeGreaterThanOrEqual(3);
}

/** The printable form beside the workbook: French, escaped, the same title, figures and names. */
function readHtml(workbook: string): string {
  const html = readFileSync(workbook.replace(/\.xlsx$/, '.html'), 'utf8');
  expect(html).toMatch(/^<!doctype html>\n<html lang="fr">/);
  expect(html).toContain('<meta charset="utf-8">');
  expect(html).toContain('@page { size: A4;');
  expect(html).not.toMatch(/(src|href)=/);
  return html;
}

async function seeded(tmp: string, level: 'cercle' | 'region' | 'national', code: string): Promise<Node> {
  const node = await makeTestNode(tmp, level, code);
  await seedReportData(node.db, { root: code, quarter: QUARTER, quarters: 2, owner: code, now: NOW });
  return node;
}

describe('the committees’ syntheses, generated with the reports', () => {
  test('cercle → CLO: key figures and their change, communes without values, the CSR’s note', async ({
    tmp,
  }) => {
    const node = await seeded(tmp, 'cercle', 'ML0401');
    try {
      // Tamani entered nothing this quarter; the CSR's note came down with a hostile text.
      await node.db
        .deleteFrom('data_value')
        .where('org_unit_code', '=', 'ML040112')
        .where('period', '=', QUARTER)
        .execute();
      await node.db
        .updateTable('quarter_note')
        .set({ text: SCRIPT_NOTE })
        .where('org_unit_code', '=', 'ML0401')
        .execute();
      await consolidateAll(node.db, { nodeCode: 'ML0401', now: NOW });
      const published = await publishReports(node, { quarter: '2025T1', now: NOW });
      expect(published.reports.map((r) => r.id)).toEqual(['ccc-activity', 'synthese-clo']);
      const report = published.reports[1]!;
      expect(report.workbook).toMatch(/synthese-CLO-ML0401-2025Q1\.xlsx$/);
      expect(
        published.files.filter((f) => f.reportId === 'synthese-clo').map((f) => [f.fileName, f.kind]),
      ).toEqual([
        ['synthese-CLO-ML0401-2025Q1.xlsx', 'report-workbook'],
        ['synthese-CLO-ML0401-2025Q1.html', 'report-print'],
      ]);

      const { ws, rows } = await readSynthesis(report.workbook);
      expect(rows[0]![0]).toBe('Synthèse pour le CLO de Barouéli — 1er trimestre 2025');
      expect(rows[1]![0]).toMatch(
        /^Comité local d'orientation \(CLO\) — Cercle de Barouéli \(ML0401\) — document du 20 mai 2025$/,
      );
      expect(ws.pageSetup).toMatchObject({
        orientation: 'portrait',
        paperSize: 9,
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
      });
      expect(ws.headerFooter.oddFooter).toMatch(/page &P sur &N$/);
      await expectKeyFigures(node, 'ML0401', rows);
      expect(tableRows(rows, 'Commune')).toEqual([['Tamani', 'ML040112', 'aucune valeur saisie']]);
      expect(
        rows.some(
          (r) =>
            r[0] ===
            '1er trimestre 2025, communes du cercle de Barouéli : 1 commune sur 5 sans aucune valeur saisie.',
        ),
      ).toBe(true);
      const notes = tableRows(rows, 'Cercle, auteur et date', 'Note du CSR');
      expect(notes).toEqual([['Barouéli\nCSR, 20 mai 2025', SCRIPT_NOTE]]);

      const html = readHtml(report.workbook);
      expect(html).toContain('<h1>Synthèse pour le CLO de Barouéli — 1er trimestre 2025</h1>');
      expect(html).toContain(
        'Saisie &lt;script&gt;alert(&quot;piège&quot;)&lt;/script&gt; &amp; santé à revoir.',
      );
      expect(html).not.toContain('<script');
      expect(html).toContain('<th scope="row">Tamani</th>');
    } finally {
      await node.close();
    }
  });

  test('region → CRO: the cercle that did not send its quarter, the CSR’s notes on its cercles', async ({
    tmp,
  }) => {
    const node = await seeded(tmp, 'region', 'ML04');
    try {
      // Bla's quarter never arrived (the seed had it submitted).
      for (const table of ['quarter_submission', 'quarter_reception'] as const)
        await node.db.deleteFrom(table).where('org_unit_code', '=', 'ML0403').execute();
      await consolidateAll(node.db, { nodeCode: 'ML04', now: NOW });
      const published = await publishReports(node, { quarter: QUARTER, now: NOW, withCercleReports: false });
      expect(published.reports.map((r) => r.id)).toEqual(['regional-synthesis', 'synthese-cro']);
      const { rows } = await readSynthesis(published.reports[1]!.workbook);
      expect(rows[0]![0]).toBe('Synthèse pour le CRO de Ségou — 1er trimestre 2025');
      await expectKeyFigures(node, 'ML04', rows);
      expect(tableRows(rows, 'Cercle')[0]).toEqual([
        'Bla',
        'non transmis',
        new Date('2025-04-15T00:00:00Z'),
        'en retard',
        '5 sur 5',
      ]);
      // The seed's CSR wrote on the validated and the returned cercle.
      const notes = tableRows(rows, 'Cercle, auteur et date', 'Note du CSR');
      expect(notes.map((n) => (n[0] as string).split('\n')[0])).toEqual(['Barouéli', 'Ségou']);
      expect(notes[0]![1]).toMatch(/^Le cercle de Barouéli a bien progressé/);

      const html = readHtml(published.reports[1]!.workbook);
      expect(html).toContain('<h1>Synthèse pour le CRO de Ségou — 1er trimestre 2025</h1>');
      expect(html).toContain(
        '<th scope="row">Bla</th><td>non transmis</td><td>15 avril 2025</td><td>en retard</td><td>5 sur 5</td>',
      );
    } finally {
      await node.close();
    }
  });

  test('national → CNO: the regions that did not forward, cercles and communes counted, the regions’ notes', async ({
    tmp,
  }) => {
    const node = await seeded(tmp, 'national', 'ML');
    try {
      // Ségou forwarded its quarter; Koulikoro and Sikasso did not.
      await insertSubmission(node.db, 'ML04', QUARTER, '2025-04-25T09:00:00.000Z');
      await node.db
        .deleteFrom('data_value')
        .where('org_unit_code', 'like', 'ML0301%')
        .where('period', '=', QUARTER)
        .execute();
      await consolidateAll(node.db, { nodeCode: 'ML', now: NOW });
      const published = await publishReports(node, { quarter: QUARTER, now: NOW });
      expect(published.reports.map((r) => r.id)).toEqual(['national-consolidated', 'synthese-cno']);
      const names = published.files.filter((f) => f.reportId === 'synthese-cno').map((f) => f.fileName);
      expect(names).toEqual(['synthese-CNO-ML-2025Q1.xlsx', 'synthese-CNO-ML-2025Q1.html']);
      // Published as documents, to go down with the national report.
      const docs = await node.db
        .selectFrom('document')
        .select(['file_name', 'kind', 'title'])
        .where('file_name', 'in', names)
        .execute();
      expect(docs.sort((a, b) => a.file_name.localeCompare(b.file_name))).toEqual([
        {
          file_name: 'synthese-CNO-ML-2025Q1.html',
          kind: 'report-print',
          title: 'Synthèse pour le CNO : version à imprimer',
        },
        { file_name: 'synthese-CNO-ML-2025Q1.xlsx', kind: 'report-workbook', title: 'Synthèse pour le CNO' },
      ]);

      const { rows } = await readSynthesis(published.reports[1]!.workbook);
      expect(rows[0]![0]).toBe('Synthèse pour le CNO — 1er trimestre 2025');
      await expectKeyFigures(node, 'ML', rows);
      expect(tableRows(rows, 'Région').map((r) => r[0])).toEqual(['Koulikoro', 'Sikasso']);
      // Kadiolo (ML0301) entered nothing: 1 cercle of 9 and its 5 communes.
      expect(
        rows.some((r) => r[0] === 'Plus bas, sans aucune valeur : 1 cercle sur 9 et 5 communes sur 45.'),
      ).toBe(true);
      const notes = tableRows(rows, 'Cercle, auteur et date', 'Note du CSR');
      expect(notes.map((n) => (n[0] as string).split('\n')[0])).toEqual([
        'Koulikoro (Koulikoro)',
        'Banamba (Koulikoro)',
        'Kadiolo (Sikasso)',
        'Bougouni (Sikasso)',
        'Barouéli (Ségou)',
        'Ségou (Ségou)',
      ]);
      const html = readHtml(published.reports[1]!.workbook);
      expect(html).toContain('<th scope="row">Sikasso</th>');
      expect(html).toContain('Bougouni (Sikasso)');
    } finally {
      await node.close();
    }
  });
});
