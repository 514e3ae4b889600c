import { join } from 'node:path';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import ExcelJS from 'exceljs';
import { describe, expect } from 'vitest';
import { importEntryFiles } from './import-files.js';
import { writeEntryWorkbook } from './workbook-template.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };

/** Finds the entry cell of an indicator/category for a commune, as a person reads the sheet. */
function entryCell(ws: ExcelJS.Worksheet, commune: string, indicator: string, category: '' | 'F' | 'M') {
  let row = 0;
  ws.getColumn(1).eachCell((cell, r) => {
    if (cell.value === commune) row = r;
  });
  let first = 0;
  ws.getRow(3).eachCell((cell, c) => {
    if (String(cell.value ?? '').startsWith(`${indicator} ·`) && first === 0) first = c;
  });
  expect(row).toBeGreaterThan(0);
  expect(first).toBeGreaterThan(0);
  const offset = { F: 0, M: 2, '': ws.getCell(4, first).value === 'F' ? 4 : 0 }[category];
  return ws.getCell(row, first + offset);
}

describe('entry workbook', () => {
  test('a template filled programmatically imports back exactly the values written', async ({ tmp }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const out = join(tmp, 'saisie.xlsx');
    const summary = await writeEntryWorkbook(node.db, {
      node: CERCLE,
      quarter: '2025T1',
      now: TEST_NOW,
      out,
    });
    expect(summary.communes).toBe(5);
    expect(summary.sheets).toContain('Santé');
    expect(summary.sheets).toContain('Liste des élus');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.getWorksheet('_oise')?.state).toBe('veryHidden');
    const sante = wb.getWorksheet('Santé')!;
    expect(sante.views[0]).toMatchObject({ state: 'frozen', ySplit: 4 });
    // Ratio indicators are computed, never offered for entry.
    const headers: string[] = [];
    for (const ws of wb.worksheets) ws.getRow(3).eachCell((c) => headers.push(String(c.value)));
    expect(headers.some((h) => h.startsWith('SAN_TX_'))).toBe(false);
    expect(entryCell(sante, 'ML040106', 'SAN_CSCOM', '').dataValidation).toMatchObject({
      type: 'whole',
      formulae: [0, 30],
    });
    expect(entryCell(sante, 'ML040106', 'SAN_CSCOM', '').protection).toMatchObject({ locked: false });

    const written: {
      sheet: string;
      commune: string;
      indicator: string;
      category: '' | 'F' | 'M';
      value: number | string;
    }[] = [
      { sheet: 'Santé', commune: 'ML040106', indicator: 'SAN_CSCOM', category: '', value: 4 },
      { sheet: 'Santé', commune: 'ML040106', indicator: 'SAN_CSCOM_FONCT', category: '', value: 3 },
      { sheet: 'Santé', commune: 'ML040101', indicator: 'SAN_PERS_QUALIF', category: '', value: 27 },
      {
        sheet: 'Éducation',
        commune: 'ML040109',
        indicator: 'EDU_ELEVES_INSCRITS',
        category: 'F',
        value: 812,
      },
      {
        sheet: 'Éducation',
        commune: 'ML040109',
        indicator: 'EDU_ELEVES_INSCRITS',
        category: 'M',
        value: 790,
      },
      {
        sheet: 'Éducation',
        commune: 'ML040109',
        indicator: 'EDU_ELEVES_INSCRITS',
        category: '',
        value: 1602,
      },
      {
        sheet: 'Gouvernance',
        commune: 'ML040110',
        indicator: 'GOV_BUDGET_PREVU',
        category: '',
        value: 125000000.5,
      },
      { sheet: 'Gouvernance', commune: 'ML040110', indicator: 'GOV_BUDGET_VOTE', category: '', value: 'oui' },
    ];
    for (const w of written)
      entryCell(wb.getWorksheet(w.sheet)!, w.commune, w.indicator, w.category).value = w.value;
    const officials = wb.getWorksheet('Liste des élus')!;
    officials.getRow(2).values = [
      'Konobougou (ML040106)',
      'Awa Traoré',
      'Maire',
      'F',
      1971,
      'Secondaire',
      'oui',
      2016,
      2021,
    ];
    await wb.xlsx.writeFile(out);

    const result = await importEntryFiles(node.db, { node: CERCLE, files: [out], now: TEST_NOW });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(result.written).toBe(true);
    const rows = await node.db.selectFrom('data_value').selectAll().where('period', '=', '2025Q1').execute();
    const got = Object.fromEntries(
      rows.map((r) => [`${r.org_unit_code}|${r.indicator_code}|${r.category}`, r.value]),
    );
    expect(got).toEqual({
      'ML040106|SAN_CSCOM|': 4,
      'ML040106|SAN_CSCOM_FONCT|': 3,
      'ML040101|SAN_PERS_QUALIF|': 27,
      'ML040109|EDU_ELEVES_INSCRITS|F': 812,
      'ML040109|EDU_ELEVES_INSCRITS|M': 790,
      'ML040109|EDU_ELEVES_INSCRITS|': 1602,
      'ML040110|GOV_BUDGET_PREVU|': 125000000.5,
      'ML040110|GOV_BUDGET_VOTE|': 1,
    });
    expect(rows.every((r) => r.owner === 'ML0401' && r.revision === 1 && r.channel === 'xlsx')).toBe(true);
    const elus = await node.db.selectFrom('elected_official').selectAll().execute();
    expect(elus).toMatchObject([
      {
        org_unit_code: 'ML040106',
        full_name: 'Awa Traoré',
        role: 'maire',
        sex: 'F',
        schooling: 'secondaire',
        literate: 1,
        birth_year: 1971,
      },
    ]);

    // Re-importing the same workbook changes nothing.
    const journal = await node.db.selectFrom('journal').selectAll().execute();
    const again = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [out],
      now: '2025-04-11T09:00:00.000Z',
    });
    expect(again.journalRows).toBe(0);
    expect(await node.db.selectFrom('journal').selectAll().execute()).toHaveLength(journal.length);

    // The next template pre-fills what is stored.
    const next = join(tmp, 'saisie-2.xlsx');
    const s2 = await writeEntryWorkbook(node.db, {
      node: CERCLE,
      quarter: '2025Q1',
      now: TEST_NOW,
      out: next,
    });
    expect(s2.prefilled).toBe(8);
    await node.close();
  });
});
