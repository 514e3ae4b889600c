import { join } from 'node:path';
import { listIndicators } from '@oise/catalog';
import { consolidateAll, queryFigure } from '@oise/consolidate';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { loadFigureBook } from './figure-book.js';
import { generateReports } from './generate-reports.js';
import { seedReportData } from './test-support/report-seed.js';

const QUARTER = '2025Q1';

/** The row of a sheet whose first cell is `first`, as its cell values. */
function rowOf(ws: ExcelJS.Worksheet, first: string): unknown[] {
  let found: unknown[] = [];
  ws.eachRow((row) => {
    if (row.getCell(1).value === first) found = (row.values as unknown[]).slice(1);
  });
  return found;
}

describe('figures nobody reported in a report', () => {
  test('answer as oise query (0 communes out of those expected) and still count as expected entries', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const { db } = node;
    await seedReportData(db, {
      root: 'ML0401',
      quarter: QUARTER,
      quarters: 1,
      owner: 'ML0401',
      now: TEST_NOW,
    });
    // Nobody in the cercle gave SAN_CPN; the commune Konobougou (ML040106) gave nothing at all.
    await db.deleteFrom('data_value').where('indicator_code', '=', 'SAN_CPN').execute();
    await db.deleteFrom('data_value').where('org_unit_code', '=', 'ML040106').execute();
    await consolidateAll(db, { nodeCode: 'ML0401', now: TEST_NOW });

    const book = await loadFigureBook(db, ['ML0401', 'ML040106'], [QUARTER]);
    for (const [indicator, unit, expected] of [
      ['SAN_CPN', 'ML0401', 5],
      ['SAN_CPN', 'ML040106', 1],
      ['SAN_CONSULT_CURATIVES', 'ML040106', 1],
    ] as const) {
      const answer = await queryFigure(db, { indicator, unit, period: QUARTER });
      expect(book.get(indicator, unit, QUARTER), `${indicator} ${unit}`).toEqual({
        indicator,
        unit,
        period: QUARTER,
        category: '',
        value: null,
        numerator: null,
        denominator: null,
        reporting: 0,
        expected,
        onTime: 0,
        source: answer.source,
        computedBy: answer.computedBy,
      });
      expect(answer).toMatchObject({ value: null, reporting: 0, expected });
    }

    const result = await generateReports(db, {
      level: 'cercle',
      unitCode: 'ML0401',
      quarter: QUARTER,
      now: TEST_NOW,
      outDir: join(tmp, 'out'),
    });
    const entered = (await listIndicators(db)).filter(
      (d) => d.aggregation !== 'ratio' && d.valueType !== 'text',
    ).length;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(result.reports[0]!.workbook);
    // Konobougou: none of its indicators entered, every one expected.
    const konobougou = rowOf(wb.getWorksheet('Complétude par commune')!, 'ML040106');
    expect(konobougou.slice(2, 5)).toEqual([0, entered, 0]);
    // The cover: every commune expected for every indicator, SAN_CPN included.
    expect(rowOf(wb.getWorksheet('Couverture')!, 'Saisies attendues')[1]).toBe(5 * entered);
    expect(result.reports[0]!.entries.expected).toBe(5 * entered);
    expect(result.reports[0]!.entries.reporting).toBeLessThanOrEqual(4 * (entered - 1));
    await node.close();
  });
});
