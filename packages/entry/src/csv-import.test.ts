import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_NOW, makeTestNode, test } from '@oise/testkit';
import { parse } from 'csv-parse/sync';
import { describe, expect } from 'vitest';
import { importEntryFiles } from './import-files.js';

const CERCLE = { code: 'ML0401', level: 'cercle' as const };

/** A French Excel export gone wrong: BOM, CRLF, `;`, decimal commas, spaces in thousands … */
const HOSTILE = [
  'code_collectivite;code_indicateur;periode;categorie;valeur;commentaire',
  'ML040101;SAN_CSCOM;2025T1;;2;',
  'ML040101;GOV_BUDGET_PREVU;2025Q1;;12 500 000,5;budget primitif',
  'ML040106;GOV_DELAI_ACTES;2025Q1;;3,5',
  'ML030101;SAN_CSCOM;2025Q1;;1;commune de Kadiolo',
  'ML040109;SAN_CSCOM;2025Q1;;deux;',
  'ML040101;SAN_CSCOM;2025T1;;2;',
  '',
  'ML040110;SAN_CSCOM;2025Q1',
];

function writeHostile(dir: string): string {
  const path = join(dir, 'export-excel.csv');
  writeFileSync(path, `\ufeff${HOSTILE.join('\r\n')}`, 'utf8');
  return path;
}

describe('data-value CSV import', () => {
  test('refuses a hostile French Excel export with one finding per bad line and writes nothing', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const path = writeHostile(tmp);
    const result = await importEntryFiles(node.db, { node: CERCLE, files: [path], now: TEST_NOW });
    expect(result.accepted).toBe(false);
    expect(result.written).toBe(false);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.line, f.code])).toEqual([
      [5, 'ORG_UNIT_OUTSIDE_SCOPE'],
      [6, 'VALUE_NOT_NUMBER'],
      [7, 'DUPLICATE_ROW'],
      [9, 'VALUE_MISSING'],
    ]);
    expect(
      errors.every((f) => f.file === 'export-excel.csv' && f.column !== '' && /[a-zé]/.test(f.message)),
    ).toBe(true);
    expect(errors[0]!.column).toBe('A');
    expect(errors[1]!.column).toBe('E');
    expect(await node.db.selectFrom('data_value').selectAll().execute()).toEqual([]);
    expect(await node.db.selectFrom('journal').selectAll().execute()).toEqual([]);
    await node.close();
  });

  test('with partial, stores the good lines and writes exactly the bad ones beside the input', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const path = writeHostile(tmp);
    const result = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [path],
      now: TEST_NOW,
      partial: true,
    });
    expect(result.files[0]).toMatchObject({ kind: 'values', rows: 7, stored: 3, refused: 4 });
    const rows = await node.db.selectFrom('data_value').selectAll().orderBy('indicator_code').execute();
    expect(rows.map((r) => [r.org_unit_code, r.indicator_code, r.period, r.value, r.comment])).toEqual([
      ['ML040101', 'GOV_BUDGET_PREVU', '2025Q1', 12500000.5, 'budget primitif'],
      ['ML040106', 'GOV_DELAI_ACTES', '2025Q1', 3.5, null],
      ['ML040101', 'SAN_CSCOM', '2025Q1', 2, null],
    ]);
    expect(rows.every((r) => r.channel === 'csv' && r.author === 'ML0401')).toBe(true);
    expect(await node.db.selectFrom('journal').selectAll().execute()).toHaveLength(3);
    const rejectsPath = join(tmp, 'export-excel-rejets.csv');
    expect(result.files[0]!.rejectsFiles).toEqual([rejectsPath]);
    const text = readFileSync(rejectsPath, 'utf8');
    expect(text.startsWith('\ufeff')).toBe(true);
    const rejects = parse(text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(rejects.map((r) => [r.code_collectivite, r.valeur])).toEqual([
      ['ML030101', '1'],
      ['ML040109', 'deux'],
      ['ML040101', '2'],
      ['ML040110', ''],
    ]);
    expect(rejects.every((r) => (r.motif ?? '').length > 10)).toBe(true);

    // Importing the same file again stores nothing new and journals nothing.
    const again = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [path],
      now: TEST_NOW,
      partial: true,
    });
    expect(again.journalRows).toBe(0);
    expect(await node.db.selectFrom('journal').selectAll().execute()).toHaveLength(3);
    await node.close();
  });

  test('English headers, comma separator, F + M = total and part-of-whole rules, outliers as warnings', async ({
    tmp,
  }) => {
    const node = await makeTestNode(tmp, 'cercle', 'ML0401');
    const history = join(tmp, 'history.csv');
    writeFileSync(
      history,
      'org_unit,indicator,period,category,value\nML040101,SAN_CONSULT_CURATIVES,2024Q3,,400\nML040101,SAN_CONSULT_CURATIVES,2024Q4,,420\n',
    );
    const first = await importEntryFiles(node.db, { node: CERCLE, files: [history], now: TEST_NOW });
    expect(first.errors).toBe(0);
    const path = join(tmp, 'values.csv');
    writeFileSync(
      path,
      [
        'org_unit,indicator,period,category,value,comment',
        'ML040101,EDU_ELEVES_INSCRITS,2025Q1,F,10,',
        'ML040101,EDU_ELEVES_INSCRITS,2025Q1,M,12,',
        'ML040101,EDU_ELEVES_INSCRITS,2025Q1,,25,',
        'ML040101,SAN_CSCOM,2025Q1,,2,',
        'ML040101,SAN_CSCOM_FONCT,2025Q1,,3,',
        'ML040101,SAN_CONSULT_CURATIVES,2025Q1,,4100,',
        'ML040101,SAN_TX_ACC_ASSISTES,2025Q1,,50,',
        'ML040101,SAN_CSCOM,2026Q1,,2,',
        'ML040101,NOPE,2025Q1,,2,',
      ].join('\n'),
    );
    const result = await importEntryFiles(node.db, {
      node: CERCLE,
      files: [path],
      now: TEST_NOW,
      dryRun: true,
    });
    const codes = result.findings.map((f) => [f.line, f.severity, f.code]);
    expect(codes).toEqual([
      [2, 'error', 'SEX_SUM_MISMATCH'],
      [3, 'error', 'SEX_SUM_MISMATCH'],
      [4, 'error', 'SEX_SUM_MISMATCH'],
      [5, 'error', 'PART_ABOVE_WHOLE'],
      [6, 'error', 'PART_ABOVE_WHOLE'],
      [7, 'warning', 'VALUE_OUTLIER'],
      [8, 'error', 'INDICATOR_COMPUTED'],
      [9, 'error', 'PERIOD_FUTURE'],
      [10, 'error', 'INDICATOR_UNKNOWN'],
    ]);
    expect(result.findings.find((f) => f.code === 'VALUE_OUTLIER')!.message).toContain(
      'entre 102,5 et 1 640',
    );
    await node.close();
  });
});
